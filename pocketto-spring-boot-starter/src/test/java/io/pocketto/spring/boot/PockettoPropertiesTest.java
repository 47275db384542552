package io.pocketto.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How Spring binds {@code pocketto.*}: what is set, and the defaults for what is not. */
class PockettoPropertiesTest {

  private static PockettoProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("pocketto", PockettoProperties.class);
  }

  @Test
  void nothingSetCreatesTablesWithTheDefaultWriterAndRetryPolicy() {
    PockettoProperties properties = bind(Map.of());

    RetryPolicy defaults = RetryPolicy.defaults();
    assertThat(properties.createTables()).isTrue();
    assertThat(properties.writer()).isNull();
    assertThat(properties.retry().maxAttempts()).isEqualTo(defaults.maxAttempts());
    assertThat(properties.retry().initialBackoff()).isEqualTo(defaults.initialBackoff());
    assertThat(properties.retry().maxBackoff()).isEqualTo(defaults.maxBackoff());
  }

  @Test
  void setValuesAreBoundAndTheUnsetRetryValuesKeepThePolicysDefaults() {
    PockettoProperties properties = bind(Map.of(
        "pocketto.create-tables", "false",
        "pocketto.writer", "billing-service",
        "pocketto.retry.initial-backoff", "5ms"));

    RetryPolicy policy = properties.retry().toPolicy();
    assertThat(properties.createTables()).isFalse();
    assertThat(properties.writer()).isEqualTo("billing-service");
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(5));
    assertThat(policy.maxAttempts()).isEqualTo(RetryPolicy.defaults().maxAttempts());
    assertThat(policy.maxBackoff()).isEqualTo(RetryPolicy.defaults().maxBackoff());
  }

  @Test
  void everyRetryValueSetMakesThatPolicy() {
    PockettoProperties properties = bind(Map.of(
        "pocketto.retry.max-attempts", "3",
        "pocketto.retry.initial-backoff", "2ms",
        "pocketto.retry.max-backoff", "1s"));

    RetryPolicy policy = properties.retry().toPolicy();
    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(2));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
  }
}
