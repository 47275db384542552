package com.acme.billing.web;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a test opened (servers, replications, databases), closed after it in the reverse order. */
final class Opened implements AutoCloseable {
  private final List<AutoCloseable> opened = new ArrayList<>();

  <T extends AutoCloseable> T open(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  /** A fresh in-memory H2 database of its own. */
  Database memory(String name) {
    return open(Pocketto.connect("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()));
  }

  @Override
  public void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
  }
}
