package io.pocketto.it.toolkit;

import io.pocketto.Database;
import io.pocketto.it.Backend;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs once per {@link Backend}: a fresh database per test, and the small fixtures the toolkit tests share. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
abstract class ToolkitTest {
  @Parameter
  protected Backend backend;

  @TempDir
  protected Path scratchDir;

  protected Database db;

  @BeforeEach
  void openDatabase() {
    db = backend.open(scratchDir);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  /** A stored counter. */
  protected Counter counter(String id, long value) {
    Counter c = new Counter();
    c.setId(id);
    c.setValue(value);
    return c.saveTo(db);
  }

  /** The stored value of a counter. */
  protected long storedValue(String id) {
    return Counter.in(db).find(id).orElseThrow().getValue();
  }
}
