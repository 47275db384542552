package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The console scenarios still tell the seed's story: both conflicts, then the recipe that resolves them. */
class ScenariosTest {

  @Test
  void scenariosShowBothConflictsTheRecipesSaveAndTheChangesFeed() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String lastRevision;
    try (Database db = Pocketto.connect("jdbc:h2:mem:scenarios-" + UUID.randomUUID())) {
      SalesInvoice last = new Scenarios(new PrintStream(out, true, StandardCharsets.UTF_8)).run(db, "1");

      assertThat(last.getNumber()).isEqualTo("INV-003");
      assertThat(last.meta().rev()).startsWith("4-");
      lastRevision = last.meta().rev();
      assertThat(SalesInvoice.in(db).find("1")).get().extracting(SalesInvoice::getNumber).isEqualTo("INV-003");
    }
    String narration = out.toString(StandardCharsets.UTF_8);
    assertThat(narration).contains("Conflict happen!: {\"name\":\"conflict\"",
        "409: {\"name\":\"conflict\",\"message\":\"Document update conflict\",\"status\":409,\"error\":true",
        "   1 3-", " deleted=false number=INV-003\n",
        "   since the checkpoint: 1 " + lastRevision + " customer=Acme Holdings Pte Ltd");
  }
}
