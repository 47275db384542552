package io.pocketto.it.query;

import io.pocketto.it.BackendTest;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.Revision;
import io.pocketto.query.Query;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tombstones: left out by default, included on request, and written by deleteAll through the record path. */
class QueryDeletedScopeTest extends BackendTest {

  @BeforeEach
  void seed() {
    saved(db, "live-1", i -> i.setCustomer("ACME"));
    saved(db, "live-2", i -> i.setCustomer("Globex"));
    saved(db, "gone-1", i -> i.setCustomer("ACME")).delete();
    saved(db, "gone-2", i -> i.setCustomer("Globex")).delete();
  }

  private Query<Invoice> query() {
    return Invoice.in(db).query();
  }

  @Test
  void tombstonesAreLeftOutByDefault() {
    assertThat(ids(query().list())).containsExactly("live-1", "live-2");
    assertThat(query().count()).isEqualTo(2);
  }

  @Test
  void withDeletedIncludesTombstones() {
    assertThat(ids(query().withDeleted().list())).containsExactly("gone-1", "gone-2", "live-1", "live-2");
    assertThat(ids(query().withDeleted().where(Invoice.CUSTOMER.eq("ACME")).list())).containsExactly("gone-1", "live-1");
    assertThat(query().withDeleted().count()).isEqualTo(4);
  }

  @Test
  void onlyDeletedReturnsTombstonesAlone() {
    assertThat(ids(query().onlyDeleted().list())).containsExactly("gone-1", "gone-2");
    assertThat(query().onlyDeleted().where(Invoice.CUSTOMER.eq("Globex")).count()).isEqualTo(1);
  }

  @Test
  void deleteAllWritesOneTombstoneWithItsOwnNewRevisionPerDocument() {
    // A different body than live-1's: identical edits would rightly get identical revisions.
    saved(db, "live-3", i -> {
      i.setCustomer("ACME");
      i.setNumber("INV-3");
    });
    Map<String, String> before = query().where(Invoice.CUSTOMER.eq("ACME")).list().stream()
        .collect(Collectors.toMap(Invoice::getId, i -> i.meta().rev()));

    int deleted = query().where(Invoice.CUSTOMER.eq("ACME")).deleteAll();

    assertThat(deleted).isEqualTo(2);
    assertThat(ids(query().list())).containsExactly("live-2");
    List<Invoice> tombstones = query().onlyDeleted().where(Invoice.CUSTOMER.eq("ACME")).list();
    assertThat(ids(tombstones)).containsExactly("gone-1", "live-1", "live-3");
    Set<String> revisions = new HashSet<>();
    for (Invoice t : tombstones.subList(1, 3)) {
      Revision previous = Revision.parse(before.get(t.getId()));
      Revision now = Revision.parse(t.meta().rev());
      assertThat(now.height()).isEqualTo(previous.height() + 1);
      revisions.add(now.toString());
    }
    assertThat(revisions).hasSize(2);
  }

  @Test
  void deleteAllCountsOnlyNewTombstones() {
    assertThat(query().withDeleted().deleteAll()).isEqualTo(2);
    assertThat(query().withDeleted().count()).isEqualTo(4);
    assertThat(query().count()).isZero();
  }

  @Test
  void deleteAllDeletesOnlyTheWindow() {
    assertThat(query().orderBy(Invoice.CUSTOMER.desc()).limit(1).deleteAll()).isEqualTo(1);
    assertThat(ids(query().list())).containsExactly("live-1");
  }

  @Test
  void aDeletedDocumentCanBeRecreatedAndIsLiveAgain() {
    saved(db, "gone-1", i -> i.setCustomer("Initech"));
    assertThat(ids(query().where(Invoice.CUSTOMER.eq("Initech")).list())).containsExactly("gone-1");
    assertThat(ids(query().onlyDeleted().list())).containsExactly("gone-2");
  }
}
