package io.pocketto.processor;

import io.pocketto.internal.CriteriaSql;
import io.pocketto.internal.PinnedKeys;
import io.pocketto.internal.SqlSyntax;
import io.pocketto.processor.DerivedQuery.Criterion;
import io.pocketto.processor.DerivedQuery.QueryProperty;
import io.pocketto.processor.DerivedQuery.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a repository method's SQL at compile time, before any database is known, with the runtime's
 * {@link CriteriaSql} (each operator's SQL, the select list, the order) spelled by {@link SqlSyntax#STANDARD}:
 * the renderer and the pieces the runtime's typed queries are written with, so the two cannot drift apart.
 * The runtime passes the text through {@code Dialect.nativeSql} once per database, for a dialect that spells a piece differently.
 */
final class PortableSql {
  private static final SqlSyntax SQL = SqlSyntax.STANDARD;

  private PortableSql() {}

  static String quote(String identifier) {
    return SQL.quote(identifier);
  }

  /** The columns {@code DocumentTable} reads, in its order ({@link CriteriaSql#selectColumns}). */
  static String selectColumns(ModelDescriptor model) {
    return CriteriaSql.selectColumns(SQL, model.fields().stream().map(PersistedField::column).toList());
  }

  /** A row query; {@code limit} > 0 appends {@code FETCH FIRST n ROWS ONLY}, {@code paged} the page window. */
  static String select(ModelDescriptor model, DerivedQuery query, int limit, boolean paged) {
    StringBuilder sql = new StringBuilder("SELECT ").append(selectColumns(model)).append(" FROM ")
        .append(quote(model.collection()));
    where(sql, query);
    List<CriteriaSql.Sort> sorts = new ArrayList<>();
    for (PinnedKeys.Key<QueryProperty> key : sortKeys(model, query)) {
      sorts.add(new CriteriaSql.Sort(value(key.field()), key.descending()));
    }
    sql.append(CriteriaSql.orderBy(SQL, sorts));
    if (paged) {
      sql.append(' ').append(SQL.window(true, true));
    } else if (limit > 0) {
      sql.append(' ').append(SQL.fetchFirst(limit));
    }
    return sql.toString();
  }

  /**
   * The declared keys, after the fields the criteria pin when an index then serves the order ({@link PinnedKeys}),
   * as the runtime sorts a typed query: the rows come back in the declared order either way.
   */
  private static List<PinnedKeys.Key<QueryProperty>> sortKeys(ModelDescriptor model, DerivedQuery query) {
    List<PinnedKeys.Key<QueryProperty>> declared = new ArrayList<>(query.sorts().size());
    for (Sort sort : query.sorts()) {
      declared.add(new PinnedKeys.Key<>(sort.property(), sort.descending()));
    }
    return PinnedKeys.sortKeys(model.indexes(), query.pinned(), declared, QueryProperty::name);
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
    sql.append(" WHERE ").append(CriteriaSql.deleted(SQL, false));
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
   * What a property is compared and sorted by ({@link SqlSyntax#valueExpression}): a decimal without {@code @Decimal}
   * by value, since H2 keeps it as text to keep its scale; PostgreSQL's dialect rewrites that cast to its
   * {@code numeric}, a no-op there. A {@code @Decimal} field is a NUMERIC column, compared and sorted as it is, which
   * lets its index serve the order.
   */
  private static String value(QueryProperty property) {
    return SQL.valueExpression(property.kind(), property.precision(), quote(property.column()));
  }

  private static void criterion(StringBuilder sql, Criterion c) {
    sql.append(CriteriaSql.render(c.operator().operator, SQL, value(c.property()), c.ignoreCase()));
  }
}
