package io.pocketto.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One trial's contender on one fresh database, shared by the benchmark classes. Opening and closing it
 * is not measured.
 */
public final class Trial implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Backend.Location location;
  private final Contender contender;

  private Trial(Backend.Location location, Contender contender) {
    this.location = location;
    this.contender = contender;
  }

  /** Opens {@code variant} on a new, empty database of {@code backend} (JMH parameter values). */
  public static Trial open(String variant, String backend) {
    Variant v = Variant.of(variant);
    Backend.Location location = Backend.valueOf(backend)
        .open("bench-" + v.label() + "-" + DATABASES.incrementAndGet());
    return new Trial(location, v.open(location.url()));
  }

  /** The contender under measurement. */
  public Contender contender() {
    return contender;
  }

  /** The JDBC URL of the trial's database, for checks outside the contender. */
  public String url() {
    return location.url();
  }

  /** Stores invoices {@code 0..count-1} and returns their ids. */
  public String[] fill(int count) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = UuidV7.next();
    }
    contender.insertAll(ids);
    return ids;
  }

  @Override
  public void close() {
    contender.close();
    location.delete();
  }
}
