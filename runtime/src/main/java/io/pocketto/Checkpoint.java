package io.pocketto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A place in one collection's changes feed: what a reader has read up to. Opaque: keep it as its
 * {@link #toString()} (a short URL-safe text) and give it back through {@link #parse(String)}, for
 * instance after a restart. A checkpoint belongs to the database and collection it was read from, and
 * is refused elsewhere; {@link #START} belongs to every feed and reads it from the beginning.
 */
public final class Checkpoint {
  /** The beginning of every changes feed. */
  public static final Checkpoint START = new Checkpoint(null, null, 0, 0);

  private static final String START_TEXT = "start";
  private static final String PREFIX = "cp1.";

  private final String databaseId;
  private final String collection;
  private final long major;
  private final long minor;

  private Checkpoint(String databaseId, String collection, long major, long minor) {
    this.databaseId = databaseId;
    this.collection = collection;
    this.major = major;
    this.minor = minor;
  }

  /**
   * The checkpoint after position ({@code major}, {@code minor}) of a collection's feed in the database with
   * id {@code databaseId}. The runtime's engine makes checkpoints this way as it reads the feed; an application
   * keeps the ones it is given.
   */
  public static Checkpoint at(String databaseId, String collection, long major, long minor) {
    return new Checkpoint(databaseId, collection, major, minor);
  }

  /**
   * Reads a checkpoint from its {@link #toString()} form.
   *
   * @throws IllegalArgumentException if {@code text} is not a checkpoint
   */
  public static Checkpoint parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a checkpoint is required; use Checkpoint.START to read a feed from the beginning");
    }
    if (text.equals(START_TEXT)) {
      return START;
    }
    if (text.startsWith(PREFIX)) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())), StandardCharsets.UTF_8)
            .split("\n", -1);
        if (parts.length == 4 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
          long major = Long.parseLong(parts[2]);
          long minor = Long.parseLong(parts[3]);
          if (major >= 0 && minor >= 0) {
            return new Checkpoint(parts[0], parts[1], major, minor);
          }
        }
      } catch (IllegalArgumentException e) {
        // Falls through to the error below, which says what a checkpoint looks like.
      }
    }
    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a Pocketto checkpoint: pass back exactly "
        + "what Checkpoint.toString() gave, or \"" + START_TEXT + "\" for the beginning of the feed");
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** Whether this is {@link #START}. */
  public boolean isStart() {
    return databaseId == null;
  }

  /** The collection this checkpoint was read from; {@code null} for {@link #START}. */
  public String collection() {
    return collection;
  }

  /**
   * Checks that this checkpoint may be used to read {@code collection} of the database with id
   * {@code databaseId}.
   *
   * @throws IllegalArgumentException naming where the checkpoint comes from
   */
  public void requireFor(String databaseId, String collection) {
    if (isStart()) {
      return;
    }
    if (!this.collection.equals(collection)) {
      throw new IllegalArgumentException("this checkpoint belongs to the changes of collection '" + this.collection
          + "', not of '" + collection + "'; keep one checkpoint per collection");
    }
    if (!this.databaseId.equals(databaseId)) {
      throw new IllegalArgumentException("this checkpoint of '" + collection + "' belongs to database " + this.databaseId
          + ", not to " + databaseId + " (another database, or one recreated since); read this one from Checkpoint.START");
    }
  }

  /** The first half of the feed position this checkpoint is after (0 for {@link #START}), for the engine. */
  public long major() {
    return major;
  }

  /** The second half of the feed position this checkpoint is after (0 for {@link #START}), for the engine. */
  public long minor() {
    return minor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && major == c.major && minor == c.minor && Objects.equals(databaseId, c.databaseId)
        && Objects.equals(collection, c.collection);
  }

  @Override
  public int hashCode() {
    return Objects.hash(databaseId, collection, major, minor);
  }

  /** The checkpoint as text that {@link #parse(String)} reads back. */
  @Override
  public String toString() {
    if (isStart()) {
      return START_TEXT;
    }
    String body = databaseId + "\n" + collection + "\n" + major + "\n" + minor;
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
  }
}
