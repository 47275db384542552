package io.pocketto.bench.variant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.bench.Contender;
import io.pocketto.bench.Invoices;
import io.pocketto.bench.model.InvoiceLine;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM as its users write it: a session per unit of work, find, set, commit; the version
 * check is Hibernate's own {@code @Version}. Same pool (HikariCP, same size) as Pocketto.
 */
public final class HibernateContender implements Contender {
  /**
   * The runtime's table with Hibernate's version column in place of {@code _rev}; {@code _seq} takes
   * its value from a sequence by default, since Hibernate does not write it. Column types as the
   * runtime's dialect makes them ({@code jsonb} for the lines on PostgreSQL).
   */
  static List<String> ddl(boolean postgres) {
    String text = postgres ? "text" : "CHARACTER VARYING";
    String timestamp = postgres ? "timestamptz" : "TIMESTAMP(6) WITH TIME ZONE";
    return List.of(
        "CREATE SEQUENCE IF NOT EXISTS \"sales_invoices_seq\"",
        "CREATE TABLE IF NOT EXISTS \"sales_invoices\" (\n"
            + "  \"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY,\n"
            + "  \"_version\" BIGINT NOT NULL,\n"
            + "  \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL,\n"
            + "  \"_seq\" BIGINT DEFAULT " + (postgres ? "nextval('\"sales_invoices_seq\"')" : "NEXT VALUE FOR \"sales_invoices_seq\"")
            + " NOT NULL,\n"
            + "  \"_created_at\" " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
            + "  \"_updated_at\" " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
            + "  \"number\" " + text + ",\n"
            + "  \"customer\" " + text + ",\n"
            + "  \"total\" " + (postgres ? "numeric" : "DECFLOAT") + ",\n"
            + "  \"issued_on\" DATE,\n"
            + "  \"status\" " + text + ",\n"
            + "  \"reminders\" INTEGER,\n"
            + "  \"lines\" " + (postgres ? "jsonb" : "CHARACTER VARYING") + "\n"
            + ")",
        "CREATE UNIQUE INDEX IF NOT EXISTS \"sales_invoices_seq_idx\" ON \"sales_invoices\" (\"_seq\")",
        RuntimeStatements.INDEX_CUSTOMER_ISSUED_ON);
  }

  private final HikariDataSource pool;
  private final SessionFactory sessions;
  private final boolean inMemory;

  /** Creates the table at {@code url} and builds the session factory. */
  public HibernateContender(String url) {
    this.inMemory = url.startsWith("jdbc:h2:mem:");
    HikariConfig config = new HikariConfig();
    boolean postgres = url.startsWith("jdbc:postgresql:");
    // The settings the other variants use: an in-memory database lives until close(), a file database
    // writes each commit before it returns (the runtime's WRITE_DELAY=0). On PostgreSQL the converter's
    // text is sent untyped so that the server casts it to jsonb, as the runtime's ?::jsonb does.
    config.setJdbcUrl(postgres ? url + "&stringtype=unspecified"
        : url + (inMemory ? ";DB_CLOSE_DELAY=-1" : ";WRITE_DELAY=0"));
    // Pocketto's default pool size, so both pay for the same pool.
    config.setMaximumPoolSize(io.pocketto.Database.DEFAULT_POOL_SIZE);
    config.setPoolName("hibernate-bench");
    this.pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : ddl(postgres)) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the table at " + url, e);
    }
    Configuration configuration = new Configuration();
    configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
    this.sessions = configuration
        .addAnnotatedClass(HibernateInvoice.class)
        .setProperty(AvailableSettings.HBM2DDL_AUTO, "none")
        .setProperty(AvailableSettings.SHOW_SQL, false)
        .setProperty(AvailableSettings.GLOBALLY_QUOTED_IDENTIFIERS, true)
        .buildSessionFactory();
  }

  @Override
  public void insert(String id, int n) {
    HibernateInvoice invoice = invoice(id, n);
    sessions.inTransaction(s -> s.persist(invoice));
  }

  /** One transaction, flushed and cleared in chunks, as Hibernate's guide does bulk inserts. */
  @Override
  public void insertAll(String[] ids) {
    sessions.inTransaction(s -> {
      for (int i = 0; i < ids.length; i++) {
        s.persist(invoice(ids[i], i));
        if (i % 500 == 499) {
          s.flush();
          s.clear();
        }
      }
    });
  }

  private static HibernateInvoice invoice(String id, int n) {
    HibernateInvoice invoice = new HibernateInvoice(id);
    invoice.setNumber(Invoices.number(n));
    invoice.setCustomer(Invoices.customer(n));
    invoice.setIssuedOn(Invoices.issuedOn(n));
    invoice.setStatus(Invoices.status());
    List<InvoiceLine> lines = Invoices.lines(n);
    invoice.setLines(lines);
    invoice.setTotal(Invoices.total(lines));
    return invoice;
  }

  @Override
  public HibernateInvoice findById(String id) {
    try (Session s = sessions.openSession()) {
      return s.find(HibernateInvoice.class, id);
    }
  }

  /** A JPQL query as Hibernate users write it, ordered like the others (the id breaks ties). */
  @Override
  public List<HibernateInvoice> latestOfCustomer(String customer) {
    try (Session s = sessions.openSession()) {
      return s.createQuery("from HibernateInvoice i where i.customer = :customer order by i.issuedOn desc, i.id",
              HibernateInvoice.class)
          .setParameter("customer", customer)
          .setMaxResults(QUERY_LIMIT)
          .getResultList();
    }
  }

  @Override
  public void readModifyWrite(String id) {
    sessions.inTransaction(s -> {
      HibernateInvoice invoice = s.find(HibernateInvoice.class, id);
      invoice.setReminders(invoice.getReminders() + 1);
    });
  }

  @Override
  public int increment(String id) {
    for (int conflicts = 0; ; conflicts++) {
      try {
        readModifyWrite(id);
        return conflicts;
      } catch (RuntimeException e) {
        if (!isStale(e)) {
          throw e;
        }
        // Another thread committed first: the next attempt reads its result.
      }
    }
  }

  private static boolean isStale(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int reminders(String id) {
    return findById(id).getReminders();
  }

  @Override
  public String revision(String id) {
    return Long.toString(findById(id).getVersion());
  }

  @Override
  public void close() {
    sessions.close();
    if (inMemory) {
      try {
        Connection c = pool.getConnection();
        try (Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } finally {
          // The connection died with the database: the pool must not hand it out again.
          pool.evictConnection(c);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    pool.close();
  }
}
