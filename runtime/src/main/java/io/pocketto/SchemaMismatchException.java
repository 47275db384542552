package io.pocketto;

/**
 * A model's table holds a column whose type no longer matches the model's field, for example a field
 * changed from {@code int} to {@code String}. Raised on the model's first use in a database, before
 * anything is written; the table and its data are left as they are. Migrate the column (or the field)
 * by hand: Pocketto only ever adds columns.
 */
public class SchemaMismatchException extends PockettoException {
  private static final long serialVersionUID = 1L;
  private final String collection;
  private final String field;
  private final String column;
  private final String columnType;
  private final String expectedType;

  /** Creates the exception for one column. */
  public SchemaMismatchException(String model, String collection, String field, String column, String columnType,
      String expectedType) {
    super(500, model + " field '" + field + "' needs column " + collection + "." + column + " to be "
        + expectedType + ", but the table has it as " + columnType
        + "; change the column (ALTER TABLE) or the field back: Pocketto does not convert columns", null);
    this.collection = collection;
    this.field = field;
    this.column = column;
    this.columnType = columnType;
    this.expectedType = expectedType;
  }

  /** The collection (table) name. */
  public String collection() {
    return collection;
  }

  /** The model's field. */
  public String field() {
    return field;
  }

  /** The column the field maps to. */
  public String column() {
    return column;
  }

  /** The column's type in the database now. */
  public String columnType() {
    return columnType;
  }

  /** The type the field needs, as the database names it. */
  public String expectedType() {
    return expectedType;
  }
}
