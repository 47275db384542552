package io.pocketto.internal;

/**
 * One parameter of a generated repository method: its name (for error messages), the property it is
 * compared with, how it is bound, and how it becomes the SQL parameter.
 *
 * @param parameter the Java parameter name
 * @param property the model field it is compared with
 * @param type how the value is bound
 * @param kind how the argument is turned into the bound value
 */
@ForGeneratedCode
public record QueryArgument(String parameter, String property, ColumnType type, Kind kind) {

  /** How an argument becomes its SQL parameter. */
  public enum Kind {
    /** Bound as it is. */
    VALUE,
    /** A collection, bound as one array for {@code = ANY(?)}. */
    COLLECTION,
    /** A LIKE pattern, bound as it is. */
    LIKE,
    /** Plain text, escaped and followed by {@code %}. */
    STARTING_WITH,
    /** Plain text, escaped and preceded by {@code %}. */
    ENDING_WITH,
    /** Plain text, escaped and surrounded by {@code %}. */
    CONTAINING
  }
}
