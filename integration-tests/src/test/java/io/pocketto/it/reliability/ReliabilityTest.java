package io.pocketto.it.reliability;

import io.pocketto.Database;
import io.pocketto.it.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;

/**
 * A reliability test class runs once per backend its subclass names with {@code @EnumSource}; every
 * database it opens is closed after each test, so none is left behind as the default.
 */
@ParameterizedClass(name = "{0}")
abstract class ReliabilityTest {
  @Parameter
  Backend backend;

  @TempDir
  Path scratchDir;

  private final List<Database> opened = new ArrayList<>();

  /** A new, empty database on this class's backend, closed after the test. */
  Database open() {
    Database db = backend.open(scratchDir);
    opened.add(db);
    return db;
  }

  @AfterEach
  final void closeDatabases() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
  }
}
