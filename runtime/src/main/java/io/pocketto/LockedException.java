package io.pocketto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A write, lock or release was refused because another writer holds the document's lock (status 423,
 * WebDAV's {@code Locked}). Nothing was written; the record that failed is left as it was, still dirty.
 * Wait until {@link #expires()}, or ask the {@link #holder()} to release it.
 */
public class LockedException extends DocumentException implements JsonError {
  private static final long serialVersionUID = 1L;
  /** The reason text of {@link #toJson()}. */
  public static final String REASON = "Document is locked";

  private final String holder;
  private final Instant expires;
  private final String writer;

  /**
   * Creates the exception.
   *
   * @param collection the collection of the document
   * @param id the document id
   * @param holder the writer holding the lock, or {@code null} if its lock ended between the refusal
   *     and the look at who held it
   * @param expires when the holder's lease ends, by the database's clock; {@code null} with the holder
   * @param writer the writer who was refused
   */
  public LockedException(String collection, String id, String holder, Instant expires, String writer) {
    super(423, message(collection, id, holder, expires, writer), collection, id);
    this.holder = holder;
    this.expires = expires;
    this.writer = writer;
  }

  private static String message(String collection, String id, String holder, Instant expires, String writer) {
    String who = holder == null ? "another writer (whose lock has ended since; try again)"
        : "'" + holder + "' until " + expires;
    return collection + "/" + id + " is locked by " + who + ", so '" + writer + "' may not write it";
  }

  /** Always {@code "locked"}. */
  @Override
  public String name() {
    return "locked";
  }

  /** The writer holding the lock; {@code null} if its lock ended just after refusing the write. */
  public String holder() {
    return holder;
  }

  /** When the holder's lease ends, by the database's clock; {@code null} when {@link #holder()} is. */
  public Instant expires() {
    return expires;
  }

  /** The writer whose write, lock or release was refused. */
  public String writer() {
    return writer;
  }

  /**
   * The refusal as an error object in the seed's style: {@code {"name":"locked","message":"Document is
   * locked","status":423,"error":true,"reason":"Document is locked","holder":"alice",
   * "expires":"2026-12-05T01:00:00Z"}}.
   */
  @Override
  public ObjectNode toJsonNode() {
    ObjectNode node = errorObject(name(), REASON);
    node.put("holder", holder);
    node.put("expires", expires == null ? null : expires.toString());
    return node;
  }
}
