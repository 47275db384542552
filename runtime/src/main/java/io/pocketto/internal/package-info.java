/**
 * Not API: the runtime's engine, and the contract generated code calls. Applications use {@code io.pocketto},
 * {@code io.pocketto.query} and {@code io.pocketto.sync}; nothing of this package appears in their public
 * signatures.
 *
 * <p>Two kinds of type live here. The types marked {@link io.pocketto.internal.ForGeneratedCode} are what the
 * classes the processor generates may name: {@code ModelBinding}, {@code FieldSpec}, {@code FieldAccess},
 * {@code RecordState} and {@code ColumnType} for a model, {@code RepositoryBase}, {@code RepositoryQuery},
 * {@code QueryArgument} and {@code RepositoryFactory} for a repository. Everything else is the JDBC engine
 * ({@code Engine}, {@code DocumentTable}, the dialects, the statement cache, ...), which only the runtime's own
 * packages call. Both may change in any release.
 */
package io.pocketto.internal;
