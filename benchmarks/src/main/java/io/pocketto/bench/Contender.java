package io.pocketto.bench;

import java.util.List;

/**
 * One way of storing the benchmark invoice: Pocketto, hand-written JDBC, Hibernate or jOOQ. Every method is
 * safe to call from many threads at once, as each benchmark's threads share one contender.
 */
public interface Contender extends AutoCloseable {

  /** Stores invoice {@code n} (see {@link Invoices}) under a new {@code id}. */
  void insert(String id, int n);

  /**
   * Stores invoices {@code 0..ids.length-1} under {@code ids}, to set up a trial. Not measured, so a
   * variant may use its bulk path.
   */
  default void insertAll(String[] ids) {
    for (int i = 0; i < ids.length; i++) {
      insert(ids[i], i);
    }
  }

  /** Loads an invoice with its lines decoded into objects; {@code null} if there is none. */
  Object findById(String id);

  /**
   * The {@value #QUERY_LIMIT} latest invoices of {@code customer} (by {@code issuedOn} descending, then
   * id), each with its lines decoded, through the {@code (customer, issued_on)} index.
   */
  List<?> latestOfCustomer(String customer);

  /** How many invoices {@link #latestOfCustomer} returns. */
  int QUERY_LIMIT = 20;

  /** Loads an invoice, adds one to its {@code reminders}, and saves it guarded by its revision or version. */
  void readModifyWrite(String id);

  /**
   * Adds one to {@code reminders} of an invoice this thread loaded with {@link #findById} and has written
   * only through this method since, and saves it guarded by the revision (version) it holds: the write
   * alone, no read. Fails if another write came between.
   */
  void write(Object held);

  /**
   * Adds one to an invoice's {@code reminders}, retrying from a fresh read whenever a concurrent write
   * won the revision check.
   *
   * @return how many attempts lost to a concurrent write before this one succeeded
   */
  int increment(String id);

  /** The stored {@code reminders} of an invoice, read afresh. */
  int reminders(String id);

  /** The stored revision ({@code 3-abc...}) or version ({@code 2}) of an invoice, as text. */
  String revision(String id);

  /** Closes the pools and connections; the database itself is left to the caller. */
  @Override
  void close();
}
