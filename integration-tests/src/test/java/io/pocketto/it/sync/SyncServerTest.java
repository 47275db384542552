package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ApiAccess;
import io.pocketto.Checkpoint;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.PushDecision;
import io.pocketto.sync.SyncProtocolException;
import io.pocketto.sync.SyncServer;
import org.junit.jupiter.api.Test;

/** What the master checks and answers: pushed revisions, repeated pushes, bad requests. */
class SyncServerTest extends SyncTestBase {
  private static final String HASH = "0123456789abcdef0123456789abcdef";

  /** A push of one row creating or updating invoice 1 with {@code number}. */
  private static String push(String assumed, String rev, String number) {
    return "{\"clientId\":\"c\",\"rows\":[{\"id\":\"1\",\"assumedMasterRev\":" + (assumed == null ? "null" : "\"" + assumed + "\"")
        + ",\"newDocumentState\":{\"id\":\"1\",\"_rev\":\"" + rev + "\",\"_deleted\":false,\"number\":\"" + number + "\",\"lines\":[]}}]}";
  }

  /** The revision a client would compute for invoice 1 with only {@code number} set, on top of {@code parent}. */
  private String revisionOf(String parent, String number) {
    SalesInvoice scratch = new SalesInvoice();
    scratch.setId("1");
    scratch.setNumber(number);
    if (parent == null) {
      return scratch.saveTo(open()).meta().rev();
    }
    throw new UnsupportedOperationException();
  }

  @Test
  void aPushedCreateIsStoredWithTheClientsRevision() {
    String rev = revisionOf(null, "INV-001");

    String answer = server().push("sales_invoices", push(null, rev, "INV-001"));

    assertThat(answer).isEqualTo("{\"conflicts\":[],\"refused\":[]}");
    assertThat(stored(db, "1").meta().rev()).isEqualTo(rev);
    assertThat(stored(db, "1").getNumber()).isEqualTo("INV-001");
  }

  @Test
  void aRepeatedPushWritesOnceAndAnswersTheSame() {
    String rev = revisionOf(null, "INV-001");
    SyncServer server = server();

    String first = server.push("sales_invoices", push(null, rev, "INV-001"));
    String second = server.push("sales_invoices", push(null, rev, "INV-001"));

    assertThat(second).isEqualTo(first).isEqualTo("{\"conflicts\":[],\"refused\":[]}");
    assertThat(SalesInvoice.in(db).changes(Checkpoint.START, 10).changes()).hasSize(1);
    assertThat(stored(db, "1").meta().rev()).isEqualTo(rev);
  }

  @Test
  void aRevisionThatDoesNotMatchItsContentIsRefusedAndNothingWritten() {
    String rev = revisionOf(null, "INV-001");

    assertThatThrownBy(() -> server().push("sales_invoices", push(null, rev, "INV-999")))
        .isInstanceOf(SyncProtocolException.class)
        .hasMessageContaining("does not match the document's content")
        .satisfies(e -> assertThat(((SyncProtocolException) e).status()).isEqualTo(400));
    assertThat(ApiAccess.table(SalesInvoice.in(db)).findIncludingDeleted("1")).isEmpty();
  }

  @Test
  void aMalformedRevisionIsRefused() {
    assertThatThrownBy(() -> server().push("sales_invoices", push(null, "10-x", "INV-001")))
        .isInstanceOf(SyncProtocolException.class)
        .hasMessageContaining("'_rev'")
        .hasMessageContaining("invalid revision '10-x'");
  }

  @Test
  void aRevisionNotAboveTheAssumedOneIsRefused() {
    assertThatThrownBy(() -> server().push("sales_invoices", push("5-" + HASH, "5-" + HASH.replace('0', '1'), "INV-001")))
        .isInstanceOf(SyncProtocolException.class)
        .hasMessageContaining("must be higher than the assumed master revision 5-" + HASH);
  }

  @Test
  void aFieldOfTheWrongTypeOrAnUnknownFieldIsRefusedNamingIt() {
    SyncServer server = server();
    String wrongType = "{\"rows\":[{\"id\":\"1\",\"assumedMasterRev\":null,\"newDocumentState\":"
        + "{\"_rev\":\"1-" + HASH + "\",\"total\":\"lots\"}}]}";
    String unknown = "{\"rows\":[{\"id\":\"1\",\"assumedMasterRev\":null,\"newDocumentState\":"
        + "{\"_rev\":\"1-" + HASH + "\",\"colour\":\"red\"}}]}";

    assertThatThrownBy(() -> server.push("sales_invoices", wrongType))
        .isInstanceOf(SyncProtocolException.class).hasMessageContaining("field 'total'");
    assertThatThrownBy(() -> server.push("sales_invoices", unknown))
        .isInstanceOf(SyncProtocolException.class).hasMessageContaining("no field 'colour'");
  }

  @Test
  void anUnknownCollectionIsA404AndBadJsonA400() {
    SyncServer server = server();
    assertThatThrownBy(() -> server.pull("contacts", "{}"))
        .isInstanceOf(SyncProtocolException.class)
        .satisfies(e -> assertThat(((SyncProtocolException) e).status()).isEqualTo(404));
    assertThatThrownBy(() -> server.pull("sales_invoices", "{not json"))
        .isInstanceOf(SyncProtocolException.class)
        .satisfies(e -> assertThat(((SyncProtocolException) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> server.pull("sales_invoices", "{\"checkpoint\":\"nonsense\"}"))
        .isInstanceOf(SyncProtocolException.class)
        .satisfies(e -> assertThat(((SyncProtocolException) e).status()).isEqualTo(400));
  }

  @Test
  void aStalePushAnswersTheSeeds409AndTheMasterDocument() {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.saveTo(db);
    invoice.setNumber("INV-002");
    invoice.save();
    String stale = revisionOf(null, "INV-001");

    String answer = server().push("sales_invoices", push(null, "3-" + HASH, "INV-009").replace("\"assumedMasterRev\":null",
        "\"assumedMasterRev\":\"" + stale + "\""));

    assertThat(answer).contains("\"error\":{\"name\":\"conflict\",\"message\":\"Document update conflict\",\"status\":409,"
        + "\"error\":true,\"reason\":\"Document update conflict\",\"revision\":\"" + invoice.meta().rev() + "\"}");
    assertThat(answer).contains("\"master\":{\"id\":\"1\",\"_rev\":\"" + invoice.meta().rev() + "\",\"_deleted\":false,\"number\":\"INV-002\"");
    assertThat(stored(db, "1").meta().rev()).isEqualTo(invoice.meta().rev());
  }

  @Test
  void aPushRuleAlsoRunsOnAServerWithoutAnAuthenticator() {
    SyncServer server = SyncServer.builder(db).model(SalesInvoice.class, rules -> rules.pushRule((p, before, after, deleting) ->
        p == null && "INV-BAD".equals(after.getNumber()) ? PushDecision.refuse("bad number") : PushDecision.accept())).build();
    String rev = revisionOf(null, "INV-BAD");

    String answer = server.push("sales_invoices", push(null, rev, "INV-BAD"));

    assertThat(answer).isEqualTo("{\"conflicts\":[],\"refused\":[{\"id\":\"1\",\"status\":403,\"reason\":\"bad number\"}]}");
    assertThat(ApiAccess.table(SalesInvoice.in(db)).findIncludingDeleted("1")).isEmpty();
  }
}
