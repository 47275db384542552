package io.pocketto.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed seek-pagination cursors: the position after the last document of a page (its order-key
 * values and id), bound to the query that produced it. A cursor is {@code <payload>.<signature>}, both
 * base64url; the payload is a JSON array {@code [query, id, key...]} and the signature an HMAC-SHA256
 * over it with a secret kept in the database ({@value #KEY_TABLE}), so every application server on the
 * same database accepts the cursors of the others, and nobody without the secret can forge a position.
 */
public final class SeekCursors {
  /** Where the signing secret lives: one row, created by whichever process needs it first. */
  static final String KEY_TABLE = "pocketto_cursor_key";
  private static final String HMAC = "HmacSHA256";
  private static final int SIGNATURE_BYTES = 16;
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final Map<Engine, SeekCursors> BY_ENGINE = Collections.synchronizedMap(new WeakHashMap<>());

  /** Digests and MACs are not thread-safe, and looking one up costs more than using it: one per thread. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  /**
   * How many of the cursors it issued last each database remembers, decoded: a power of two. A client
   * paging through results sends back the cursor of the page it was just given, and a remembered one is
   * accepted without checking its signature and parsing it again; it was signed here, so it is authentic.
   */
  static final int REMEMBERED = 1024;

  private final ThreadLocal<Mac> macs;
  /**
   * Cursors issued lately, each in its {@link #slot}; a newer one takes an older one's slot. The slots
   * hold immutable records, so a reader sees either a whole entry or none, and at worst decodes again.
   */
  private final AtomicReferenceArray<Issued> issued = new AtomicReferenceArray<>(REMEMBERED);

  /** A cursor this database issued, with the query it belongs to and its position. */
  private record Issued(String cursor, String query, Position position) {}

  SeekCursors(byte[] secret) {
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(secret, HMAC));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The cursors of one database, its secret read (or created) on first use. */
  public static SeekCursors of(Engine engine) {
    SeekCursors known = BY_ENGINE.get(engine);
    if (known != null) {
      return known;
    }
    SeekCursors loaded = new SeekCursors(loadSecret(engine));
    BY_ENGINE.putIfAbsent(engine, loaded);
    return BY_ENGINE.get(engine);
  }

  /**
   * A short, stable digest of a query's identity: its statement and the values bound to it. Two queries
   * share it only if they select the same documents in the same order.
   */
  public static String fingerprint(String sql, List<SqlParameter> params) {
    StringBuilder text = new StringBuilder(sql);
    for (SqlParameter p : params) {
      text.append('\n').append(p.type()).append(p.array() ? "[]" : "").append('=');
      if (p.array()) {
        for (Object v : (List<?>) p.value()) {
          text.append(encode(p.type(), v)).append('\u0000');
        }
      } else {
        text.append(encode(p.type(), p.value()));
      }
    }
    byte[] digest = SHA256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 12);
  }

  /**
   * A cursor for the position after a document with these order-key values (stored form) and id. The
   * JSON is written by hand, not through a tree: a seek page makes one cursor, and the tree and its
   * serializer cost more than the rest of the cursor.
   */
  public String encode(String query, List<FieldSpec> keys, List<Object> values, String id) {
    StringBuilder json = new StringBuilder(64 + 32 * keys.size()).append('[');
    quoted(json, query).append(',');
    quoted(json, id);
    for (int i = 0; i < keys.size(); i++) {
      Object v = values.get(i);
      json.append(',');
      if (v == null) {
        json.append("null");
      } else {
        quoted(json, encode(keys.get(i).type(), v));
      }
    }
    byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    String cursor = join(body, sign(body));
    issued.set(slot(cursor), new Issued(cursor, query, new Position(values, id)));
    return cursor;
  }

  /** {@code <body>.<signature>}, both base64url, written into one array: a cursor is made for every seek page. */
  private static String join(byte[] body, byte[] signature) {
    byte[] text = new byte[encodedLength(body.length) + 1 + encodedLength(signature.length)];
    int dot = BASE64.encode(body, text);
    text[dot] = '.';
    byte[] encodedSignature = BASE64.encode(signature);
    System.arraycopy(encodedSignature, 0, text, dot + 1, encodedSignature.length);
    return new String(text, StandardCharsets.US_ASCII);
  }

  /** How many characters base64 without padding writes for {@code bytes} bytes. */
  private static int encodedLength(int bytes) {
    return bytes / 3 * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
  }

  /**
   * A decoded cursor: the order-key values in stored form, and the id.
   *
   * @param values the order-key values, in order; a {@code null} stands for a null key
   * @param id the id of the document the position is after
   */
  public record Position(List<Object> values, String id) {
    /** Copies the values into an unmodifiable list, which may hold nulls. */
    public Position {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /**
   * The slot of a cursor in {@link #issued}. A cursor ends in its signature, whose characters are as good as
   * random, so its last three spread cursors over the slots without hashing the whole text.
   */
  private static int slot(String cursor) {
    int n = cursor.length();
    return n < 3 ? 0 : ((cursor.charAt(n - 1) * 31 + cursor.charAt(n - 2)) * 31 + cursor.charAt(n - 3)) & (REMEMBERED - 1);
  }

  /**
   * The position in {@code cursor}.
   *
   * @throws IllegalArgumentException if the cursor was altered, is not a cursor, or was issued for
   *     another query (other conditions, order or collection)
   */
  public Position decode(String cursor, String query, List<FieldSpec> keys) {
    if (cursor == null) {
      throw new IllegalArgumentException("cursor must not be null");
    }
    Issued known = issued.get(slot(cursor));
    if (known != null && known.cursor().equals(cursor)) {
      if (!known.query().equals(query)) {
        throw foreign();
      }
      return known.position();
    }
    int dot = cursor.indexOf('.');
    byte[] body;
    byte[] signature;
    try {
      if (dot < 0) {
        throw new IllegalArgumentException("no signature");
      }
      body = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
      signature = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw tampered();
    }
    if (!MessageDigest.isEqual(sign(body), signature)) {
      throw tampered();
    }
    // Signed by this database, so well-formed; what is left to check is that it is this query's.
    try (JsonParser json = Json.MAPPER.getFactory().createParser(body)) {
      if (json.nextToken() != JsonToken.START_ARRAY || json.nextToken() != JsonToken.VALUE_STRING
          || !json.getText().equals(query) || json.nextToken() != JsonToken.VALUE_STRING) {
        throw foreign();
      }
      String id = json.getText();
      List<Object> values = new ArrayList<>(keys.size());
      for (FieldSpec key : keys) {
        JsonToken v = json.nextToken();
        if (v == JsonToken.VALUE_NULL) {
          values.add(null);
        } else if (v == JsonToken.VALUE_STRING) {
          values.add(decode(key, json.getText()));
        } else {
          throw foreign();
        }
      }
      if (json.nextToken() != JsonToken.END_ARRAY) {
        throw foreign();
      }
      return new Position(values, id);
    } catch (IOException e) {
      throw tampered();
    }
  }

  /**
   * {@code text} as a JSON string, quotes and escapes included. The fingerprint and the ids of most
   * documents are printable ASCII with nothing to escape, and are appended as they are.
   */
  private static StringBuilder quoted(StringBuilder json, String text) {
    json.append('"');
    if (needsNoEscaping(text)) {
      json.append(text);
    } else {
      JsonStringEncoder.getInstance().quoteAsString(text, json);
    }
    return json.append('"');
  }

  private static boolean needsNoEscaping(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException tampered() {
    return new IllegalArgumentException("invalid cursor: it was altered or is not a cursor this database issued; "
        + "start again from the first page");
  }

  private static IllegalArgumentException foreign() {
    return new IllegalArgumentException("invalid cursor: it was issued for another query (other conditions, "
        + "order or collection); pass a cursor to the query whose slice returned it");
  }

  private byte[] sign(byte[] body) {
    byte[] full = macs.get().doFinal(body);
    byte[] out = new byte[SIGNATURE_BYTES];
    System.arraycopy(full, 0, out, 0, SIGNATURE_BYTES);
    return out;
  }

  /** A position's value as text, in its type's one text form (see {@link ColumnType#display}). */
  private static String encode(ColumnType type, Object value) {
    return type == ColumnType.ENUM ? ((Enum<?>) value).name() : type.display(value);
  }

  /** The value {@link #encode} wrote, read back through its type. */
  private static Object decode(FieldSpec field, String text) {
    if (field.type() == ColumnType.ENUM) {
      return field.enumConstant(text);
    }
    Object parsed = field.type().parse(text);
    if (parsed != null) {
      return parsed;
    }
    return switch (field.type()) {
      case BOOLEAN -> Boolean.valueOf(text);
      case BYTE -> Byte.valueOf(text);
      case SHORT -> Short.valueOf(text);
      case INT -> Integer.valueOf(text);
      case LONG -> Long.valueOf(text);
      case FLOAT -> Float.valueOf(text);
      case DOUBLE -> Double.valueOf(text);
      default -> text;
    };
  }

  /** Reads the database's signing secret, creating it if this is the first process to need one. */
  private static byte[] loadSecret(Engine engine) {
    Dialect d = engine.dialect();
    String table = d.quote(KEY_TABLE);
    return engine.withOwnConnection("reading the cursor signing key", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + d.quote("id") + " INTEGER NOT NULL PRIMARY KEY, "
            + d.quote("secret") + " CHARACTER VARYING(64) NOT NULL)");
      }
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      String insert = "INSERT INTO " + table + " (" + d.quote("id") + ", " + d.quote("secret") + ") SELECT 1, ? "
          + "WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + d.quote("id") + " = 1)";
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        ps.setString(1, HexFormat.of().formatHex(fresh));
        ps.executeUpdate();
      } catch (SQLException e) {
        // Two processes raced to create it; the other one's row is the secret.
        if (!d.isUniqueViolation(e)) {
          throw e;
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT " + d.quote("secret") + " FROM " + table + " WHERE " + d.quote("id") + " = 1")) {
        rs.next();
        return HexFormat.of().parseHex(rs.getString(1));
      }
    });
  }
}
