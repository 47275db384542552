package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Repositories;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.it.query.Invoice;
import io.pocketto.it.query.InvoiceRepository;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The database's {@code _created_at} and {@code _updated_at} are readable from meta() and queryable. */
class TimestampsTest extends BackendTest {
  private static final OffsetDateTime LONG_AGO = OffsetDateTime.parse("2000-01-01T00:00:00Z");
  private static final OffsetDateTime LATER = OffsetDateTime.parse("2010-06-01T12:00:00Z");

  @Test
  void loadedRecordHasTheTimestampsTheDatabaseRecorded() {
    newInvoice("1", "INV-001").save();
    setTimestamps("1", LONG_AGO, LATER);

    SalesInvoice found = SalesInvoice.find("1").orElseThrow();

    assertThat(found.meta().createdAt()).isEqualTo(LONG_AGO.toInstant());
    assertThat(found.meta().updatedAt()).isEqualTo(LATER.toInstant());
  }

  @Test
  void newRecordHasNoTimestampsAndASavedOneLearnsThemOnLoad() {
    SalesInvoice invoice = newInvoice("1", "INV-001");
    assertThat(invoice.meta().createdAt()).isNull();

    invoice.save();
    assertThat(invoice.meta().createdAt()).isNull();
    invoice.reload();

    assertThat(invoice.meta().createdAt()).isEqualTo(instant(row(db, "sales_invoices", "1").get("_created_at")));
    assertThat(invoice.meta().updatedAt()).isEqualTo(invoice.meta().createdAt());
  }

  @Test
  void anUpdateKeepsCreatedAtAndLeavesUpdatedAtToTheNextLoad() {
    newInvoice("1", "INV-001").save();
    setTimestamps("1", LONG_AGO, LONG_AGO);
    SalesInvoice invoice = SalesInvoice.find("1").orElseThrow();

    invoice.setNumber("INV-002");
    invoice.save();

    assertThat(invoice.meta().createdAt()).isEqualTo(LONG_AGO.toInstant());
    assertThat(invoice.meta().updatedAt()).isNull();
    invoice.reload();
    assertThat(invoice.meta().updatedAt()).isAfter(LONG_AGO.toInstant());
    assertThat(invoice.meta().createdAt()).isEqualTo(LONG_AGO.toInstant());
  }

  @Test
  void queriesFilterAndOrderByTheTimestamps() {
    newInvoice("old", "INV-OLD").save();
    newInvoice("mid", "INV-MID").save();
    newInvoice("new", "INV-NEW").save();
    setTimestamps("old", LONG_AGO, LATER);
    setTimestamps("mid", LATER, LONG_AGO);

    assertThat(SalesInvoice.query().where(SalesInvoice.CREATED_AT.lt(Instant.parse("2005-01-01T00:00:00Z"))).list())
        .extracting(SalesInvoice::getId).containsExactly("old");
    assertThat(SalesInvoice.query().orderBy(SalesInvoice.UPDATED_AT.asc()).list())
        .extracting(SalesInvoice::getId).containsExactly("mid", "old", "new");
    assertThat(SalesInvoice.query().orderBy(SalesInvoice.CREATED_AT.desc()).first().orElseThrow().getId())
        .isEqualTo("new");
  }

  @Test
  void repositoryReadsCarryTheTimestamps() {
    Invoice invoice = new Invoice();
    invoice.setId("r1");
    invoice.setNumber("INV-R1");
    invoice.save();
    InvoiceRepository invoices = Repositories.of(InvoiceRepository.class, db);

    Invoice found = invoices.findFirstByNumber("INV-R1").orElseThrow();

    assertThat(found.meta().createdAt()).isEqualTo(instant(row(db, "query_invoices", "r1").get("_created_at")));
  }

  /** Sets a document's timestamps behind the runtime's back, so that a test can tell them apart. */
  private void setTimestamps(String id, OffsetDateTime created, OffsetDateTime updated) {
    execute(db, "UPDATE \"sales_invoices\" SET \"_created_at\" = ?, \"_updated_at\" = ? WHERE \"_id\" = ?",
        created, updated, id);
  }

  /** A {@code timestamp with time zone} as read raw: H2's driver gives an OffsetDateTime, PostgreSQL's a Timestamp. */
  private static Instant instant(Object value) {
    return value instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) value).toInstant();
  }
}
