package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.InvalidDocumentException;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code fromJson} refuses a document that does not fit the model, naming the key; no database is involved. */
class FromJsonErrorsTest {
  private static final String REV = "1-0123456789abcdef0123456789abcdef";

  static Stream<Arguments> badInvoices() {
    return Stream.of(
        Arguments.of("unknown field", "{\"numbr\":\"INV-001\"}", "numbr", "unknown field 'numbr'"),
        Arguments.of("string for a decimal", "{\"total\":\"12.50\"}", "total", "takes BigDecimal, not \"12.50\""),
        Arguments.of("number for a string", "{\"customer\":42}", "customer", "takes String, not 42"),
        Arguments.of("boolean for a string", "{\"customer\":true}", "customer", "takes String, not true"),
        Arguments.of("unknown enum constant", "{\"status\":\"LOST\"}", "status", "one of [DRAFT, SENT, PAID]"),
        Arguments.of("bad date", "{\"issuedOn\":\"2026-02-30\"}", "issuedOn", "takes LocalDate"),
        Arguments.of("object for a list", "{\"lines\":{}}", "lines", "takes List<InvoiceLine>"),
        Arguments.of("unknown key in a line", "{\"lines\":[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":1,"
            + "\"colour\":\"red\"}]}", "lines[0].colour", "unknown field 'lines[0].colour'"),
        Arguments.of("misspelt key in a line", "{\"lines\":[{\"description\":\"x\",\"qty\":1,\"unitPrice\":1}]}",
            "lines[0].qty", "unknown field 'lines[0].qty'"),
        Arguments.of("missing key in a line", "{\"lines\":[{\"description\":\"x\",\"unitPrice\":1}]}",
            "lines[0].quantity", "lines[0].quantity"),
        Arguments.of("fraction for a line's integer", "{\"lines\":[{\"description\":\"x\",\"quantity\":1.5,"
            + "\"unitPrice\":1}]}", "lines[0].quantity", "field 'lines[0].quantity' takes int, not 1.5"),
        Arguments.of("text for a line's integer", "{\"lines\":[{\"description\":\"x\",\"quantity\":\"3\","
            + "\"unitPrice\":1}]}", "lines[0].quantity", "field 'lines[0].quantity' takes int: Cannot coerce String value (\"3\")"),
        Arguments.of("malformed revision in _meta", "{\"id\":\"1\",\"_meta\":{\"_rev\":\"1-xyz\"}}", "_meta._rev",
            "invalid revision '1-xyz'"),
        Arguments.of("number as revision", "{\"id\":\"1\",\"_rev\":3}", "_rev", "takes a revision string"),
        Arguments.of("revision without id", "{\"_rev\":\"" + REV + "\"}", "id", "no 'id'"),
        Arguments.of("two revisions that differ", "{\"id\":\"1\",\"_rev\":\"" + REV + "\",\"_meta\":{\"_rev\":\"2"
            + REV.substring(1) + "\"}}", "_rev", "send one, or the same in both"),
        Arguments.of("unknown key in _meta", "{\"_meta\":{\"_revision\":\"x\"}}", "_meta._revision",
            "has no key '_revision'"),
        Arguments.of("unknown field in _before_update", "{\"id\":\"1\",\"_meta\":{\"_rev\":\"" + REV
            + "\",\"_before_update\":{\"colour\":1}}}", "_meta._before_update.colour", "unknown field '_meta._before_update.colour'"),
        Arguments.of("wrong type in _before_update", "{\"id\":\"1\",\"_meta\":{\"_rev\":\"" + REV
            + "\",\"_before_update\":{\"total\":\"x\"}}}", "_meta._before_update.total", "takes BigDecimal"),
        Arguments.of("_dirty without its values", "{\"id\":\"1\",\"_meta\":{\"_rev\":\"" + REV
            + "\",\"_before_update\":{},\"_dirty\":[\"number\"]}}", "_meta._dirty", "must name the same fields"),
        Arguments.of("_dirty naming no field", "{\"_meta\":{\"_dirty\":[\"colour\"]}}", "_meta._dirty",
            "must list field names"),
        Arguments.of("number as id", "{\"id\":1}", "id", "takes a string"),
        Arguments.of("id with NUL", "{\"id\":\"a\\u0000b\"}", "id", "NUL"),
        Arguments.of("duplicate key", "{\"number\":\"a\",\"number\":\"b\"}", "number", "twice"),
        Arguments.of("array instead of object", "[1]", null, "must be an object"),
        Arguments.of("malformed JSON", "{\"number\":", null, "malformed"),
        Arguments.of("content after the document", "{} {}", null, "after the document"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInvoices")
  void badDocumentIsRefusedNamingTheKey(String what, String json, String field, String message) {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class, () -> SalesInvoice.fromJson(json));

    assertThat(e).as(what).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void nullForAPrimitiveIsRefused() {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> EveryType.fromJson("{\"count\":null}"));

    assertThat(e.field()).isEqualTo("count");
    assertThat(e.getMessage()).contains("primitive int and cannot be null");
  }

  @Test
  void integerTooLargeForItsFieldIsRefused() {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> EveryType.fromJson("{\"tiny\":300}"));

    assertThat(e.field()).isEqualTo("tiny");
    assertThat(e.getMessage()).contains("takes byte, not 300");
  }

  @Test
  void decimalsKeepTheirScaleAndNegativeZeroItsSign() {
    EveryType read = EveryType.fromJson("{\"amount\":19.90,\"measure\":-0.0,\"ratio\":0.1}");

    assertThat(read.getAmount()).isEqualTo(new BigDecimal("19.90"));
    assertThat(Double.doubleToRawLongBits(read.getMeasure())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(read.getRatio()).isEqualTo(0.1f);
  }

  @Test
  void missingFieldsKeepTheDefaultsOfANewRecord() {
    SalesInvoice read = SalesInvoice.fromJson("{\"number\":\"INV-001\"}");

    assertThat(read.getCustomer()).isNull();
    assertThat(read.getLines()).isEmpty();
  }

  @Test
  void treeGivesTheSameRecordAsText() throws Exception {
    String json = "{\"id\":\"1\",\"_rev\":\"" + REV + "\",\"number\":\"INV-001\",\"total\":12.50}";
    // A tree keeps 12.50 only if it was parsed to: Jackson's defaults give the double 12.5.
    ObjectNode tree = (ObjectNode) JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build().readTree(json);

    SalesInvoice fromTree = SalesInvoice.fromJson(tree);

    assertThat(fromTree.toJson()).isEqualTo(SalesInvoice.fromJson(json).toJson());
    assertThat(fromTree.getTotal()).isEqualTo(new BigDecimal("12.50"));
    assertThat(fromTree.meta().rev()).isEqualTo(REV);
  }
}
