package io.pocketto;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;

/**
 * How to open a database, as {@link Pocketto.Builder} collected it: either a JDBC URL (with credentials and a
 * pool size) or the application's {@code DataSource}, then the options that apply to both. Immutable; made by
 * {@link Pocketto.Builder#connect()} and read by the {@link DatabaseProvider}.
 */
public final class DatabaseSettings {
  private final String url;
  private final String user;
  private final String password;
  private final int maxPoolSize;
  private final DataSource dataSource;
  private final TransactionJoiner transactionJoiner;
  private final boolean createTables;
  private final RetryPolicy retryPolicy;
  // Typed as Micrometer's, which the runtime depends on optionally: a field's type is loaded only when used.
  private final MeterRegistry meterRegistry;

  DatabaseSettings(String url, String user, String password, int maxPoolSize, DataSource dataSource,
      TransactionJoiner transactionJoiner, boolean createTables, RetryPolicy retryPolicy,
      MeterRegistry meterRegistry) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.maxPoolSize = maxPoolSize;
    this.dataSource = dataSource;
    this.transactionJoiner = transactionJoiner;
    this.createTables = createTables;
    this.retryPolicy = retryPolicy;
    this.meterRegistry = meterRegistry;
  }

  /** The JDBC URL to open a pool of Pocketto's own on; {@code null} when a {@link #dataSource()} is given. */
  public String url() {
    return url;
  }

  /** The user for {@link #url()}, or {@code null}. */
  public String user() {
    return user;
  }

  /** The password for {@link #url()}, or {@code null}. */
  public String password() {
    return password;
  }

  /** The most connections Pocketto's own pool keeps for {@link #url()}. */
  public int maxPoolSize() {
    return maxPoolSize;
  }

  /** The application's pool to borrow connections from; {@code null} when a {@link #url()} is given. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Finds the application's transactions to join; {@code null} for none. */
  public TransactionJoiner transactionJoiner() {
    return transactionJoiner;
  }

  /** Whether each model's table is created on first use and migrated for new fields. */
  public boolean createTables() {
    return createTables;
  }

  /** The retry policy of incremental writes and conflict handlers. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The registry to count and time the database's work in, as the application gave it; {@code null} for none. */
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** The settings without the password (nor the registry, whose class may be missing). */
  @Override
  public String toString() {
    return "DatabaseSettings{" + (dataSource != null ? "dataSource=" + dataSource : "url=" + url + ", user=" + user
        + ", maxPoolSize=" + maxPoolSize) + ", createTables=" + createTables + ", retryPolicy=" + retryPolicy
        + ", transactionJoiner=" + transactionJoiner + ", metered=" + (meterRegistry != null) + "}";
  }
}
