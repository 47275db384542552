package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.SqlParameter;
import java.util.Set;

/**
 * A text field: comparable, plus pattern matching. In a {@link #like} pattern, {@code %} matches any
 * run of characters, {@code _} one character, and {@code \} makes the next character literal. The
 * {@code startsWith}, {@code endsWith} and {@code contains} forms take plain text and escape it. The
 * {@code IgnoreCase} forms compare lower-cased text.
 *
 * @param <T> the model class
 */
public final class StringProperty<T extends ActiveRecord<T>> extends ComparableProperty<T, String> {

  /** The text field at position {@code index} of the model's field list; generated code creates these constants. */
  public StringProperty(ModelType<T> model, int index) {
    super(model, index, Set.of(ColumnType.STRING));
  }

  /** Documents whose field equals {@code value}, ignoring case. */
  public Condition<T> eqIgnoreCase(String value) {
    String v = require("eqIgnoreCase", value);
    return new Condition<>(w -> lower(w).append(" = ").append(w.dialect().lowerCase("?")).param(parameter(v)));
  }

  /**
   * Documents whose field matches a LIKE {@code pattern}.
   *
   * @throws IllegalArgumentException if a {@code \} is not followed by {@code %}, {@code _} or {@code \}
   */
  public Condition<T> like(String pattern) {
    String p = checkPattern("like", pattern);
    return new Condition<>(w -> w.column(this).append(" LIKE ?").param(parameter(p)).append(w.dialect().likeEscape()));
  }

  /** Documents whose field matches a LIKE {@code pattern}, ignoring case; see {@link #like}. */
  public Condition<T> likeIgnoreCase(String pattern) {
    String p = checkPattern("likeIgnoreCase", pattern);
    return new Condition<>(w -> lowerLike(w, p));
  }

  /** Documents whose field starts with {@code prefix}, taken literally. */
  public Condition<T> startsWith(String prefix) {
    String v = require("startsWith", prefix);
    return new Condition<>(w -> w.column(this).append(" LIKE ?")
        .param(parameter(w.dialect().escapeLike(v) + "%")).append(w.dialect().likeEscape()));
  }

  /** Documents whose field starts with {@code prefix}, taken literally, ignoring case. */
  public Condition<T> startsWithIgnoreCase(String prefix) {
    String v = require("startsWithIgnoreCase", prefix);
    return new Condition<>(w -> lowerLike(w, w.dialect().escapeLike(v) + "%"));
  }

  /** Documents whose field ends with {@code suffix}, taken literally. */
  public Condition<T> endsWith(String suffix) {
    String v = require("endsWith", suffix);
    return new Condition<>(w -> w.column(this).append(" LIKE ?")
        .param(parameter("%" + w.dialect().escapeLike(v))).append(w.dialect().likeEscape()));
  }

  /** Documents whose field ends with {@code suffix}, taken literally, ignoring case. */
  public Condition<T> endsWithIgnoreCase(String suffix) {
    String v = require("endsWithIgnoreCase", suffix);
    return new Condition<>(w -> lowerLike(w, "%" + w.dialect().escapeLike(v)));
  }

  /** Documents whose field contains {@code text}, taken literally. */
  public Condition<T> contains(String text) {
    String v = require("contains", text);
    return new Condition<>(w -> w.column(this).append(" LIKE ?")
        .param(parameter("%" + w.dialect().escapeLike(v) + "%")).append(w.dialect().likeEscape()));
  }

  /** Documents whose field contains {@code text}, taken literally, ignoring case. */
  public Condition<T> containsIgnoreCase(String text) {
    String v = require("containsIgnoreCase", text);
    return new Condition<>(w -> lowerLike(w, "%" + w.dialect().escapeLike(v) + "%"));
  }

  private SqlWriter lower(SqlWriter w) {
    return w.append(w.dialect().lowerCase(w.dialect().quote(field().column())));
  }

  private void lowerLike(SqlWriter w, String pattern) {
    lower(w).append(" LIKE ").append(w.dialect().lowerCase("?")).param(parameter(pattern)).append(w.dialect().likeEscape());
  }

  private static SqlParameter parameter(String value) {
    return SqlParameter.of(ColumnType.STRING, value);
  }

  private String checkPattern(String operator, String pattern) {
    require(operator, pattern);
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '\\') {
        char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        if (next != '%' && next != '_' && next != '\\') {
          throw new IllegalArgumentException(name() + "." + operator + ": '\\' at index " + i
              + " must be followed by %, _ or \\ in pattern \"" + pattern + "\"");
        }
        i++;
      }
    }
    return pattern;
  }
}
