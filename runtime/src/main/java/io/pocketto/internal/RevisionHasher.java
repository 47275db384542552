package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.Revision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes CouchDB-style revisions, {@code <height>-<md5>}. The digest covers, in this order: the
 * parent revision's text (empty for the first write), a NUL byte, {@code 1} or {@code 0} for the
 * deleted flag, a NUL byte, and the canonical JSON body. It is deterministic: the same edit from the
 * same parent produces the same revision in any database, which replication relies on.
 */
public final class RevisionHasher {
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest PROTOTYPE;

  static {
    try {
      PROTOTYPE = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private RevisionHasher() {}

  /** The revision that follows {@code parentRevision} (or starts a document, for {@code null}). */
  public static String next(String parentRevision, boolean deleted, byte[] canonicalBody) {
    long height = parentRevision == null ? 1 : Revision.parse(parentRevision).height() + 1;
    MessageDigest md5 = newDigest();
    if (parentRevision != null) {
      md5.update(parentRevision.getBytes(StandardCharsets.US_ASCII));
    }
    md5.update((byte) 0);
    md5.update(deleted ? (byte) '1' : (byte) '0');
    md5.update((byte) 0);
    md5.update(canonicalBody);
    return height + "-" + HEX.formatHex(md5.digest());
  }

  /**
   * The revision a loaded record's row should carry if it was written on top of {@code parentRevision}:
   * a check that a stored row is whole, its revision and body from one write.
   */
  public static <T extends ActiveRecord<T>> String revisionOf(ModelBinding<T> binding, T record, String parentRevision) {
    RecordState state = binding.state(record);
    if (!state.persisted()) {
      throw new IllegalArgumentException("the record was never saved or loaded");
    }
    return next(parentRevision, state.deleted(), binding.canonicalBody(state.snapshot()));
  }

  private static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
