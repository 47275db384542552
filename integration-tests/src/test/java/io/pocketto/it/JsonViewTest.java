package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a record looks as JSON and as text: the seed's shape, with {@code _meta}. */
class JsonViewTest extends BackendTest {
  private static final ObjectMapper PLAIN = new ObjectMapper().findAndRegisterModules();

  @Test
  void toJsonHasIdFieldsAndMetaInThatOrder() throws Exception {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001").save();
    invoice.setNumber("INV-002");

    JsonNode json = PLAIN.readTree(invoice.toJson());

    assertThat(names(json)).containsExactly(
        "id", "number", "customer", "total", "issuedOn", "status", "lines", "_meta");
    assertThat(json.get("id").asText()).isEqualTo("1");
    assertThat(json.get("number").asText()).isEqualTo("INV-002");
    JsonNode meta = json.get("_meta");
    assertThat(names(meta)).containsExactly("_rev", "_before_update", "_dirty");
    assertThat(meta.get("_rev").asText()).isEqualTo(invoice.meta().rev());
    assertThat(meta.get("_before_update").get("number").asText()).isEqualTo("INV-001");
    assertThat(meta.get("_dirty").get(0).asText()).isEqualTo("number");
    assertThat(meta.get("_dirty")).hasSize(1);
  }

  @Test
  void toJsonKeepsDecimalsAsWritten() throws Exception {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001");
    invoice.addLine("Widget", 3, new BigDecimal("120.00"));

    String json = invoice.toJson();

    assertThat(json).contains("\"total\":360.00").contains("\"unitPrice\":120.00");
  }

  @Test
  void toJsonOfEveryTypeIsValidJsonWithEveryField() throws Exception {
    EveryType record = ValueRoundTripTest.everyValueSet().save();

    JsonNode json = PLAIN.readTree(record.toJson());

    assertThat(json.get("happenedAt").asText()).isEqualTo("2024-02-29T23:59:59.123456789Z");
    assertThat(json.get("dueOn").asText()).isEqualTo("2024-02-29");
    assertThat(json.get("priority").asText()).isEqualTo("HIGH");
    assertThat(json.get("address").get("city").asText()).isEqualTo("Springfield");
    assertThat(json.get("scores")).hasSize(3);
    assertThat(json.get("_meta").get("_rev").asText()).isEqualTo(record.meta().rev());
  }

  @Test
  void toJsonWritesFloatsAndDoublesAsJavaPrintsThem() {
    EveryType record = new EveryType();
    record.setRatio(0.1f);
    record.setRatioBox(-3.4028235e38f);
    record.setMeasure(-0.0);
    record.setMeasureBox(0.1 + 0.2);

    String json = record.toJson();

    assertThat(json)
        .contains("\"ratio\":0.1,")
        .contains("\"ratioBox\":-3.4028235E38,")
        .contains("\"measure\":-0.0,")
        .contains("\"measureBox\":0.30000000000000004,");
  }

  @Test
  void plainJacksonSerialisesMetaAndNoDirtyProperty() throws Exception {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001").save();
    invoice.setCustomer("ACME");

    JsonNode json = PLAIN.readTree(PLAIN.writeValueAsString(invoice));

    assertThat(names(json)).contains("id", "number", "customer", "_meta").doesNotContain("dirty", "state");
    assertThat(json.get("_meta").get("_rev").asText()).isEqualTo(invoice.meta().rev());
    assertThat(names(json.get("_meta"))).containsExactly("_rev", "_before_update", "_dirty");
    assertThat(json.get("_meta").get("_dirty").get(0).asText()).isEqualTo("customer");
  }

  @Test
  void toStringHasTheSeedsShape() {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001").save();
    String rev = invoice.meta().rev();

    assertThat(invoice.toString())
        .startsWith("SalesInvoice{id=1, _meta={_rev=" + rev + ", _before_update={}, _dirty=[]}")
        .contains(", number=INV-001")
        .endsWith("}");
  }

  @Test
  void toStringShowsUnsavedChangesInMeta() {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001").save();
    invoice.setNumber("INV-002");

    assertThat(invoice.toString())
        .contains("_before_update={number=INV-001}, _dirty=[number]}")
        .contains("number=INV-002");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
