package io.pocketto.internal;

import io.pocketto.query.QueryInternals.Operator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The one renderer of query criteria and of the SELECT around them, shared by both modules: the processor
 * writes each repository method's SQL with it at compile time, through {@link SqlSyntax#STANDARD}, and the
 * runtime's typed queries ({@code io.pocketto.query}) at run time, through the connected database's
 * {@link Dialect}. So what each operator means in SQL, null semantics included, is written here once, and
 * how each piece is spelled comes only from {@link SqlSyntax}, which a dialect may override.
 */
public final class CriteriaSql {
  private CriteriaSql() {}

  /**
   * The predicate {@code operator} makes of {@code quotedColumn}, spelled by {@code sql}, with one {@code ?} per
   * {@linkplain Operator#operands() operand}: the SQL, null semantics included, of each operator the API
   * describes. {@link Operator#STARTS_WITH}, {@link Operator#ENDS_WITH} and {@link Operator#CONTAINS} are a
   * {@code LIKE} whose parameter is the {@link Match#pattern} of the text. With {@code ignoreCase}, the column and
   * the value are compared lower-cased; a null test keeps the column as it is.
   *
   * @throws IllegalArgumentException if {@code ignoreCase} is asked of an operator that cannot
   *     {@linkplain Operator#ignoresCase() ignore case}
   */
  public static String render(Operator operator, SqlSyntax sql, String quotedColumn, boolean ignoreCase) {
    if (ignoreCase && !operator.ignoresCase()) {
      throw new IllegalArgumentException(operator + " cannot ignore case");
    }
    String operand = ignoreCase ? sql.lowerCase(quotedColumn) : quotedColumn;
    String value = ignoreCase ? sql.lowerCase("?") : "?";
    return switch (operator) {
      case EQ -> operand + " = " + value;
      case NE -> sql.notEqual(operand, value, quotedColumn);
      case GT -> quotedColumn + " > ?";
      case GTE -> quotedColumn + " >= ?";
      case LT -> quotedColumn + " < ?";
      case LTE -> quotedColumn + " <= ?";
      case BETWEEN -> quotedColumn + " BETWEEN ? AND ?";
      case IN -> sql.equalsAny(quotedColumn);
      case NOT_IN -> sql.notIn(quotedColumn);
      case IS_NULL -> quotedColumn + " IS NULL";
      case IS_NOT_NULL -> quotedColumn + " IS NOT NULL";
      case LIKE, STARTS_WITH, ENDS_WITH, CONTAINS -> operand + " LIKE " + value + sql.likeEscape();
      case NOT_LIKE -> sql.notLike(operand, value, quotedColumn);
      case TRUE -> quotedColumn + " = TRUE";
      case FALSE -> quotedColumn + " = FALSE";
    };
  }

  /**
   * Where plain text must stand in the {@code LIKE} pattern of {@link Operator#STARTS_WITH},
   * {@link Operator#ENDS_WITH} or {@link Operator#CONTAINS} that matches it literally.
   */
  public enum Match {
    /** At the start: {@code text%}. */
    STARTING_WITH,
    /** At the end: {@code %text}. */
    ENDING_WITH,
    /** Anywhere: {@code %text%}. */
    CONTAINING;

    /** The pattern for {@code text}, its wildcards escaped ({@link SqlSyntax#escapeLike}). */
    public String pattern(SqlSyntax sql, String text) {
      String literal = sql.escapeLike(text);
      return switch (this) {
        case STARTING_WITH -> literal + "%";
        case ENDING_WITH -> "%" + literal;
        case CONTAINING -> "%" + literal + "%";
      };
    }
  }

  /**
   * One key of an {@code ORDER BY}.
   *
   * @param key the expression sorted by: the quoted column, or what the database sorts it by
   * @param descending whether the key sorts descending
   */
  public record Sort(String key, boolean descending) {}

  /**
   * The columns every read selects, in this order: {@code _id, _rev, _deleted, _writer}, the field
   * columns in declaration order, then {@code _created_at, _updated_at}. Rows are read by these positions.
   */
  public static String selectColumns(SqlSyntax sql, List<String> fieldColumns) {
    StringJoiner cols = new StringJoiner(", ");
    cols.add(sql.quote("_id")).add(sql.quote("_rev")).add(sql.quote("_deleted")).add(sql.quote("_writer"));
    for (String column : fieldColumns) {
      cols.add(sql.quote(column));
    }
    return cols.add(sql.quote("_created_at")).add(sql.quote("_updated_at")).toString();
  }

  /** The test that keeps live documents ({@code deleted} false) or tombstones only ({@code deleted} true). */
  public static String deleted(SqlSyntax sql, boolean deleted) {
    return sql.quote("_deleted") + (deleted ? " = TRUE" : " = FALSE");
  }

  /**
   * {@code " ORDER BY "}, the keys with nulls as the smallest value ({@link SqlSyntax#orderKey}), then the
   * document id in the direction of the last key (ascending without keys): ties come back in a stable
   * order, and one index on (keys, id), built {@code NULLS FIRST}, serves the whole order scanned either
   * way.
   *
   * <p>A key that is the document id itself ({@code OrderById} in a repository method) is that tie-breaker: it is
   * written as the id is, with no null order, since the id is never null, and it ends the order, since no two
   * documents share it and no later key can change the order. The primary key's index or an index on (fields, id)
   * then serves it; {@code "_id" ASC NULLS FIRST} would make PostgreSQL sort the whole table.
   */
  public static String orderBy(SqlSyntax sql, List<Sort> sorts) {
    StringBuilder order = new StringBuilder(" ORDER BY ");
    String id = sql.quote("_id");
    boolean idDescending = false;
    for (Sort sort : sorts) {
      idDescending = sort.descending();
      if (sort.key().equals(id)) {
        break;
      }
      order.append(sql.orderKey(sort.key(), sort.descending())).append(", ");
    }
    return order.append(id).append(idDescending ? " DESC" : " ASC").toString();
  }
}
