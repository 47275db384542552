package io.pocketto.internal;

/**
 * How query text spells each piece that could differ between databases: quoting, LIKE, lists, null
 * semantics, sort order and windows. The defaults are the standard SQL both H2 and PostgreSQL accept,
 * and {@link #STANDARD} is exactly that; a {@link Dialect} extends this and overrides what its database
 * spells differently. The runtime's typed queries render through the connected database's dialect, and
 * the processor writes repository SQL through {@link #STANDARD} at compile time, which the dialect then
 * adapts once with {@link Dialect#nativeSql}. So a predicate such as "not equal, including nulls" is
 * written here once, for both.
 */
public interface SqlSyntax {

  /** The standard spelling of every piece, in which the processor writes repository SQL. */
  SqlSyntax STANDARD = new SqlSyntax() {};

  /** A quoted identifier. */
  default String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * Escapes the LIKE wildcards in {@code literal} so that it matches only itself, for the escape
   * character of {@link #likeEscape()}: {@code 50%_off} becomes {@code 50\%\_off}.
   */
  default String escapeLike(String literal) {
    StringBuilder sb = new StringBuilder(literal.length() + 8);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The clause after every LIKE pattern, so that patterns mean the same in every database. */
  default String likeEscape() {
    return " ESCAPE '\\'";
  }

  /** The case-folded form of an expression, for case-insensitive comparisons and LIKE. */
  default String lowerCase(String expression) {
    return "LOWER(" + expression + ")";
  }

  /** A test that {@code column} equals any element of one array parameter; an empty array matches nothing. */
  default String equalsAny(String column) {
    return column + " = ANY(?)";
  }

  /**
   * {@code predicate}, or {@code column} is null. A negated test is unknown, so false, on a null column in
   * SQL; Pocketto's negations ({@code ne}, {@code notIn}, {@code NotLike}) match a null field, as
   * {@code !Objects.equals(field, value)} would, so each is written through this.
   */
  default String orNull(String predicate, String column) {
    return "(" + predicate + " OR " + column + " IS NULL)";
  }

  /** {@code operand} differs from {@code value}, or {@code column} (the operand's column) is null. */
  default String notEqual(String operand, String value, String column) {
    return orNull(operand + " <> " + value, column);
  }

  /** {@code column} equals no element of one array parameter (see {@link #equalsAny}), or is null. */
  default String notIn(String column) {
    return orNull("NOT (" + equalsAny(column) + ")", column);
  }

  /** {@code operand} is not like the pattern {@code value} (see {@link #likeEscape}), or {@code column} is null. */
  default String notLike(String operand, String value, String column) {
    return orNull("NOT (" + operand + " LIKE " + value + likeEscape() + ")", column);
  }

  /**
   * A decimal column sorted by value where the column holds text (H2 keeps undeclared decimals as text, to
   * keep their scale): a cast to the standard {@code DECFLOAT}.
   */
  default String decimalByValue(String quotedColumn) {
    return "CAST(" + quotedColumn + " AS DECFLOAT)";
  }

  /**
   * What a field of {@code type} is compared and sorted by: its column, or for a decimal that declares no precision
   * ({@code precision} 0) its value ({@link #decimalByValue}), since the column may hold text. Every comparison and
   * every sort key goes through this, never the bare column: H2 reads an index on a text column as text when a
   * comparison with a number could use it (h2database#2812), and then finds no fee equal to 7 among fees of 7.0,
   * and none above 69.5. The cast keeps such an index out of the comparison. A dialect whose column holds the
   * value ({@code numeric} on PostgreSQL) returns the column.
   */
  default String valueExpression(ColumnType type, int precision, String quotedColumn) {
    return type == ColumnType.DECIMAL && precision == 0 ? decimalByValue(quotedColumn) : quotedColumn;
  }

  /**
   * One key of an {@code ORDER BY}, with nulls as the smallest value: {@code ASC NULLS FIRST}, {@code DESC
   * NULLS LAST}. An index built {@code NULLS FIRST} ({@link Dialect#indexColumn}) serves the ascending form
   * scanned forward and the descending form scanned backward.
   */
  default String orderKey(String sortKey, boolean descending) {
    return sortKey + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
  }

  /**
   * The clause that skips and limits rows, with a placeholder for the offset (when {@code offset}) and
   * then one for the row count (when {@code limit}); the standard {@code OFFSET ? ROWS FETCH NEXT ? ROWS
   * ONLY} by default.
   */
  default String window(boolean offset, boolean limit) {
    if (offset && limit) {
      return "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }
    if (offset) {
      return "OFFSET ? ROWS";
    }
    return limit ? "FETCH FIRST ? ROWS ONLY" : "";
  }

  /**
   * {@link #window(boolean, boolean)} with a limit whose row count is written into the clause rather than left to a
   * placeholder: {@code FETCH FIRST 20 ROWS ONLY}, or {@code OFFSET ? ROWS FETCH NEXT 20 ROWS ONLY}.
   */
  default String windowOfRows(boolean offset, long rows) {
    return (offset ? "OFFSET ? ROWS FETCH NEXT " : "FETCH FIRST ") + rows + " ROWS ONLY";
  }

  /** The clause that limits a statement to a fixed number of rows, known when the statement is written. */
  default String fetchFirst(int rows) {
    return windowOfRows(false, rows);
  }
}
