package io.pocketto.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Pocketto;
import io.pocketto.bench.model.ScaleInvoice;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scale suite's plain-JDBC writes, which stand for H2's own cost of Pocketto's writes, store what Pocketto
 * stores: a document Pocketto reads back with the suite's values, and an update Pocketto sees as the next
 * revision and can write over again.
 */
class ScaleSuiteJdbcWritesTest {

  @Test
  void plainWritesStoreDocumentsPockettoReadsAndWritesAgain() throws Exception {
    Backend.Location location = Backend.H2_FILE.open("scale-writes-" + System.nanoTime());
    try (Database db = Pocketto.connect(location.url())) {
      ModelStore<ScaleInvoice> invoices = ScaleInvoice.in(db);
      String[] ids = ScaleSuite.fill(db, invoices, 20);
      try (Connection c = DriverManager.getConnection(db.url())) {
        ScaleSuite.Jdbc jdbc = new ScaleSuite.Jdbc(c);
        assertThat(jdbc.writes()).isTrue();

        jdbc.insert(1_000);
        ScaleInvoice expected = new ScaleInvoice();
        ScaleSuite.set(expected, 1_000);
        List<ScaleInvoice> inserted = invoices.query().where(ScaleInvoice.NUMBER.eq(expected.getNumber())).list();
        assertThat(inserted).hasSize(1);
        assertThat(inserted.get(0).getCustomer()).isEqualTo(expected.getCustomer());
        assertThat(inserted.get(0).getTotal()).isEqualTo(expected.getTotal());
        assertThat(inserted.get(0).getIssuedOn()).isEqualTo(expected.getIssuedOn());
        assertThat(inserted.get(0).meta().rev()).startsWith("1-");

        ScaleInvoice before = invoices.find(ids[3]).orElseThrow();
        jdbc.update(ids[3]);
        ScaleInvoice after = invoices.find(ids[3]).orElseThrow();
        assertThat(after.getTotal()).isEqualTo(before.getTotal().add(BigDecimal.ONE));
        assertThat(after.meta().rev()).startsWith("2-").isNotEqualTo(before.meta().rev());

        // The revision the plain update stored is the one Pocketto checks a write against.
        before.setCustomer("stale");
        assertThatThrownBy(() -> invoices.save(before)).isInstanceOf(io.pocketto.ConflictException.class);
        after.setCustomer("current");
        assertThat(invoices.save(after).meta().rev()).startsWith("3-");
      }
    } finally {
      location.delete();
    }
  }
}
