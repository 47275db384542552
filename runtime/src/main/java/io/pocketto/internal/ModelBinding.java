package io.pocketto.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.pocketto.ActiveRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Lock;
import io.pocketto.Meta;
import io.pocketto.ModelStore;
import io.pocketto.ModelType;
import io.pocketto.Pocketto;
import io.pocketto.query.Property;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How the runtime reads and writes one model: its names, its fields in declaration order, and, through
 * the generated record's {@link FieldAccess}, plain field access with no reflection. The processor
 * generates one as the record's {@code BINDING} constant; everything model-independent (dirty tracking,
 * canonical JSON, revisions, SQL) lives in the runtime and works on the {@code Object[]} values it
 * extracts.
 *
 * <p>Values come in two forms. The <em>field form</em> is what the Java fields hold. The <em>stored
 * form</em> holds JSON fields as canonical JSON text instead; it is what is bound, hashed and kept as
 * the dirty-tracking snapshot.
 *
 * @param <T> the generated record class
 */
@ForGeneratedCode
public final class ModelBinding<T extends ActiveRecord<T>> implements ModelType<T> {
  private static final Map<Class<?>, ModelBinding<?>> BY_TYPE = new java.util.concurrent.ConcurrentHashMap<>();

  private final Class<T> type;
  private final String modelName;
  private final String collection;
  private final Supplier<T> factory;
  private final List<FieldSpec> fields;
  private final List<List<String>> indexes;
  private final Map<String, Integer> indexByName;
  private final int[] canonicalOrder;
  private final boolean hasJson;
  /** Whether any field holds a mutable value (a {@code byte[]}) that the snapshot must not share. */
  private final boolean hasMutable;
  private final ConflictHandler<? super T> conflictHandler;
  private volatile Object[] initialStoredValues;

  /**
   * Describes a model; the fields are in declaration order and fix every value array's layout. (An
   * array rather than {@code List.of}: javac resolves {@code List.of}'s generic overloads per call, a
   * measurable part of compiling many generated classes.)
   *
   * @param factory the generated class's no-arg constructor
   */
  public ModelBinding(Class<T> type, String collection, Supplier<T> factory, FieldSpec[] fields) {
    this(type, collection, factory, fields, List.of(), null);
  }

  /**
   * Describes a model that declares indexes ({@code @Index}, each a list of field names in index order)
   * or names a default conflict handler ({@code @Model(conflictHandler = ...)}, else {@code null}).
   */
  public ModelBinding(Class<T> type, String collection, Supplier<T> factory, FieldSpec[] fields,
      List<List<String>> indexes, ConflictHandler<? super T> handler) {
    this.type = Objects.requireNonNull(type);
    if (!FieldAccess.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName() + " does not implement FieldAccess: only a class the Pocketto "
          + "processor generated has a binding");
    }
    this.factory = Objects.requireNonNull(factory);
    this.conflictHandler = handler;
    this.indexes = List.copyOf(indexes);
    String modelName = type.getSimpleName();
    this.modelName = Objects.requireNonNull(modelName);
    this.collection = Objects.requireNonNull(collection);
    this.fields = List.of(fields);
    Map<String, Integer> byName = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    boolean json = false;
    boolean mutable = false;
    for (int i = 0; i < this.fields.size(); i++) {
      byName.put(this.fields.get(i).name(), i);
      order.add(i);
      json |= this.fields.get(i).type() == ColumnType.JSON;
      mutable |= this.fields.get(i).type() == ColumnType.BYTES;
    }
    order.sort(Comparator.comparing(i -> this.fields.get(i).name()));
    this.indexByName = Collections.unmodifiableMap(byName);
    this.canonicalOrder = order.stream().mapToInt(Integer::intValue).toArray();
    this.hasJson = json;
    this.hasMutable = mutable;
    BY_TYPE.put(type, this);
  }

  /** The binding of a generated record's class. */
  public static ModelBinding<?> of(Object record) {
    ModelBinding<?> binding = BY_TYPE.get(record.getClass());
    if (binding == null) {
      throw new IllegalArgumentException(record.getClass().getName() + " is not a generated Pocketto model");
    }
    return binding;
  }

  /**
   * The binding of a generated class, initialising the class first (its binding is made then).
   *
   * @throws IllegalArgumentException if {@code type} is not a generated Pocketto model
   */
  @SuppressWarnings("unchecked")
  public static <T extends ActiveRecord<T>> ModelBinding<T> of(Class<T> type) {
    ModelBinding<?> binding = forClass(type);
    if (binding == null) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Pocketto model (the class @Model generates)");
    }
    return (ModelBinding<T>) binding;
  }

  /**
   * The binding of a generated record class, initialising the class if need be; {@code null} for any
   * other class.
   */
  public static ModelBinding<?> forClass(Class<?> type) {
    if (!ActiveRecord.class.isAssignableFrom(type)) {
      return null;
    }
    ModelBinding<?> binding = BY_TYPE.get(type);
    if (binding == null) {
      try {
        // Initialising the generated class constructs its BINDING, which registers itself.
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        return null;
      }
      binding = BY_TYPE.get(type);
    }
    return binding;
  }

  /** Whether two records of this model hold the same value in every persisted field. */
  @Override
  public boolean sameFields(T a, T b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.getClass() != type || b.getClass() != type) {
      return false;
    }
    return Records.sameValues(storedValues(a), storedValues(b));
  }

  /** The generated class. */
  public final Class<T> type() {
    return type;
  }

  /** The handler named by {@code @Model(conflictHandler = ...)}, or {@code null}. */
  public final ConflictHandler<? super T> conflictHandler() {
    return conflictHandler;
  }

  /** A detached record holding the given stored-form values; it has no id, revision or database. */
  final T fromStored(Object[] stored) {
    T record = newInstance();
    load(record, stored);
    return record;
  }

  /**
   * Sets one field by name, converting the value the way a JSON patch needs.
   *
   * @throws IllegalArgumentException for an unknown field or a value of the wrong type
   */
  final void patch(T record, Map<String, ?> changes) {
    Object[] values = values(record);
    for (Map.Entry<String, ?> e : changes.entrySet()) {
      int i = requireIndex(e.getKey());
      values[i] = fields.get(i).coerce(modelName, e.getValue());
    }
    apply(record, values);
  }

  /** A new, empty instance of the generated class. */
  public T newInstance() {
    return factory.get();
  }

  /** The bookkeeping object inside a record. */
  public RecordState state(T record) {
    return ((FieldAccess) record).$state();
  }

  /** The record's field values in field form, in declaration order. */
  Object[] values(T record) {
    return ((FieldAccess) record).$values();
  }

  /** Sets the record's fields from values in field form (JSON fields already decoded). */
  void apply(T record, Object[] values) {
    ((FieldAccess) record).$apply(values);
  }

  /** The indexes declared with {@code @Index}, each a list of field names in index order; created with the table. */
  public List<List<String>> indexes() {
    return indexes;
  }

  /**
   * The record a JSON document describes, behind a generated {@code fromJson(String)}. With a revision it
   * is a stored record at that revision, and its next save is an update against it.
   *
   * @throws io.pocketto.InvalidDocumentException naming the offending key
   */
  public T fromJson(String json) {
    return DocumentJson.read(this, json);
  }

  /** A generated {@code fromJson(JsonNode)}; see {@link #fromJson(String)}. */
  public T fromJson(JsonNode json) {
    return DocumentJson.read(this, json);
  }

  @Override
  public T fromJson(JsonParser parser) {
    return DocumentJson.read(this, parser);
  }

  /** A generated {@code toString()}: {@code SalesInvoice{id=1, _meta={...}, number=INV-001}}. */
  public String toString(T record) {
    StringBuilder sb = new StringBuilder(modelName).append("{id=").append(state(record).id());
    sb.append(", _meta=").append(meta(record));
    Object[] values = values(record);
    for (int i = 0; i < values.length; i++) {
      FieldSpec f = fields.get(i);
      sb.append(", ").append(f.name()).append('=').append(f.type().display(values[i]));
    }
    return sb.append('}').toString();
  }

  /** The simple name of the generated class, e.g. {@code SalesInvoice}. */
  public final String modelName() {
    return modelName;
  }

  /** The collection (table) name. */
  public final String collection() {
    return collection;
  }

  /** The persisted fields in declaration order. */
  public final List<FieldSpec> fields() {
    return fields;
  }

  /** The position of a field, or -1. */
  public final int indexOf(String field) {
    Integer i = indexByName.get(field);
    return i == null ? -1 : i;
  }

  /**
   * The column of what an {@code @Index} names: a field of this model or, where no field has that name,
   * {@code createdAt} or {@code updatedAt} ({@link FieldSpec#timestamp}).
   *
   * @throws IllegalArgumentException if it names neither
   */
  String indexedColumn(String name) {
    return isTimestamp(name) ? FieldSpec.timestamp(name).column() : fields.get(requireIndex(name)).column();
  }

  /** Whether {@code name} is {@code createdAt} or {@code updatedAt} here, not a field of that name. */
  boolean isTimestamp(String name) {
    return indexOf(name) < 0 && FieldSpec.timestamp(name) != null;
  }

  /** The position of a field; an error naming the model's fields if there is none. */
  final int requireIndex(String field) {
    int i = indexOf(field);
    if (i < 0) {
      List<String> names = fields.stream().map(FieldSpec::name).toList();
      throw new IllegalArgumentException(modelName + " has no field '" + field + "'; its fields are " + names);
    }
    return i;
  }

  /** The record's values in stored form, sharing no array with the record. */
  final Object[] storedValues(T record) {
    Object[] values = values(record);
    if (hasJson || hasMutable) {
      for (int i = 0; i < values.length; i++) {
        FieldSpec f = fields.get(i);
        if (values[i] == null) {
          continue;
        }
        if (f.type() == ColumnType.JSON) {
          values[i] = Json.canonical(f.name(), values[i]);
        } else {
          values[i] = f.type().copy(values[i]);
        }
      }
    }
    return values;
  }

  /** Stored-form values of a fresh instance: the baseline against which a new record's changes count. */
  final Object[] initialStoredValues() {
    Object[] initial = initialStoredValues;
    if (initial == null) {
      initial = storedValues(newInstance());
      initialStoredValues = initial;
    }
    return initial;
  }

  /** Decodes one stored value into field form: JSON is read, and an array copied so the record owns it. */
  final Object decode(int index, Object stored) {
    FieldSpec f = fields.get(index);
    if (f.type() == ColumnType.JSON && stored != null) {
      return f.readJson((String) stored);
    }
    return stored == null ? null : f.type().copy(stored);
  }

  /** Sets a record's fields from stored-form values. */
  final void load(T record, Object[] stored) {
    load(record, stored, null);
  }

  /**
   * Sets a record's fields from stored-form values, taking a JSON field's value from {@code decoded}
   * (indexed like {@code stored}; null, or null at that index, to decode it) where the caller already
   * decoded it.
   */
  final void load(T record, Object[] stored, Object[] decoded) {
    Object[] values = stored;
    if (hasJson || hasMutable) {
      values = stored.clone();
      for (int i = 0; i < values.length; i++) {
        values[i] = decoded != null && decoded[i] != null ? decoded[i] : decode(i, values[i]);
      }
    }
    apply(record, values);
  }

  /**
   * Whether two stored-form values mean the same, as their {@link ColumnType} defines it: decimals by
   * value (1.50 equals 1.5), byte arrays by content.
   */
  public static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal && b instanceof BigDecimal) {
      return ColumnType.DECIMAL.sameValue(a, b);
    }
    if (a instanceof byte[] && b instanceof byte[]) {
      return ColumnType.BYTES.sameValue(a, b);
    }
    return Objects.equals(a, b);
  }

  /**
   * The canonical JSON of a document body: one object with the fields in name order. Decimals are
   * written without trailing zeros, so a value that a database returns with a different scale still
   * hashes the same.
   */
  final byte[] canonicalBody(Object[] stored) {
    // Sized from the values, so that a body with JSON fields is written without growing the buffer.
    int size = 2;
    for (int i = 0; i < stored.length; i++) {
      size += fields.get(i).name().length() + 4 + (stored[i] instanceof String s ? s.length() + 2 : 24);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      for (int i : canonicalOrder) {
        FieldSpec f = fields.get(i);
        g.writeFieldName(f.name());
        writeCanonical(g, f.type(), stored[i]);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeCanonical(JsonGenerator g, ColumnType type, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else {
      type.writeCanonical(g, v);
    }
  }

  @Override
  public String toString() {
    return "ModelBinding{" + modelName + " -> " + collection + ", fields=" + fields + "}";
  }

  /**
   * The binding behind a {@link ModelType}: generated classes are its only implementations, so anything else
   * is a class made by hand that the runtime cannot read or write.
   */
  public static <T extends ActiveRecord<T>> ModelBinding<T> of(ModelType<T> type) {
    if (type instanceof ModelBinding<T> binding) {
      return binding;
    }
    throw new IllegalArgumentException((type == null ? "null" : type.getClass().getName())
        + " is not a model type the Pocketto processor generated: pass a generated class's BINDING");
  }

  // The record operations behind ActiveRecord's default methods.

  /** The database a record saves to: where it came from, else the default. */
  private Database home(T record) {
    Database db = state(record).database();
    return db != null ? db : Pocketto.defaultDatabase();
  }

  /** The store of this model in the record's {@link #home} database. */
  @Override
  public ModelStore<T> store(T record) {
    return home(record).store(this);
  }

  @Override
  public String id(T record) {
    return state(record).id();
  }

  /** {@code null} on a new record means "no id yet"; a saved record's id never changes. */
  @Override
  public void setId(T record, String id) {
    RecordState state = state(record);
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

  /** The dirty fields, computed against the stored snapshot. */
  @Override
  public Meta meta(T record) {
    RecordState state = state(record);
    Object[] current = storedValues(record);
    Object[] base = baseline(state);
    Map<String, Object> before = new LinkedHashMap<>();
    Set<String> dirty = new LinkedHashSet<>();
    for (int i = 0; i < current.length; i++) {
      if (!same(current[i], base[i])) {
        String name = fields.get(i).name();
        dirty.add(name);
        before.put(name, decode(i, base[i]));
      }
    }
    return new Meta(state.rev(), state.writer(), before, dirty, state.createdAt(), state.updatedAt());
  }

  @Override
  public Lock lock(T record, Duration lease) {
    RecordState state = state(record);
    if (!state.persisted()) {
      throw new IllegalStateException("cannot lock a " + modelName + " that was never saved");
    }
    return store(record).lock(state.id(), lease);
  }

  @Override
  public boolean isDirty(T record) {
    return !Records.sameValues(storedValues(record), baseline(state(record)));
  }

  @Override
  public boolean isDirty(T record, String field) {
    int i = requireIndex(field);
    return !same(storedValues(record)[i], baseline(state(record))[i]);
  }

  /** The stored-form values a record's changes count against: its snapshot, or a fresh instance's. */
  private Object[] baseline(RecordState state) {
    Object[] snapshot = state.snapshot();
    return snapshot != null ? snapshot : initialStoredValues();
  }

  @Override
  public String fieldName(int index) {
    return fields.get(index).name();
  }

  @Override
  public Property.Kind propertyKind(int index) {
    return fields.get(index).type().operators();
  }

  /** {@code id}, the fields in declaration order, then {@code _meta}. */
  @Override
  public String toJson(T record) {
    return DocumentJson.write(this, record).toString();
  }

  @Override
  public ObjectNode toJsonNode(T record) {
    return DocumentJson.write(this, record);
  }
}
