package io.pocketto.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * Index names and DDL for the {@code @Index} declarations of a model. A name depends only on the
 * collection and the columns, so every start of the application finds the index it created before.
 *
 * <p>Every index ends in the document id and orders its columns the way queries do (nulls first, see
 * {@link Dialect#indexColumn}), so that {@code ORDER BY x ASC NULLS FIRST, _id ASC} is one forward scan
 * and {@code ORDER BY x DESC NULLS LAST, _id DESC} one backward scan of the same index, with no sort.
 * Databases created before the id was part of the index get the new one next to the old one on their
 * next start ({@code CREATE INDEX IF NOT EXISTS} under a new name); the old one is left alone.
 */
public final class Indexes {
  /** The longest identifier every supported database keeps intact (PostgreSQL's limit). */
  static final int MAX_NAME_LENGTH = 63;

  private Indexes() {}

  /**
   * Whether {@code field} is one of the fields of one of {@code indexes}, a model's {@code @Index} declarations (each a
   * list of field names). An index then serves a sort by it: first in the index, or later in it under an equality on
   * the fields before it. The one rule behind the runtime's warning on typed queries and the processor's note on
   * repository methods that sort by a field in no index.
   */
  public static boolean anyContains(List<List<String>> indexes, String field) {
    for (List<String> index : indexes) {
      if (index.contains(field)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What to add so that an index serves a sort by {@code field}: an {@code @Index} on the field in {@code modelClass}
   * (the {@code @Model} class, where the annotations go), or for a timestamp, which is no field to annotate, an entry
   * in its {@code @Model(indexes = ...)}. The one advice of the runtime's warning and the processor's note.
   */
  public static String advice(String modelClass, String field, boolean timestamp) {
    return timestamp ? "@Index(\"" + field + "\") to the @Model(indexes = ...) of " + modelClass
        : "@Index to " + modelClass + "." + field;
  }

  /**
   * {@code <collection>_<column>_..._idx}; a name that would be too long keeps a prefix of the
   * collection and ends in a hash of the full name, so it stays unique and deterministic.
   */
  public static String name(String collection, List<String> columns) {
    String full = collection + "_" + String.join("_", columns) + "_idx";
    if (full.length() <= MAX_NAME_LENGTH) {
      return full;
    }
    String hash = md5Hex(full).substring(0, 10);
    String prefix = collection.substring(0, Math.min(collection.length(), MAX_NAME_LENGTH - hash.length() - 6));
    return prefix + "_" + hash + "_idx";
  }

  /** The column every index ends in, so that ties on the indexed fields come back in index order. */
  static final String TIE_BREAKER = "_id";

  /**
   * {@code CREATE INDEX IF NOT EXISTS} for one index, its fields given by name ({@code createdAt} and {@code updatedAt}
   * included), then the document id.
   */
  static String createStatement(Dialect dialect, ModelBinding<?> binding, List<String> fields) {
    List<String> columns = new ArrayList<>();
    StringJoiner quoted = new StringJoiner(", ");
    for (String field : fields) {
      String column = binding.indexedColumn(field);
      columns.add(column);
      quoted.add(dialect.indexColumn(dialect.quote(column)));
    }
    columns.add(TIE_BREAKER);
    quoted.add(dialect.quote(TIE_BREAKER));
    return "CREATE INDEX IF NOT EXISTS " + dialect.quote(name(binding.collection(), columns))
        + " ON " + dialect.quote(binding.collection()) + " (" + quoted + ")";
  }

  private static String md5Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
