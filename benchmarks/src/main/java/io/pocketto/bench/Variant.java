package io.pocketto.bench;

import io.pocketto.bench.variant.HibernateContender;
import io.pocketto.bench.variant.JdbcContender;
import io.pocketto.bench.variant.JooqContender;
import io.pocketto.bench.variant.PockettoContender;
import java.util.Locale;

/** The contenders of every benchmark (the JMH {@code variant} parameter), each opened on a JDBC URL. */
public enum Variant {
  /** The generated active record. */
  POCKETTO {
    @Override
    public Contender open(String url) {
      return new PockettoContender(url);
    }
  },
  /** Hand-written JDBC running exactly Pocketto's statements: the limit. */
  JDBC {
    @Override
    public Contender open(String url) {
      return new JdbcContender(url);
    }
  },
  /** Hibernate ORM with {@code @Version}. */
  HIBERNATE {
    @Override
    public Contender open(String url) {
      return new HibernateContender(url);
    }
  },
  /** jOOQ with a conditional {@code UPDATE ... WHERE _version = ?}. */
  JOOQ {
    @Override
    public Contender open(String url) {
      return new JooqContender(url);
    }
  };

  /** Creates the variant's table in an empty database at {@code url} and opens it. */
  public abstract Contender open(String url);

  /** The variant for a JMH parameter value such as {@code pocketto}. */
  public static Variant of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The name used in JMH parameters and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
