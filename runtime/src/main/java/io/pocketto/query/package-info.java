/**
 * Typed queries: the property constants the processor generates on every model
 * ({@code SalesInvoice.CUSTOMER}), the {@link io.pocketto.query.Condition}s and
 * {@link io.pocketto.query.Order}s they build, and the {@link io.pocketto.query.Query} that runs them as
 * one parameterised SQL statement. Repositories return the same {@link io.pocketto.query.Page}.
 *
 * <p>Null rules: a comparison never takes {@code null} ({@code eq(null)} is rejected; use
 * {@code isNull()}), and {@code ne} and {@code notIn} match documents whose field is null, as
 * {@code !Objects.equals} would. Ordering and {@code like} comparisons never match null.
 */
package io.pocketto.query;
