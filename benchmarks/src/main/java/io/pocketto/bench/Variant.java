package io.pocketto.bench;

import io.pocketto.bench.variant.HibernateContender;
import io.pocketto.bench.variant.JdbcContender;
import io.pocketto.bench.variant.JooqContender;
import io.pocketto.bench.variant.PockettoContender;
import java.util.Locale;
import java.util.function.Function;

/** The contenders of every benchmark (the JMH {@code variant} parameter), each opened on a JDBC URL. */
public enum Variant {
  /** The generated active record. */
  POCKETTO(PockettoContender::new),
  /** Hand-written JDBC running exactly Pocketto's statements: the limit. */
  JDBC(JdbcContender::new),
  /** Hibernate ORM with {@code @Version}. */
  HIBERNATE(HibernateContender::new),
  /** jOOQ with a conditional {@code UPDATE ... WHERE _version = ?}. */
  JOOQ(JooqContender::new);

  private final Function<String, Contender> opener;

  Variant(Function<String, Contender> opener) {
    this.opener = opener;
  }

  /** Creates the variant's table in an empty database at {@code url} and opens it. */
  public Contender open(String url) {
    return opener.apply(url);
  }

  /** The variant for a JMH parameter value such as {@code pocketto}. */
  public static Variant of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The name used in JMH parameters and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
