package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.CriteriaSql.Match;
import io.pocketto.internal.CriteriaSql.Operator;
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
    return criterion(Operator.EQ, true, parameter(require("eqIgnoreCase", value)));
  }

  /**
   * Documents whose field matches a LIKE {@code pattern}.
   *
   * @throws IllegalArgumentException if a {@code \} is not followed by {@code %}, {@code _} or {@code \}
   */
  public Condition<T> like(String pattern) {
    return criterion(Operator.LIKE, false, parameter(checkPattern("like", pattern)));
  }

  /** Documents whose field matches a LIKE {@code pattern}, ignoring case; see {@link #like}. */
  public Condition<T> likeIgnoreCase(String pattern) {
    return criterion(Operator.LIKE, true, parameter(checkPattern("likeIgnoreCase", pattern)));
  }

  /** Documents whose field starts with {@code prefix}, taken literally. */
  public Condition<T> startsWith(String prefix) {
    return matching(Match.STARTING_WITH, false, require("startsWith", prefix));
  }

  /** Documents whose field starts with {@code prefix}, taken literally, ignoring case. */
  public Condition<T> startsWithIgnoreCase(String prefix) {
    return matching(Match.STARTING_WITH, true, require("startsWithIgnoreCase", prefix));
  }

  /** Documents whose field ends with {@code suffix}, taken literally. */
  public Condition<T> endsWith(String suffix) {
    return matching(Match.ENDING_WITH, false, require("endsWith", suffix));
  }

  /** Documents whose field ends with {@code suffix}, taken literally, ignoring case. */
  public Condition<T> endsWithIgnoreCase(String suffix) {
    return matching(Match.ENDING_WITH, true, require("endsWithIgnoreCase", suffix));
  }

  /** Documents whose field contains {@code text}, taken literally. */
  public Condition<T> contains(String text) {
    return matching(Match.CONTAINING, false, require("contains", text));
  }

  /** Documents whose field contains {@code text}, taken literally, ignoring case. */
  public Condition<T> containsIgnoreCase(String text) {
    return matching(Match.CONTAINING, true, require("containsIgnoreCase", text));
  }

  private Condition<T> criterion(Operator operator, boolean ignoreCase, SqlParameter value) {
    return new Condition<>(w -> w.criterion(this, operator, ignoreCase, value));
  }

  /** A LIKE whose pattern escapes {@code text} in the dialect's way, so it is known only when written. */
  private Condition<T> matching(Match match, boolean ignoreCase, String text) {
    return new Condition<>(w -> w.criterion(this, Operator.LIKE, ignoreCase,
        parameter(match.pattern(w.dialect(), text))));
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
