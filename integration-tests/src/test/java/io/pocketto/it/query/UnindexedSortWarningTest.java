package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.StandardError;
import org.junit.jupiter.api.Test;

/**
 * A query that sorts by a field in no {@code @Index} logs one warning per model and field, so a user
 * learns why large pages are slow without a line per query; a field of a composite index is not
 * reported, since an equality on the fields before it lets the index serve the order. (No other test
 * sorts invoices by {@code dueAt} or {@code createdAt}, whose warnings this test expects to be the first of the run.)
 */
class UnindexedSortWarningTest {

  @Test
  void sortingByAFieldInNoIndexWarnsOnceAndAnIndexedSortNever() {
    try (Database db = Pocketto.connect("jdbc:h2:mem:")) {
      Fixtures.saved(db, "a", i -> i.setNumber("INV-1"));
      String output = StandardError.capturedWhile(() -> {
        Invoice.in(db).query().orderBy(Invoice.DUE_AT.desc()).list();
        Invoice.in(db).query().orderBy(Invoice.DUE_AT.asc()).limit(5).list();
        Invoice.in(db).query().orderBy(Invoice.NUMBER.desc()).list();
        Invoice.in(db).query().orderBy(Invoice.CUSTOMER.asc(), Invoice.ISSUED_ON.asc()).list();
        Invoice.in(db).query().where(Invoice.CUSTOMER.eq("ACME")).orderBy(Invoice.ISSUED_ON.desc()).list();
      });

      assertThat(output.lines().filter(line -> line.contains("WARN"))).containsExactly(
          "[main] WARN io.pocketto.internal.QueryExecutor - Invoice queries sort by 'dueAt', which is in no @Index: "
              + "every page reads and sorts all matching rows. Add @Index to InvoiceModel.dueAt if the collection grows "
              + "large (this is logged once per field)");
    }
  }

  @Test
  void aTimestampInNoIndexIsToldHowToIndexItAndOneInAnIndexIsNot() {
    try (Database db = Pocketto.connect("jdbc:h2:mem:")) {
      Fixtures.saved(db, "a", i -> i.setNumber("INV-1"));
      String output = StandardError.capturedWhile(() -> {
        Invoice.in(db).query().orderBy(Invoice.CREATED_AT.desc()).limit(20).list();
        Activity.in(db).query().orderBy(Activity.UPDATED_AT.desc()).limit(20).list();
      });

      // createdAt is no field to annotate: the advice names the model's @Model(indexes = ...).
      assertThat(output.lines().filter(line -> line.contains("WARN"))).containsExactly(
          "[main] WARN io.pocketto.internal.QueryExecutor - Invoice queries sort by 'createdAt', which is in no @Index: "
              + "every page reads and sorts all matching rows. Add @Index(\"createdAt\") to the @Model(indexes = ...) "
              + "of InvoiceModel if the collection grows large (this is logged once per field)");
    }
  }
}
