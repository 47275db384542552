package io.pocketto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pocketto.ActiveRecord;

/**
 * Comparing records and their values across models, and a value's JSON view. What one record does (save,
 * meta, dirty tracking, ...) is its model's {@link ModelBinding}'s.
 */
public final class Records {
  private Records() {}

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

  /** Whether two stored-form value arrays of one model mean the same, field by field. */
  static boolean sameValues(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!ModelBinding.same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  /** Numbers, booleans and JSON fields as Jackson writes them; every other type as its text, exactly as stored. */
  static JsonNode jsonValue(ColumnType type, Object value) {
    if (value == null || type == ColumnType.JSON || value instanceof Number || value instanceof Boolean) {
      return Json.VIEW.valueToTree(value);
    }
    return TextNode.valueOf(type.display(value));
  }
}
