package io.pocketto.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.ActiveRecord;
import io.pocketto.ConflictInput;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One model's documents as replication sends them: a JSON object of {@code id}, {@code _rev},
 * {@code _deleted} and the fields. A field's JSON is exact (decimals keep every digit, JSON fields are
 * the canonical text as a tree), so a document decoded at the other end hashes to the same revision:
 * that is how a server checks what it is sent.
 *
 * @param <T> the generated model class
 */
public final class ReplicaCodec<T extends ActiveRecord<T>> {
  /** The key of the document id in a replicated document. */
  public static final String ID = "id";
  /** The key of the revision. */
  public static final String REV = "_rev";
  /** The key of the deleted flag. */
  public static final String DELETED = "_deleted";

  private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

  private final ModelBinding<T> binding;

  /** The codec of a model. */
  public ReplicaCodec(ModelBinding<T> binding) {
    this.binding = binding;
  }

  /** The model. */
  public ModelBinding<T> binding() {
    return binding;
  }

  /** The stored-form values of a record's fields now. */
  public Object[] values(T record) {
    return binding.storedValues(record);
  }

  /** The document a stored record is: its id, revision, deleted flag and current field values. */
  public ObjectNode encode(T record) {
    RecordState state = binding.state(record);
    return encode(state.id(), state.rev(), state.deleted(), binding.storedValues(record));
  }

  /** The document of these stored-form values. */
  public ObjectNode encode(String id, String rev, boolean deleted, Object[] stored) {
    ObjectNode doc = NODES.objectNode();
    doc.put(ID, id);
    doc.put(REV, rev);
    doc.put(DELETED, deleted);
    List<FieldSpec> fields = binding.fields();
    for (int i = 0; i < stored.length; i++) {
      doc.set(fields.get(i).name(), encodeValue(fields.get(i), stored[i]));
    }
    return doc;
  }

  private static JsonNode encodeValue(FieldSpec f, Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    return switch (f.type()) {
      case JSON -> readTree((String) v);
      case BOOLEAN -> NODES.booleanNode((Boolean) v);
      case BYTE, SHORT, INT, LONG -> NODES.numberNode(((Number) v).longValue());
      case FLOAT -> Float.isFinite((Float) v) ? NODES.numberNode(new BigDecimal(Float.toString((Float) v)))
          : NODES.textNode(v.toString());
      case DOUBLE -> Double.isFinite((Double) v) ? NODES.numberNode(new BigDecimal(Double.toString((Double) v)))
          : NODES.textNode(v.toString());
      case DECIMAL -> NODES.numberNode((BigDecimal) v);
      case ENUM -> NODES.textNode(((Enum<?>) v).name());
      default -> NODES.textNode(v.toString());
    };
  }

  private static JsonNode readTree(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The stored-form field values of a replicated document.
   *
   * @throws IllegalArgumentException naming the field, for an unknown field or a value of the wrong type
   */
  public Object[] decode(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      throw new IllegalArgumentException("a " + binding.modelName() + " document must be a JSON object, was " + doc);
    }
    List<FieldSpec> fields = binding.fields();
    Object[] stored = new Object[fields.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (!name.equals(ID) && !name.equals(REV) && !name.equals(DELETED) && binding.indexOf(name) < 0) {
        throw new IllegalArgumentException(binding.modelName() + " has no field '" + name + "'");
      }
    }
    for (int i = 0; i < stored.length; i++) {
      FieldSpec f = fields.get(i);
      JsonNode node = doc.get(f.name());
      stored[i] = decodeValue(f, node == null ? NODES.nullNode() : node);
    }
    return stored;
  }

  private Object decodeValue(FieldSpec f, JsonNode node) {
    if (node.isNull()) {
      if (f.primitive()) {
        throw new IllegalArgumentException(binding.modelName() + " field '" + f.name() + "' is a primitive and cannot be null");
      }
      return null;
    }
    switch (f.type()) {
      case JSON:
        return Json.canonical(f.name(), f.readJsonTree(node));
      case FLOAT:
      case DOUBLE:
        if (node.isTextual()) {
          double d = switch (node.textValue()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException(binding.modelName() + " field '" + f.name()
                + "' takes a number, not '" + node.textValue() + "'");
          };
          return f.type() == ColumnType.FLOAT ? (Object) (float) d : (Object) d;
        }
        break;
      default:
        break;
    }
    Object plain;
    if (node.isTextual()) {
      plain = node.textValue();
    } else if (node.isBoolean()) {
      plain = node.booleanValue();
    } else if (node.isIntegralNumber()) {
      plain = node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    } else if (node.isNumber()) {
      plain = node.decimalValue();
    } else {
      plain = node;
    }
    return f.coerce(binding.modelName(), plain);
  }

  /** The revision that these values make on top of {@code parent}. */
  public String revisionOf(String parent, boolean deleted, Object[] stored) {
    return RevisionHasher.next(parent, deleted, binding.canonicalBody(stored));
  }

  /** A record holding these values, with this id, revision and deleted flag, belonging to no database. */
  public T detached(String id, String rev, boolean deleted, Object[] stored) {
    T record = binding.newInstance();
    binding.load(record, stored);
    binding.state(record).stored(null, id, rev, deleted, null, stored);
    return record;
  }

  /** The values of a record never saved: what a document created on two sides started from. */
  public Object[] initialValues() {
    // A copy: the binding's array is the baseline of every new record's dirty tracking, and callers fill theirs in.
    return binding.initialStoredValues().clone();
  }

  /** Whether two value arrays of this model hold the same values. */
  public boolean same(Object[] a, Object[] b) {
    return Records.sameValues(a, b);
  }

  /** The three states of a replication conflict, as a conflict handler sees them. */
  public ConflictInput<T> conflictInput(String id, String assumedRevision, String realRevision,
      Object[] assumed, Object[] mine, Object[] real) {
    // The replication protocol does not carry writers, so the real revision's writer is unknown here.
    return new ConflictInputImpl<>(binding, id, assumedRevision, realRevision, null, assumed, mine, real);
  }
}
