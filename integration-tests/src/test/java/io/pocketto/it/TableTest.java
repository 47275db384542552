package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ChangeEvent;
import io.pocketto.Lock;
import io.pocketto.it.model.ContactV1;
import io.pocketto.it.model.ContactV2;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.SalesInvoice;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables are created on first use with typed columns, and gain the columns of fields added later. */
class TableTest extends BackendTest {
  /** The column type each Java type gets, per dialect (as {@code information_schema.columns.data_type}). */
  private static final Map<String, Map<String, String>> EXPECTED_TYPES = Map.of("H2", Map.ofEntries(
      Map.entry("_id", "CHARACTER VARYING"),
      Map.entry("_rev", "CHARACTER VARYING"),
      Map.entry("_deleted", "BOOLEAN"),
      Map.entry("_seq", "BIGINT"),
      Map.entry("_created_at", "TIMESTAMP WITH TIME ZONE"),
      Map.entry("_updated_at", "TIMESTAMP WITH TIME ZONE"),
      Map.entry("text", "CHARACTER VARYING"),
      Map.entry("flag", "BOOLEAN"),
      Map.entry("count", "INTEGER"),
      Map.entry("big", "BIGINT"),
      Map.entry("measure", "DOUBLE PRECISION"),
      // Text keeps the scale (DECFLOAT would drop trailing zeros); queries compare and sort it by value.
      Map.entry("amount", "CHARACTER VARYING"),
      Map.entry("reference", "UUID"),
      Map.entry("happened_at", "TIMESTAMP WITH TIME ZONE"),
      Map.entry("due_on", "DATE"),
      Map.entry("meeting_at", "TIMESTAMP"),
      Map.entry("priority", "CHARACTER VARYING"),
      Map.entry("lines", "CHARACTER VARYING"),
      Map.entry("address", "CHARACTER VARYING")), "PostgreSQL", Map.ofEntries(
      Map.entry("_id", "character varying"),
      Map.entry("_rev", "character varying"),
      Map.entry("_deleted", "boolean"),
      Map.entry("_seq", "bigint"),
      Map.entry("_xid", "xid8"),
      Map.entry("_created_at", "timestamp with time zone"),
      Map.entry("_updated_at", "timestamp with time zone"),
      Map.entry("text", "text"),
      Map.entry("flag", "boolean"),
      Map.entry("count", "integer"),
      Map.entry("big", "bigint"),
      Map.entry("measure", "double precision"),
      Map.entry("amount", "numeric"),
      Map.entry("reference", "uuid"),
      Map.entry("happened_at", "timestamp with time zone"),
      Map.entry("due_on", "date"),
      Map.entry("meeting_at", "timestamp without time zone"),
      Map.entry("priority", "text"),
      Map.entry("lines", "jsonb"),
      Map.entry("address", "jsonb")));

  @Test
  void tableIsCreatedOnFirstUse() {
    assertThat(columnTypes("every_types")).isEmpty();

    EveryType.in(db).count();

    assertThat(columnTypes("every_types")).isNotEmpty();
  }

  @Test
  void columnsAreTypedForTheirJavaTypes() {
    EveryType.in(db).count();

    Map<String, String> expected = EXPECTED_TYPES.get(backend.dialect());
    assertThat(columnTypes("every_types")).containsAllEntriesOf(expected);
  }

  @Test
  void everyFieldHasASnakeCaseColumn() {
    EveryType.in(db).count();

    List<String> bookkeeping = new ArrayList<>(List.of("_id", "_rev", "_deleted", "_writer", "_lock_holder",
        "_lock_expires", "_seq", "_attempt", "_created_at", "_updated_at"));
    if (backend == Backend.POSTGRES) {
      bookkeeping.add("_xid"); // the writing transaction, the first half of a row's place in the changes feed
    }
    assertThat(columnTypes("every_types").keySet()).containsExactlyInAnyOrderElementsOf(concat(bookkeeping, List.of(
        "text", "flag", "flag_box", "tiny", "tiny_box", "small", "small_box", "count", "count_box",
        "big", "big_box", "ratio", "ratio_box", "measure", "measure_box", "letter", "letter_box",
        "amount", "rate", "reference", "happened_at", "due_on", "meeting_at", "priority",
        "lines", "tags", "stock", "address", "scores")));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void databaseSetsCreatedAtOnInsertAndUpdatedAtOnEveryWrite() {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001").save();
    Map<String, Object> inserted = row(db, "sales_invoices", "1");
    assertThat(inserted.get("_created_at")).isNotNull().isEqualTo(inserted.get("_updated_at"));
    // Back-date both, so the update below must visibly move one and keep the other.
    OffsetDateTime longAgo = OffsetDateTime.parse("2000-01-01T00:00:00Z");
    execute(db, "UPDATE \"sales_invoices\" SET \"_created_at\" = ?, \"_updated_at\" = ? WHERE \"_id\" = ?",
        longAgo, longAgo, "1");

    invoice.setNumber("INV-002");
    invoice.save();

    Map<String, Object> updated = row(db, "sales_invoices", "1");
    assertThat(instant(updated.get("_created_at"))).isEqualTo(longAgo.toInstant());
    assertThat(instant(updated.get("_updated_at"))).isAfterOrEqualTo(instant(inserted.get("_updated_at")));
  }

  @Test
  void eachWriteTakesTheNextSequenceNumber() {
    SalesInvoice first = Invoices.newInvoice("1", "INV-001").save();
    Invoices.newInvoice("2", "INV-002").save();
    first.setNumber("INV-003");
    first.save();

    long seqOfOne = ((Number) row(db, "sales_invoices", "1").get("_seq")).longValue();
    long seqOfTwo = ((Number) row(db, "sales_invoices", "2").get("_seq")).longValue();
    assertThat(seqOfOne).isGreaterThan(seqOfTwo);
  }

  @Test
  void fieldAddedToTheModelAddsItsColumnOnFirstUse() {
    ContactV1.in(db).count();
    assertThat(columnTypes("contacts")).doesNotContainKeys("email", "visits");

    ContactV2.in(db).count();

    assertThat(columnTypes("contacts")).containsKeys("name", "email", "visits");
  }

  @Test
  void rowsWrittenBeforeTheMigrationReadNullAndZeroForNewFields() {
    ContactV1 old = new ContactV1();
    old.setId("c1");
    old.setName("Ada");
    old.saveTo(db);

    ContactV2 migrated = ContactV2.in(db).find("c1").orElseThrow();

    assertThat(migrated.getName()).isEqualTo("Ada");
    assertThat(migrated.getEmail()).isNull();
    assertThat(migrated.getVisits()).isZero();
    assertThat(migrated.meta().rev()).isEqualTo(old.meta().rev());
    assertThat(migrated.isDirty()).isFalse();
  }

  @Test
  void migratedDocumentCanBeEditedByTheNewModel() {
    ContactV1 old = new ContactV1();
    old.setId("c1");
    old.setName("Ada");
    old.saveTo(db);
    ContactV2 migrated = ContactV2.in(db).find("c1").orElseThrow();

    migrated.setEmail("ada@example.com");
    migrated.setVisits(3);
    migrated.save();

    ContactV2 stored = ContactV2.in(db).find("c1").orElseThrow();
    assertThat(stored.getEmail()).isEqualTo("ada@example.com");
    assertThat(stored.getVisits()).isEqualTo(3);
    assertThat(stored.meta().rev()).startsWith("2-");
    assertThat(ContactV1.in(db).find("c1").orElseThrow().getName()).isEqualTo("Ada");
  }

  @Test
  void columnsAddedOutsidePockettoAreLeftAlone() {
    SalesInvoice.in(db).count();
    execute(db, "ALTER TABLE \"sales_invoices\" ADD COLUMN \"legacy_note\" CHARACTER VARYING");
    execute(db, "INSERT INTO \"sales_invoices\" (\"_id\", \"_rev\", \"_seq\", \"number\", \"legacy_note\") "
        + "VALUES ('old', '1-0123456789abcdef0123456789abcdef', -1, 'INV-OLD', 'kept')");

    SalesInvoice old = SalesInvoice.find("old").orElseThrow();
    old.setNumber("INV-NEW");
    old.save();

    assertThat(row(db, "sales_invoices", "old"))
        .containsEntry("number", "INV-NEW")
        .containsEntry("legacy_note", "kept");
  }

  @Test
  void aTableFromBeforeWritersAndLocksGainsTheirColumnsAndItsRowsNameNoWriter() {
    execute(db, "CREATE TABLE \"contacts\" (\"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY, "
        + "\"_rev\" CHARACTER VARYING(64) NOT NULL, \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL, \"_seq\" BIGINT, "
        + "\"_created_at\" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, "
        + "\"_updated_at\" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, \"name\" "
        // The column type a String field has had since ColumnType became its one home.
        + (backend == Backend.POSTGRES ? "text" : "CHARACTER VARYING") + ")");
    execute(db, "INSERT INTO \"contacts\" (\"_id\", \"_rev\", \"_seq\", \"name\") "
        + "VALUES ('c1', '1-0123456789abcdef0123456789abcdef', 1, 'Ada')");

    ContactV1 old = ContactV1.in(db).find("c1").orElseThrow();

    assertThat(columnTypes("contacts")).containsKeys("_writer", "_lock_holder", "_lock_expires");
    assertThat(old.meta().writer()).isNull();
    assertThat(ContactV1.in(db).lockOf("c1")).isEmpty();
    List<ChangeEvent> events = new ArrayList<>();
    ContactV1.in(db).onChange(events::add);
    try (Lock lock = old.lock(Duration.ofMinutes(1))) {
      old.setName("Ada Lovelace");
      old.save();
    }
    assertThat(ContactV1.in(db).find("c1").orElseThrow().meta().writer()).isEqualTo(db.writer());
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.previousWriter()).isNull();
      assertThat(e.overwrote()).isNull();
    });
  }

  /** A {@code timestamp with time zone} as read raw: H2's driver gives an OffsetDateTime, PostgreSQL's a Timestamp. */
  private static Instant instant(Object value) {
    return value instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) value).toInstant();
  }

  /** Column name to data type of a table in the database's current schema; empty if the table does not exist. */
  private Map<String, String> columnTypes(String table) {
    List<Map<String, Object>> rows = query(db, "SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_name = ? AND table_schema = CURRENT_SCHEMA", table);
    Map<String, String> types = new HashMap<>();
    for (Map<String, Object> r : rows) {
      types.put((String) r.get("column_name"), (String) r.get("data_type"));
    }
    return types;
  }
}
