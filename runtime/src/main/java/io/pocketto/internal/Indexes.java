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
 */
public final class Indexes {
  /** The longest identifier every supported database keeps intact (PostgreSQL's limit). */
  static final int MAX_NAME_LENGTH = 63;

  private Indexes() {}

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

  /** {@code CREATE INDEX IF NOT EXISTS} for one index, its fields given by name. */
  static String createStatement(Dialect dialect, ModelBinding<?> binding, List<String> fields) {
    List<String> columns = new ArrayList<>();
    StringJoiner quoted = new StringJoiner(", ");
    for (String field : fields) {
      String column = binding.fields().get(binding.requireIndex(field)).column();
      columns.add(column);
      quoted.add(dialect.quote(column));
    }
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
