package io.pocketto.it.toolkit;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh databases for the toolkit tests. */
final class Dbs {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Dbs() {}

  static Database memory() {
    return Pocketto.connect("jdbc:h2:mem:toolkit-" + COUNTER.incrementAndGet());
  }

  static Database file(Path dir) {
    return Pocketto.connect("jdbc:h2:file:" + dir.resolve("toolkit-" + COUNTER.incrementAndGet()));
  }

  static Database open(String kind, Path dir) {
    return kind.equals("file") ? file(dir) : memory();
  }
}
