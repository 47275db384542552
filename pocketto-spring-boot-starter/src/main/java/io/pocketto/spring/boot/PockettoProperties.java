package io.pocketto.spring.boot;

import io.pocketto.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code pocketto.*} properties of the Spring Boot starter, e.g. {@code pocketto.create-tables=false},
 * {@code pocketto.writer=billing-service} or {@code pocketto.retry.max-attempts=20}. Spring binds them
 * through the record's constructor, so they cannot change once the database is built from them.
 *
 * @param createTables whether Pocketto creates each model's table on first use and adds columns for new
 *     fields (default {@code true}); turn it off when Flyway or Liquibase own the schema, and put the DDL
 *     of {@code Database.schemaStatements} there
 * @param writer the database's writer: who its revisions are recorded as written by, and who holds its
 *     locks, unless a request sets one with {@code Database.as(...)}; {@code null} (unset) keeps Pocketto's
 *     own default for the database
 * @param retry how incremental writes and conflict handlers retry after a 409 ({@code pocketto.retry.*})
 */
@ConfigurationProperties("pocketto")
public record PockettoProperties(@DefaultValue("true") boolean createTables, String writer, @DefaultValue Retry retry) {

  /**
   * {@code pocketto.retry.*}: the {@link RetryPolicy}; a value left unset is the policy's default.
   *
   * @param maxAttempts the most writes attempted in all (1 means no retry)
   * @param initialBackoff the bound of the first pause between retries
   * @param maxBackoff the largest bound a pause grows to
   */
  public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Takes the policy's default for every value Spring found unset ({@code null}). */
    public Retry {
      RetryPolicy defaults = RetryPolicy.defaults();
      maxAttempts = maxAttempts != null ? maxAttempts : defaults.maxAttempts();
      initialBackoff = initialBackoff != null ? initialBackoff : defaults.initialBackoff();
      maxBackoff = maxBackoff != null ? maxBackoff : defaults.maxBackoff();
    }

    /** These values as a policy. */
    public RetryPolicy toPolicy() {
      return RetryPolicy.defaults().withMaxAttempts(maxAttempts).withBackoff(initialBackoff, maxBackoff);
    }
  }
}
