package io.pocketto.processor;

import io.pocketto.internal.ColumnType;
import io.pocketto.internal.SqlSyntax;
import io.pocketto.processor.DerivedQuery.Criterion;
import io.pocketto.processor.DerivedQuery.Sort;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes a repository method's SQL at compile time, before any database is known. Every piece that
 * could differ between databases comes from the runtime's {@link SqlSyntax#STANDARD}, the same pieces the
 * runtime's typed queries are written with, so the two cannot drift apart. The runtime passes the text
 * through {@code Dialect.nativeSql} once per database, for a dialect that spells a piece differently.
 */
final class PortableSql {
  private static final SqlSyntax SQL = SqlSyntax.STANDARD;

  private PortableSql() {}

  static String quote(String identifier) {
    return SQL.quote(identifier);
  }

  /**
   * {@code _id, _rev, _deleted, _writer}, the fields in declaration order and the two timestamps, as
   * {@code DocumentTable} reads them.
   */
  static String selectColumns(ModelDescriptor model) {
    StringJoiner cols = new StringJoiner(", ");
    cols.add(quote("_id")).add(quote("_rev")).add(quote("_deleted")).add(quote("_writer"));
    for (PersistedField f : model.fields()) {
      cols.add(quote(f.column()));
    }
    cols.add(quote("_created_at")).add(quote("_updated_at"));
    return cols.toString();
  }

  /** A row query; {@code limit} > 0 appends {@code FETCH FIRST n ROWS ONLY}, {@code paged} the page window. */
  static String select(ModelDescriptor model, DerivedQuery query, int limit, boolean paged) {
    StringBuilder sql = new StringBuilder("SELECT ").append(selectColumns(model)).append(" FROM ")
        .append(quote(model.collection()));
    where(sql, query);
    sql.append(" ORDER BY ");
    for (Sort sort : query.sorts()) {
      sql.append(SQL.orderKey(sortKey(sort.property()), sort.descending())).append(", ");
    }
    // The id follows the last key's direction, as in the runtime's Query: one index scan serves both.
    List<Sort> sorts = query.sorts();
    boolean idDescending = !sorts.isEmpty() && sorts.get(sorts.size() - 1).descending();
    sql.append(quote("_id")).append(idDescending ? " DESC" : " ASC");
    if (paged) {
      sql.append(' ').append(SQL.window(true, true));
    } else if (limit > 0) {
      sql.append(' ').append(SQL.fetchFirst(limit));
    }
    return sql.toString();
  }

  static String count(ModelDescriptor model, DerivedQuery query) {
    StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(quote(model.collection()));
    where(sql, query);
    return sql.toString();
  }

  static String exists(ModelDescriptor model, DerivedQuery query) {
    StringBuilder sql = new StringBuilder("SELECT 1 FROM ").append(quote(model.collection()));
    where(sql, query);
    return sql.append(' ').append(SQL.fetchFirst(1)).toString();
  }

  private static void where(StringBuilder sql, DerivedQuery query) {
    sql.append(" WHERE ").append(quote("_deleted")).append(" = FALSE");
    List<List<Criterion>> groups = query.orGroups();
    if (groups.isEmpty()) {
      return;
    }
    sql.append(" AND (");
    for (int g = 0; g < groups.size(); g++) {
      List<Criterion> group = groups.get(g);
      if (g > 0) {
        sql.append(" OR ");
      }
      boolean parenthesise = groups.size() > 1 && group.size() > 1;
      if (parenthesise) {
        sql.append('(');
      }
      for (int c = 0; c < group.size(); c++) {
        if (c > 0) {
          sql.append(" AND ");
        }
        criterion(sql, group.get(c));
      }
      if (parenthesise) {
        sql.append(')');
      }
    }
    sql.append(')');
  }

  /**
   * A decimal sorts by value ({@link SqlSyntax#decimalByValue}): H2 keeps undeclared decimals as text, to keep
   * their scale. PostgreSQL's dialect rewrites the cast to its {@code numeric}, a no-op there.
   */
  private static String sortKey(DerivedQuery.QueryProperty property) {
    String column = quote(property.column());
    return property.kind() == ColumnType.DECIMAL ? SQL.decimalByValue(column) : column;
  }

  private static void criterion(StringBuilder sql, Criterion c) {
    String column = quote(c.property().column());
    String operand = c.ignoreCase() ? SQL.lowerCase(column) : column;
    String value = c.ignoreCase() ? SQL.lowerCase("?") : "?";
    switch (c.operator()) {
      case EQ -> sql.append(operand).append(" = ").append(value);
      case NE -> sql.append(SQL.notEqual(operand, value, column));
      case GT -> sql.append(column).append(" > ?");
      case GTE -> sql.append(column).append(" >= ?");
      case LT -> sql.append(column).append(" < ?");
      case LTE -> sql.append(column).append(" <= ?");
      case BETWEEN -> sql.append(column).append(" BETWEEN ? AND ?");
      case IN -> sql.append(SQL.equalsAny(column));
      case NOT_IN -> sql.append(SQL.notIn(column));
      case IS_NULL -> sql.append(column).append(" IS NULL");
      case IS_NOT_NULL -> sql.append(column).append(" IS NOT NULL");
      case LIKE, STARTING_WITH, ENDING_WITH, CONTAINING ->
          sql.append(operand).append(" LIKE ").append(value).append(SQL.likeEscape());
      // Like Not (NE), NotLike also matches a null field, which is not like anything.
      case NOT_LIKE -> sql.append(SQL.notLike(operand, value, column));
      case TRUE -> sql.append(column).append(" = TRUE");
      case FALSE -> sql.append(column).append(" = FALSE");
    }
  }
}
