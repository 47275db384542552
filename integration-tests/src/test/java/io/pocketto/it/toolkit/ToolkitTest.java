package io.pocketto.it.toolkit;

import io.pocketto.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh database per test, and the small fixtures the toolkit tests share. */
abstract class ToolkitTest {
  protected Database db;

  @BeforeEach
  void openDatabase() {
    db = Dbs.memory();
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
