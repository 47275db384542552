package io.pocketto.processor.repository;

import static io.pocketto.processor.repository.Sources.MODEL;
import static io.pocketto.processor.repository.Sources.compile;
import static io.pocketto.processor.repository.Sources.file;
import static io.pocketto.processor.repository.Sources.lineOf;
import static io.pocketto.processor.repository.Sources.message;
import static io.pocketto.processor.repository.Sources.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The model side of queries: typed property constants, their clashes, and index declarations. */
class ModelQueryRulesTest {

  private static JavaFileObject model(String annotation, String... members) {
    return JavaFileObjects.forSourceString("com.example.OrderModel", """
        package com.example;

        import io.pocketto.Index;
        import io.pocketto.Model;
        import java.util.List;

        %s
        public abstract class OrderModel {
        %s
        }
        """.formatted(annotation, "  " + String.join("\n  ", members)));
  }

  private static JavaFileObject usage(String statement) {
    return JavaFileObjects.forSourceString("com.example.Usage", """
        package com.example;

        class Usage {
          void use() {
            %s
          }
        }
        """.formatted(statement));
  }

  @Test
  void propertyConstantsAreTypedByTheFieldType() throws IOException {
    Compilation compilation = compile(MODEL);
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    String source = compilation.generatedSourceFile("com.example.SalesInvoice").orElseThrow()
        .getCharContent(true).toString();
    assertThat(source)
        .contains("public static final StringProperty<SalesInvoice> CUSTOMER = new StringProperty<SalesInvoice>(BINDING, 1);")
        .contains("public static final ComparableProperty<SalesInvoice, BigDecimal> TOTAL = ")
        .contains("public static final ComparableProperty<SalesInvoice, LocalDate> ISSUED_ON = ")
        .contains("public static final ValueProperty<SalesInvoice, SalesInvoiceModel.Status> STATUS = ")
        .contains("public static final ComparableProperty<SalesInvoice, Integer> QUANTITY = ")
        .contains("public static final JsonProperty<SalesInvoice, List<String>> TAGS = ")
        .contains("public static Query<SalesInvoice> query()");
  }

  @Test
  void comparingAPropertyWithAValueOfAnotherTypeDoesNotCompile() {
    JavaFileObject use = usage("SalesInvoice.TOTAL.gt(\"x\");");
    Compilation compilation = compile(MODEL, use);
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(compilation.errors()).singleElement().satisfies(e -> {
      assertThat(file(e)).isEqualTo("Usage.java");
      assertThat(e.getLineNumber()).isEqualTo(lineOf(use, "TOTAL.gt"));
      assertThat(e.getMessage(Locale.ROOT)).contains("incompatible types");
    });
  }

  @Test
  void orderingOperatorsExistOnlyOnComparableProperties() {
    Compilation compilation = compile(MODEL, usage("SalesInvoice.STATUS.gt(SalesInvoiceModel.Status.SENT);"));
    assertThat(compilation.errors()).singleElement()
        .satisfies(e -> assertThat(e.getMessage(Locale.ROOT)).contains("cannot find symbol"));
  }

  @Test
  void jsonPropertiesOfferOnlyNullTests() {
    assertThat(compile(MODEL, usage("SalesInvoice.TAGS.isNull();")).status()).isEqualTo(Compilation.Status.SUCCESS);
    Compilation compilation = compile(MODEL, usage("SalesInvoice.TAGS.eq(List.of());"));
    assertThat(compilation.errors()).singleElement()
        .satisfies(e -> assertThat(e.getMessage(Locale.ROOT)).contains("cannot find symbol"));
  }

  @Test
  void aFieldWhoseConstantWouldBeBindingIsReported() {
    JavaFileObject source = model("@Model", "protected String binding;");
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(source));
    assertThat(message(error)).isEqualTo("[Pocketto] @Model field 'binding' gets the query constant BINDING, which "
        + "clashes with the generated constant BINDING: rename the field or the clashing member");
    assertThat(file(error)).isEqualTo("OrderModel.java");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(source, "String binding"));
  }

  @Test
  void aFieldWhoseConstantClashesWithAUserStaticFieldIsReported() {
    JavaFileObject source = model("@Model", "static final String CUSTOMER = \"x\";", "protected String customer;");
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(source));
    assertThat(message(error)).isEqualTo("[Pocketto] @Model field 'customer' gets the query constant CUSTOMER, which "
        + "clashes with the field CUSTOMER of OrderModel: rename the field or the clashing member");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(source, "protected String customer"));
  }

  @Test
  void declaredIndexesReachTheBinding() throws IOException {
    Compilation compilation = compile(model("@Model(indexes = @Index({\"customer\", \"number\"}))",
        "@Index protected String number;", "protected String customer;"));
    String source = compilation.generatedSourceFile("com.example.Order").orElseThrow().getCharContent(true).toString();
    assertThat(source).contains("List.of(\"number\")").contains("List.of(\"customer\", \"number\")");
  }

  @Test
  void anIndexMayNameTheTimestampsEveryDocumentHas() throws IOException {
    Compilation compilation = compile(model("@Model(indexes = {@Index(\"updatedAt\"), @Index({\"customer\", \"createdAt\"})})",
        "protected String customer;"));
    assertThat(compilation.errors()).isEmpty();
    String source = compilation.generatedSourceFile("com.example.Order").orElseThrow().getCharContent(true).toString();
    assertThat(source).contains("List.of(\"updatedAt\")").contains("List.of(\"customer\", \"createdAt\")");
  }

  @Test
  void aMisspeltTimestampInAnIndexIsReportedWithItsName() {
    JavaFileObject source = model("@Model(indexes = @Index({\"updatedOn\"}))", "protected String customer;");
    assertThat(message(onlyError(compile(source)))).isEqualTo("[Pocketto] @Index names 'updatedOn', which is not a "
        + "persisted field of OrderModel; did you mean 'updatedAt'?");
  }

  @Test
  void anIndexOnABareBigDecimalIsNotedForH2WhereItServesNothingAndOneOnADeclaredDecimalIsNot() {
    JavaFileObject source = model("@Model(indexes = @Index({\"customer\", \"fee\"}))",
        "protected String customer;",
        "@Index protected java.math.BigDecimal fee;",
        "@Index @io.pocketto.Decimal(precision = 12, scale = 2) protected java.math.BigDecimal amount;");
    Compilation compilation = compile(source);

    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.warnings()).isEmpty();
    List<Diagnostic<? extends JavaFileObject>> notes = compilation.notes().stream()
        .filter(note -> message(note).startsWith("[Pocketto] ")).toList();
    String text = "[Pocketto] @Index on 'fee' serves no comparison or order of it on H2, which keeps a BigDecimal "
        + "without @Decimal as text (to keep each value's scale) and so compares and sorts it through a cast; on "
        + "PostgreSQL it serves both. Declare @Decimal(precision = ..., scale = ...) on OrderModel.fee for a NUMERIC "
        + "column that H2 can index";
    assertThat(notes).extracting(Sources::message).containsExactly(text, text);
    assertThat(notes).extracting(Diagnostic::getLineNumber).containsExactlyInAnyOrder(
        lineOf(source, "@Index protected java.math.BigDecimal fee;"), lineOf(source, "public abstract class OrderModel"));
  }

  @Test
  void anIndexOnAnUnknownFieldIsReportedWithTheClosestName() {
    JavaFileObject source = model("@Model(indexes = @Index({\"custmer\"}))", "protected String customer;");
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(source));
    assertThat(message(error)).isEqualTo("[Pocketto] @Index names 'custmer', which is not a persisted field of "
        + "OrderModel; did you mean 'customer'?");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(source, "public abstract class OrderModel"));
  }

  @Test
  void anEmptyCompositeIndexIsReported() {
    assertThat(message(onlyError(compile(model("@Model(indexes = @Index({}))", "protected String customer;")))))
        .startsWith("[Pocketto] @Index in @Model(indexes = ...) must list at least one field");
  }

  @Test
  void aFieldListedTwiceInAnIndexIsReported() {
    assertThat(message(onlyError(compile(model("@Model(indexes = @Index({\"customer\", \"customer\"}))",
        "protected String customer;"))))).isEqualTo("[Pocketto] @Index lists field 'customer' more than once");
  }

  @Test
  void anIndexOnAJsonFieldIsReported() {
    JavaFileObject source = model("@Model", "@Index protected List<String> tags;");
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(source));
    assertThat(message(error)).startsWith("[Pocketto] @Index on 'tags' is not supported: the field is stored as JSON");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(source, "List<String> tags"));
  }

  @Test
  void anIndexOnAStaticFieldIsReported() {
    JavaFileObject source = model("@Model", "@Index static String region;", "protected String customer;");
    assertThat(message(onlyError(compile(source)))).startsWith("[Pocketto] @Index on 'region' has no effect");
  }

  @Test
  void fieldNamesOnAFieldIndexAreReported() {
    JavaFileObject source = model("@Model", "@Index({\"customer\"}) protected String number;", "protected String customer;");
    assertThat(message(onlyError(compile(source))))
        .startsWith("[Pocketto] @Index on field 'number' indexes that field and takes no field names");
  }
}
