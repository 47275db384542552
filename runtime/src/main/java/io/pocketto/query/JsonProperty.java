package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.internal.ColumnType;
import java.util.Set;

/**
 * A field stored as JSON (a collection, map, record or other object). Its text has no order or
 * equality a query could rely on, so it can only be tested with {@link #isNull()} and {@link #isNotNull()}.
 *
 * @param <T> the model class
 * @param <V> the field's type
 */
public final class JsonProperty<T extends ActiveRecord<T>, V> extends Property<T, V> {

  /** The JSON field at position {@code index} of the model's field list; generated code creates these constants. */
  public JsonProperty(ModelType<T> model, int index) {
    super(model, index, Set.of(ColumnType.JSON));
  }
}
