package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.Revision;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revision heights count accepted writes; hashes depend only on the parent and the content. */
class RevisionTest extends BackendTest {

  @Test
  void heightGrowsByOnePerAcceptedWrite() {
    SalesInvoice invoice = newInvoice("1", "INV-1").save();
    List<Long> heights = new ArrayList<>(List.of(height(invoice)));

    for (int i = 2; i <= 5; i++) {
      invoice.setNumber("INV-" + i);
      invoice.save();
      heights.add(height(invoice));
    }

    assertThat(heights).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(SalesInvoice.find("1").orElseThrow().meta().rev()).isEqualTo(invoice.meta().rev());
  }

  @Test
  void rejectedAndCleanSavesDoNotGrowTheHeight() {
    SalesInvoice invoice = newInvoice("1", "INV-1").save();
    SalesInvoice stale = SalesInvoice.find("1").orElseThrow();
    invoice.setNumber("INV-2");
    invoice.save();
    stale.setNumber("INV-X");
    catchThrowableOfType(ConflictException.class, stale::save);

    invoice.save();

    assertThat(height(invoice)).isEqualTo(2);
    assertThat(Revision.parse((String) row(db, "sales_invoices", "1").get("_rev")).height()).isEqualTo(2);
  }

  @Test
  void firstRevisionIsTheMd5OfTheDeletedFlagAndTheCanonicalBody() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();

    String body = "{\"customer\":null,\"issuedOn\":null,\"lines\":[],\"number\":\"INV-001\",\"status\":null,\"total\":null}";
    assertThat(invoice.meta().rev()).isEqualTo("1-" + md5("\0" + "0" + "\0" + body));
  }

  @Test
  void nextRevisionAlsoHashesItsParent() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    String parent = invoice.meta().rev();
    invoice.setNumber("INV-002");
    invoice.setTotal(new BigDecimal("1.50"));

    invoice.save();

    String body = "{\"customer\":null,\"issuedOn\":null,\"lines\":[],\"number\":\"INV-002\",\"status\":null,\"total\":1.5}";
    assertThat(invoice.meta().rev()).isEqualTo("2-" + md5(parent + "\0" + "0" + "\0" + body));
  }

  @Test
  void tombstoneRevisionHashesTheDeletedFlag() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    String parent = invoice.meta().rev();

    invoice.delete();

    String body = "{\"customer\":null,\"issuedOn\":null,\"lines\":[],\"number\":\"INV-001\",\"status\":null,\"total\":null}";
    assertThat(invoice.meta().rev()).isEqualTo("2-" + md5(parent + "\0" + "1" + "\0" + body));
  }

  @Test
  void sameEditsFromTheSameParentGiveTheSameRevisionsInEveryBackend() {
    List<String> here = editHistory(db);

    for (Backend other : Backend.values()) {
      Database elsewhere = track(other.open(scratchDir));
      assertThat(editHistory(elsewhere)).as("revisions on %s", other).isEqualTo(here);
    }
  }

  @Test
  void differentEditsFromTheSameParentGiveDifferentRevisions() {
    newInvoice("1", "INV-001").save();
    SalesInvoice left = SalesInvoice.find("1").orElseThrow();
    Database other = open();
    newInvoice("1", "INV-001").saveTo(other);
    SalesInvoice right = SalesInvoice.in(other).find("1").orElseThrow();
    assertThat(left.meta().rev()).isEqualTo(right.meta().rev());

    left.setNumber("INV-002");
    left.save();
    right.setNumber("INV-003");
    right.save();

    assertThat(left.meta().rev()).startsWith("2-").isNotEqualTo(right.meta().rev());
  }

  @Test
  void sameContentFromDifferentParentsGivesDifferentRevisions() {
    SalesInvoice a = newInvoice("1", "INV-001").save();
    a.setNumber("INV-002");
    a.save();
    a.setNumber("INV-001");
    a.save();
    SalesInvoice b = newInvoice("2", "INV-001").save();

    assertThat(hash(a)).isNotEqualTo(hash(b));
  }

  @Test
  void decimalScaleDoesNotChangeTheRevision() {
    Database other = open();
    SalesInvoice oneFifty = newInvoice("1", "INV-001");
    oneFifty.setTotal(new BigDecimal("1.50"));
    SalesInvoice onePointFive = newInvoice("1", "INV-001");
    onePointFive.setTotal(new BigDecimal("1.5"));

    oneFifty.save();
    onePointFive.saveTo(other);

    assertThat(oneFifty.meta().rev()).isEqualTo(onePointFive.meta().rev());
  }

  @Test
  void decimalValueDoesChangeTheRevision() {
    Database other = open();
    SalesInvoice one = newInvoice("1", "INV-001");
    one.setTotal(new BigDecimal("1.5"));
    SalesInvoice two = newInvoice("1", "INV-001");
    two.setTotal(new BigDecimal("1.51"));

    one.save();
    two.saveTo(other);

    assertThat(one.meta().rev()).isNotEqualTo(two.meta().rev());
  }

  @Test
  void setIterationOrderDoesNotChangeTheRevision() {
    Database other = open();
    EveryType cab = new EveryType();
    cab.setId("1");
    cab.setTags(new LinkedHashSet<>(List.of("c", "a", "b")));
    EveryType abc = new EveryType();
    abc.setId("1");
    abc.setTags(new LinkedHashSet<>(List.of("a", "b", "c")));

    cab.save();
    abc.saveTo(other);

    assertThat(cab.meta().rev()).isEqualTo(abc.meta().rev());
  }

  @Test
  void loadingDoesNotChangeTheRevision() {
    SalesInvoice invoice = newInvoice("1", "INV-001");
    invoice.setTotal(new BigDecimal("360.00"));
    invoice.addLine("Widget", 3, new BigDecimal("120.00"));
    invoice.save();

    SalesInvoice loaded = SalesInvoice.find("1").orElseThrow();

    assertThat(loaded.meta().rev()).isEqualTo(invoice.meta().rev());
    assertThat(loaded.isDirty()).isFalse();
  }

  /** Creates an invoice and edits it three times; returns every revision it went through. */
  private static List<String> editHistory(Database database) {
    SalesInvoice invoice = newInvoice("1", "INV-001");
    invoice.setIssuedOn(LocalDate.of(2024, 2, 29));
    invoice.saveTo(database);
    List<String> revs = new ArrayList<>(List.of(invoice.meta().rev()));
    invoice.setNumber("INV-002");
    invoice.save();
    revs.add(invoice.meta().rev());
    invoice.addLine("Widget", 3, new BigDecimal("120.00"));
    invoice.save();
    revs.add(invoice.meta().rev());
    invoice.setCustomer("ACME");
    invoice.save();
    revs.add(invoice.meta().rev());
    return revs;
  }

  private static long height(SalesInvoice invoice) {
    return Revision.parse(invoice.meta().rev()).height();
  }

  private static String hash(SalesInvoice invoice) {
    return Revision.parse(invoice.meta().rev()).hash();
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
