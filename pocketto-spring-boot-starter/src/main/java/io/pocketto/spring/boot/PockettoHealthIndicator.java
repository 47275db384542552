package io.pocketto.spring.boot;

import io.pocketto.Database;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Actuator's {@code pocketto} health: up when the database answers on a connection of the pool. */
public class PockettoHealthIndicator extends AbstractHealthIndicator {
  private final Database database;

  /** A health indicator for {@code database}. */
  public PockettoHealthIndicator(Database database) {
    super("Pocketto health check failed");
    this.database = database;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    database.ping();
    builder.up().withDetail("dialect", database.dialectName());
  }
}
