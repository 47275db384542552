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

  private static final RetryPolicy DEFAULTS = RetryPolicy.defaults();

  private static PockettoProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("pocketto", PockettoProperties.class);
  }

  private static void assertRetries(PockettoProperties properties, int maxAttempts, Duration initialBackoff,
      Duration maxBackoff) {
    RetryPolicy policy = properties.retry().toPolicy();
    assertThat(policy.maxAttempts()).as("maxAttempts").isEqualTo(maxAttempts);
    assertThat(policy.initialBackoff()).as("initialBackoff").isEqualTo(initialBackoff);
    assertThat(policy.maxBackoff()).as("maxBackoff").isEqualTo(maxBackoff);
  }

  @Test
  void nothingSetCreatesTablesWithTheDefaultWriterAndRetryPolicy() {
    PockettoProperties properties = bind(Map.of());

    assertThat(properties.createTables()).isTrue();
    assertThat(properties.writer()).isNull();
    assertRetries(properties, DEFAULTS.maxAttempts(), DEFAULTS.initialBackoff(), DEFAULTS.maxBackoff());
  }

  @Test
  void setValuesAreBoundAndTheUnsetRetryValuesKeepThePolicysDefaults() {
    PockettoProperties properties = bind(Map.of(
        "pocketto.create-tables", "false",
        "pocketto.writer", "billing-service",
        "pocketto.retry.initial-backoff", "5ms"));

    assertThat(properties.createTables()).isFalse();
    assertThat(properties.writer()).isEqualTo("billing-service");
    assertRetries(properties, DEFAULTS.maxAttempts(), Duration.ofMillis(5), DEFAULTS.maxBackoff());
  }

  @Test
  void everyRetryValueSetMakesThatPolicy() {
    PockettoProperties properties = bind(Map.of(
        "pocketto.retry.max-attempts", "3",
        "pocketto.retry.initial-backoff", "2ms",
        "pocketto.retry.max-backoff", "1s"));

    assertRetries(properties, 3, Duration.ofMillis(2), Duration.ofSeconds(1));
  }
}
