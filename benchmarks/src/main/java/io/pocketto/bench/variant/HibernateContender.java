package io.pocketto.bench.variant;

import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.bench.Contender;
import io.pocketto.bench.Invoices;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM as its users write it: a session per unit of work, find, set, commit; the version
 * check is Hibernate's own {@code @Version}. Same pool (HikariCP, same size) as Pocketto. The entity's
 * fields are set directly (see {@link HibernateInvoice}): Hibernate's dirty check compares them with its
 * snapshot whether a setter or this class wrote them.
 */
public final class HibernateContender implements Contender {
  private final HikariDataSource pool;
  private final SessionFactory sessions;
  /**
   * Whether the contended increment reads with {@code PESSIMISTIC_WRITE}: on an H2 file. There H2 (2.4.240, 2.5.252)
   * lets two transactions' version-checked updates of one row both pass now and then, so {@code @Version} alone
   * lost an increment in about 2 trials of 100 (ContendersTest caught it; plain JDBC does the same, and Pocketto
   * keeps such writes apart for this reason, see the runtime's DocumentTurns). A row locked by the read cannot be.
   */
  private final boolean lockForIncrement;

  /** Creates the table at {@code url} and builds the session factory. */
  public HibernateContender(String url) {
    // Its table is the runtime's with a version column (see VersionedTable).
    this.pool = VersionedTable.open(url, "hibernate-bench");
    this.lockForIncrement = !VersionedTable.isPostgres(url) && !VersionedTable.isInMemory(url);
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
    invoice.number = Invoices.number(n);
    invoice.customer = Invoices.customer(n);
    invoice.issuedOn = Invoices.issuedOn(n);
    invoice.status = Invoices.status();
    invoice.lines = Invoices.lines(n);
    invoice.total = Invoices.total(invoice.lines);
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
      return s.createQuery("from HibernateInvoice i where i.customer = :customer "
              + "order by i.issuedOn desc nulls last, i.id desc",
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
      invoice.reminders++;
    });
  }

  /**
   * A stateless session's {@code update}: Hibernate's way to write an entity it does not manage with one
   * statement, the version checked and moved on (a {@code merge} would read the row first).
   */
  @Override
  public void write(Object held) {
    HibernateInvoice invoice = (HibernateInvoice) held;
    invoice.reminders++;
    sessions.inStatelessTransaction(s -> s.update(invoice));
  }

  @Override
  public int increment(String id) {
    for (int conflicts = 0; ; conflicts++) {
      try {
        if (lockForIncrement) {
          sessions.inTransaction(s -> s.find(HibernateInvoice.class, id, LockModeType.PESSIMISTIC_WRITE).reminders++);
        } else {
          readModifyWrite(id);
        }
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
    return findById(id).reminders;
  }

  @Override
  public String revision(String id) {
    return Long.toString(findById(id).version);
  }

  @Override
  public void close() {
    sessions.close();
    VersionedTable.close(pool);
  }
}
