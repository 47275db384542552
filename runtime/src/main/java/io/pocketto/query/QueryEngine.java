package io.pocketto.query;

import io.pocketto.ActiveRecord;
import java.util.List;
import java.util.stream.Stream;

/**
 * The engine behind a {@link Query}: it writes the query's description as SQL and runs it. Pocketto's engine
 * implements it and hands one to every query a store makes; <b>applications neither implement nor call it</b>, and
 * it may change in any release. The engine reads a query's description through {@link QueryInternals}.
 *
 * <p>One engine serves one query shape (table, conditions, scope and order), and may keep what it works out for
 * that shape (statement text, fingerprint); a query that changes its shape asks for a {@link #reshaped()} one.
 *
 * @param <T> the model class
 */
public interface QueryEngine<T extends ActiveRecord<T>> {
  /** An engine for another shape over the same table, which keeps nothing this one worked out. */
  QueryEngine<T> reshaped();

  /** The position just after {@code last} in {@code query}'s order, for {@link Query#after(ActiveRecord)}. */
  Object position(Query<T> query, T last);

  /**
   * The position a cursor of {@code query} names, for {@link Query#after(String)}.
   *
   * @throws IllegalArgumentException if the cursor was altered or belongs to another query
   */
  Object position(Query<T> query, String cursor);

  /** See {@link Query#list()}. */
  List<T> list(Query<T> query);

  /** See {@link Query#slice(int)}; {@code size} is at least 1. */
  Slice<T> slice(Query<T> query, int size);

  /** See {@link Query#count()}. */
  long count(Query<T> query);

  /** See {@link Query#exists()}. */
  boolean exists(Query<T> query);

  /** See {@link Query#stream()}. */
  Stream<T> stream(Query<T> query);

  /** See {@link Query#page(PageRequest)}. */
  Page<T> page(Query<T> query, PageRequest request);

  /** See {@link Query#deleteAll()}: deletes these records, which the query listed. */
  int deleteAll(List<T> records);

  /** See {@link Query#sql()}. */
  String sql(Query<T> query);

  /** See {@link Query#explain()}. */
  String explain(Query<T> query);
}
