package io.pocketto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pocketto.ActiveRecord;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Lock;
import io.pocketto.Meta;
import io.pocketto.RetryPolicy;
import java.time.Duration;
import io.pocketto.Pocketto;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The behaviour every generated record shares. Generated methods are one-line calls into here, so the
 * logic exists once, in the runtime.
 */
public final class Records {
  private Records() {}

  /** The database a record saves to: where it came from, else the default. */
  private static <T extends ActiveRecord<T>> Database home(ModelBinding<T> binding, T record) {
    Database db = binding.state(record).database();
    return db != null ? db : Pocketto.defaultDatabase();
  }

  /**
   * The table a record saves to: the one it came from (its state holds it, so a save is two hops), else
   * its model's table in the default database.
   */
  @SuppressWarnings("unchecked") // a record's state only ever holds a table of the record's own model
  private static <T extends ActiveRecord<T>> DocumentTable<T> table(ModelBinding<T> binding, T record) {
    DocumentTable<?> table = binding.state(record).table();
    return table != null ? (DocumentTable<T>) table : ApiAccess.table(home(binding, record).store(binding));
  }

  /** {@link ActiveRecord#save()}. */
  public static <T extends ActiveRecord<T>> T save(ModelBinding<T> binding, T record) {
    return table(binding, record).save(record);
  }

  /** {@link ActiveRecord#saveTo(Database)}. */
  public static <T extends ActiveRecord<T>> T saveTo(ModelBinding<T> binding, T record, Database database) {
    if (database == null) {
      throw new IllegalArgumentException("database must not be null");
    }
    return database.store(binding).save(record);
  }

  /** {@link ActiveRecord#delete()}. */
  public static <T extends ActiveRecord<T>> void delete(ModelBinding<T> binding, T record) {
    table(binding, record).delete(record);
  }

  /** {@link ActiveRecord#reload()}. */
  public static <T extends ActiveRecord<T>> T reload(ModelBinding<T> binding, T record) {
    return table(binding, record).reload(record);
  }

  /** {@link ActiveRecord#setId(String)}: {@code null} on a new record means "no id yet". */
  public static void setId(RecordState state, String id) {
    if (id == null) {
      if (state.persisted()) {
        throw new IllegalStateException("the id of a saved record cannot be cleared (it is '" + state.id()
            + "'); create a new record instead");
      }
      state.assignId(null);
      return;
    }
    Ids.requireValid(id);
    if (state.persisted() && !id.equals(state.id())) {
      throw new IllegalStateException(
          "the id of a saved record cannot change (it is '" + state.id() + "'); create a new record instead");
    }
    state.assignId(id);
  }

  /** {@link ActiveRecord#meta()}: the dirty fields, computed against the stored snapshot. */
  public static <T extends ActiveRecord<T>> Meta meta(ModelBinding<T> binding, T record) {
    RecordState state = binding.state(record);
    Object[] current = binding.storedValues(record);
    Object[] base = baseline(binding, state);
    Map<String, Object> before = new LinkedHashMap<>();
    Set<String> dirty = new LinkedHashSet<>();
    for (int i = 0; i < current.length; i++) {
      if (!ModelBinding.same(current[i], base[i])) {
        String name = binding.fields().get(i).name();
        dirty.add(name);
        before.put(name, binding.decode(i, base[i]));
      }
    }
    return new Meta(state.rev(), state.writer(), before, dirty, state.createdAt(), state.updatedAt());
  }

  /** {@link ActiveRecord#isDirty()}. */
  public static <T extends ActiveRecord<T>> boolean isDirty(ModelBinding<T> binding, T record) {
    return !sameValues(binding.storedValues(record), baseline(binding, binding.state(record)));
  }

  /** {@link ActiveRecord#isDirty(String)}. */
  public static <T extends ActiveRecord<T>> boolean isDirty(ModelBinding<T> binding, T record, String field) {
    int i = binding.requireIndex(field);
    Object[] current = binding.storedValues(record);
    return !ModelBinding.same(current[i], baseline(binding, binding.state(record))[i]);
  }

  private static Object[] baseline(ModelBinding<?> binding, RecordState state) {
    Object[] snapshot = state.snapshot();
    return snapshot != null ? snapshot : binding.initialStoredValues();
  }

  /** Whether two records of one model hold the same value in every persisted field. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the binding checks that both are records of its model
  public static boolean sameFields(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      return false;
    }
    return ((ModelBinding) ModelBinding.of(a)).sameFields((ActiveRecord) a, (ActiveRecord) b);
  }

  /** {@link ActiveRecord#incrementalModify}. */
  public static <T extends ActiveRecord<T>> T incrementalModify(
      ModelBinding<T> binding, T record, Consumer<? super T> mutation) {
    return home(binding, record).store(binding).incrementalModify(record, mutation);
  }

  /** {@link ActiveRecord#incrementalModify(Consumer, RetryPolicy)}. */
  public static <T extends ActiveRecord<T>> T incrementalModify(
      ModelBinding<T> binding, T record, Consumer<? super T> mutation, RetryPolicy policy) {
    return home(binding, record).store(binding).incrementalModify(record, mutation, policy);
  }

  /** {@link ActiveRecord#lock(Duration)}. */
  public static <T extends ActiveRecord<T>> Lock lock(ModelBinding<T> binding, T record, Duration lease) {
    RecordState state = binding.state(record);
    if (!state.persisted()) {
      throw new IllegalStateException("cannot lock a " + binding.modelName() + " that was never saved");
    }
    return home(binding, record).store(binding).lock(state.id(), lease);
  }

  /** {@link ActiveRecord#incrementalPatch}. */
  public static <T extends ActiveRecord<T>> T incrementalPatch(
      ModelBinding<T> binding, T record, Map<String, ?> changes) {
    return home(binding, record).store(binding).incrementalPatch(record, changes);
  }

  /** {@link ActiveRecord#save(ConflictHandler)}. */
  public static <T extends ActiveRecord<T>> T save(
      ModelBinding<T> binding, T record, ConflictHandler<? super T> handler) {
    return home(binding, record).store(binding).save(record, handler);
  }

  /** {@link ActiveRecord#saveResolving()}. */
  public static <T extends ActiveRecord<T>> T saveResolving(ModelBinding<T> binding, T record) {
    return home(binding, record).store(binding).saveResolving(record);
  }

  static boolean sameValues(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!ModelBinding.same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  /** {@link ActiveRecord#toJson()}: {@code id}, the fields in declaration order, then {@code _meta}. */
  public static <T extends ActiveRecord<T>> String toJson(ModelBinding<T> binding, T record) {
    return DocumentJson.write(binding, record).toString();
  }

  /** {@link ActiveRecord#toJsonNode()}. */
  public static <T extends ActiveRecord<T>> ObjectNode toJsonNode(ModelBinding<T> binding, T record) {
    return DocumentJson.write(binding, record);
  }

  /** {@link ActiveRecord#recreate()}. */
  public static <T extends ActiveRecord<T>> T recreate(ModelBinding<T> binding, T record) {
    return home(binding, record).store(binding).recreate(record);
  }

  /** Numbers, booleans and JSON fields as Jackson writes them; every other type as its text, exactly as stored. */
  static JsonNode jsonValue(ColumnType type, Object value) {
    if (value == null || type == ColumnType.JSON || value instanceof Number || value instanceof Boolean) {
      return Json.VIEW.valueToTree(value);
    }
    return TextNode.valueOf(type.display(value));
  }

  /** {@link Object#toString()} in the seed's shape: {@code SalesInvoice{id=1, _meta={...}, number=INV-001}}. */
  static <T extends ActiveRecord<T>> String toString(ModelBinding<T> binding, T record) {
    StringBuilder sb = new StringBuilder(binding.modelName()).append("{id=").append(binding.state(record).id());
    sb.append(", _meta=").append(meta(binding, record));
    Object[] values = binding.values(record);
    for (int i = 0; i < values.length; i++) {
      FieldSpec f = binding.fields().get(i);
      sb.append(", ").append(f.name()).append('=').append(f.type().display(values[i]));
    }
    return sb.append('}').toString();
  }
}
