package io.pocketto.internal;

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
   * A comparison of one column. Its SQL has one {@code ?} per {@linkplain #parameters() parameter}. The
   * negations ({@link #NE}, {@link #NOT_IN}, {@link #NOT_LIKE}) also match a null column, as
   * {@code !Objects.equals(field, value)} would; every other comparison with a value never matches one.
   */
  public enum Operator {
    /** Equal to the value. */
    EQ(1),
    /** Not equal to the value, or null. */
    NE(1),
    /** Greater than the value. */
    GT(1),
    /** Greater than or equal to the value. */
    GTE(1),
    /** Less than the value. */
    LT(1),
    /** Less than or equal to the value. */
    LTE(1),
    /** Between the two values, both included. */
    BETWEEN(2),
    /** Equal to an element of one array parameter ({@link SqlSyntax#equalsAny}). */
    IN(1),
    /** Equal to no element of one array parameter, or null. */
    NOT_IN(1),
    /** Null. */
    IS_NULL(0),
    /** Not null. */
    IS_NOT_NULL(0),
    /** Like the pattern, with the escape of {@link SqlSyntax#likeEscape}. */
    LIKE(1),
    /** Not like the pattern, or null. */
    NOT_LIKE(1),
    /** True. */
    TRUE(0),
    /** False. */
    FALSE(0);

    private final int parameters;

    Operator(int parameters) {
      this.parameters = parameters;
    }

    /** How many {@code ?} the operator's SQL holds. */
    public int parameters() {
      return parameters;
    }

    /** Whether the operator can compare text ignoring case: {@link #EQ}, {@link #NE}, {@link #LIKE}, {@link #NOT_LIKE}. */
    public boolean ignoresCase() {
      return this == EQ || this == NE || this == LIKE || this == NOT_LIKE;
    }

    /**
     * The predicate on {@code quotedColumn}, spelled by {@code sql}. With {@code ignoreCase}, the column and
     * the value are compared lower-cased.
     *
     * @throws IllegalArgumentException if {@code ignoreCase} is asked of an operator that cannot ignore case
     */
    public String render(SqlSyntax sql, String quotedColumn, boolean ignoreCase) {
      if (ignoreCase && !ignoresCase()) {
        throw new IllegalArgumentException(this + " cannot ignore case");
      }
      String operand = ignoreCase ? sql.lowerCase(quotedColumn) : quotedColumn;
      String value = ignoreCase ? sql.lowerCase("?") : "?";
      return switch (this) {
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
        case LIKE -> operand + " LIKE " + value + sql.likeEscape();
        case NOT_LIKE -> sql.notLike(operand, value, quotedColumn);
        case TRUE -> quotedColumn + " = TRUE";
        case FALSE -> quotedColumn + " = FALSE";
      };
    }
  }

  /** Where plain text must stand in a {@link Operator#LIKE} pattern that matches it literally. */
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
   */
  public static String orderBy(SqlSyntax sql, List<Sort> sorts) {
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (Sort sort : sorts) {
      order.append(sql.orderKey(sort.key(), sort.descending())).append(", ");
    }
    boolean idDescending = !sorts.isEmpty() && sorts.get(sorts.size() - 1).descending();
    return order.append(sql.quote("_id")).append(idDescending ? " DESC" : " ASC").toString();
  }
}
