package io.pocketto;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * How to open a database, as {@link Pocketto.Builder} collected it: either a JDBC URL (with credentials and a
 * pool size) or the application's {@code DataSource}, then the options that apply to both. Made by
 * {@link Pocketto.Builder#connect()} and read by the {@link DatabaseProvider}.
 *
 * @param url the JDBC URL to open a pool of Pocketto's own on; {@code null} when a {@link #dataSource()} is given
 * @param user the user for {@link #url()}, or {@code null}
 * @param password the password for {@link #url()}, or {@code null}
 * @param maxPoolSize the most connections Pocketto's own pool keeps for {@link #url()}
 * @param dataSource the application's pool to borrow connections from; {@code null} when a {@link #url()} is given
 * @param transactionJoiner finds the application's transactions to join; {@code null} for none
 * @param createTables whether each model's table is created on first use and migrated for new fields
 * @param retryPolicy the retry policy of incremental writes and conflict handlers
 * @param meterRegistry the registry to count and time the database's work in, as the application gave it;
 *     {@code null} for none
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, DataSource dataSource,
    TransactionJoiner transactionJoiner, boolean createTables, RetryPolicy retryPolicy,
    // Typed as Micrometer's, which the runtime depends on optionally: a field's type is loaded only when used.
    MeterRegistry meterRegistry) {

  /** The settings without the password (nor the registry, whose class may be missing). */
  @Override
  public String toString() {
    return "DatabaseSettings{" + (dataSource != null ? "dataSource=" + dataSource : "url=" + url + ", user=" + user
        + ", maxPoolSize=" + maxPoolSize) + ", createTables=" + createTables + ", retryPolicy=" + retryPolicy
        + ", transactionJoiner=" + transactionJoiner + ", metered=" + (meterRegistry != null) + "}";
  }

  /**
   * Whether {@code other} holds the same settings. Written out because a record's generated comparison
   * loads the class of every component, and Micrometer's may be missing.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof DatabaseSettings that && Objects.equals(url, that.url) && Objects.equals(user, that.user)
        && Objects.equals(password, that.password) && maxPoolSize == that.maxPoolSize
        && Objects.equals(dataSource, that.dataSource) && Objects.equals(transactionJoiner, that.transactionJoiner)
        && createTables == that.createTables && Objects.equals(retryPolicy, that.retryPolicy)
        && Objects.equals(meterRegistry, that.meterRegistry);
  }

  /** A hash of every setting; written out for the reason {@link #equals} is. */
  @Override
  public int hashCode() {
    return Objects.hash(url, user, password, maxPoolSize, dataSource, transactionJoiner, createTables, retryPolicy,
        meterRegistry);
  }
}
