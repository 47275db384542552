package io.pocketto.spring.boot;

import io.pocketto.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pocketto.*} properties of the Spring Boot starter, e.g. {@code pocketto.create-tables=false},
 * {@code pocketto.writer=billing-service} or {@code pocketto.retry.max-attempts=20}.
 */
@ConfigurationProperties("pocketto")
public class PockettoProperties {
  /**
   * Whether Pocketto creates each model's table on first use and adds columns for new fields. Turn it off
   * when Flyway or Liquibase own the schema; Database.schemaStatements gives the DDL to put there.
   */
  private boolean createTables = true;

  /**
   * The database's writer: who its revisions are recorded as written by, and who holds its locks, unless a
   * request sets one with Database.as(...). Unset, Pocketto's own default for the database applies.
   */
  private String writer;

  /** How incremental writes and conflict handlers retry after a 409. */
  private final Retry retry = new Retry();

  public boolean isCreateTables() {
    return createTables;
  }

  public void setCreateTables(boolean createTables) {
    this.createTables = createTables;
  }

  public String getWriter() {
    return writer;
  }

  public void setWriter(String writer) {
    this.writer = writer;
  }

  public Retry getRetry() {
    return retry;
  }

  /** {@code pocketto.retry.*}: the {@link RetryPolicy}; unset values keep the defaults. */
  public static class Retry {
    /** The most writes attempted in all (1 means no retry). */
    private int maxAttempts = RetryPolicy.defaults().maxAttempts();
    /** The bound of the first pause between retries. */
    private Duration initialBackoff = RetryPolicy.defaults().initialBackoff();
    /** The largest bound a pause grows to. */
    private Duration maxBackoff = RetryPolicy.defaults().maxBackoff();

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** These values as a policy. */
    public RetryPolicy toPolicy() {
      return RetryPolicy.defaults().withMaxAttempts(maxAttempts).withBackoff(initialBackoff, maxBackoff);
    }
  }
}
