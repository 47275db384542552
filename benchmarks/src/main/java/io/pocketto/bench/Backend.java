package io.pocketto.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The database a benchmark trial runs on (the JMH {@code backend} parameter). Each trial gets a fresh
 * database of its own. A server database (PostgreSQL) is added here as one more constant: its URL, and
 * how a trial gets an empty schema and leaves nothing behind.
 */
public enum Backend {
  /** H2 in memory: no I/O, so the cost of the mapping layer shows most. */
  H2_MEM {
    @Override
    public Location open(String name) {
      return new Location("jdbc:h2:mem:" + name, null);
    }
  },
  /** H2 in a file in a fresh temporary directory, with H2's default durability settings. */
  H2_FILE {
    @Override
    public Location open(String name) {
      try {
        Path dir = Files.createTempDirectory("pocketto-bench-");
        return new Location("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath(), dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** A fresh, empty database called {@code name}. */
  public abstract Location open(String name);

  /**
   * Where a trial's database lives.
   *
   * @param url the JDBC URL every variant opens (each adds the settings it needs, as a user would)
   * @param directory the files to delete afterwards, or {@code null}
   */
  public record Location(String url, Path directory) {
    /** Deletes the database files, if any; call after every connection is closed. */
    public void delete() {
      if (directory == null) {
        return;
      }
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
