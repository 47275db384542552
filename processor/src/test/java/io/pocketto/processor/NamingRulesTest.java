package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names the processor derives or is given (generated class, collection, columns) and names in the
 * model that would clash with what it generates.
 */
class NamingRulesTest {

  private static JavaFileObject invoiceModel(String annotation, String body) {
    return source("com.acme.InvoiceModel", """
        package com.acme;

        %s
        public abstract class InvoiceModel {
          %s
        }
        """.formatted(annotation, body));
  }

  @Test
  void classNotEndingInModelNeedsAnExplicitName() {
    JavaFileObject source = source("com.acme.Invoice", """
        package com.acme;

        @io.pocketto.Model
        public abstract class Invoice {
          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] cannot derive the generated class name from Invoice: "
            + "name the class XxxModel or set @Model(name = \"Xxx\")")
        .inFile(source).onLineContaining("class Invoice");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void classNamedExactlyModelNeedsAnExplicitName() {
    JavaFileObject source = source("com.acme.Model", """
        package com.acme;

        @io.pocketto.Model
        public abstract class Model {
          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] cannot derive the generated class name from Model")
        .inFile(source).onLineContaining("class Model");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void explicitNameWorksForAnyClassName() {
    JavaFileObject source = source("com.acme.Model", """
        package com.acme;

        @io.pocketto.Model(name = "Invoice")
        public abstract class Model {
          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(new CompiledClasses(compilation).binding("com.acme.Invoice").collection())
        .isEqualTo("invoices");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Sales Invoice", "sales-invoice", "1Invoice", "class", "Sales$Invoice", "com.acme.Invoice"})
  void explicitNameMustBeAValidJavaClassName(String name) {
    JavaFileObject source = invoiceModel("@io.pocketto.Model(name = \"" + name + "\")",
        "protected String number;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model(name = \"" + name + "\") is not a valid Java class name")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void explicitNameMustDifferFromTheModelsOwnName() {
    JavaFileObject source = invoiceModel("@io.pocketto.Model(name = \"InvoiceModel\")", "protected String number;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model(name = \"InvoiceModel\") must differ from the model class's own name")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  static Stream<Arguments> derivedCollections() {
    return Stream.of(
        Arguments.of("SalesInvoiceModel", "com.acme.SalesInvoice", "sales_invoices"),
        Arguments.of("CategoryModel", "com.acme.Category", "categories"),
        Arguments.of("BoxModel", "com.acme.Box", "boxes"),
        Arguments.of("HTTPRequestModel", "com.acme.HTTPRequest", "http_requests"));
  }

  @ParameterizedTest(name = "{0} is stored in {2}")
  @MethodSource("derivedCollections")
  void collectionIsTheGeneratedNameInSnakeCasePluralised(String model, String generated, String collection) {
    JavaFileObject source = source("com.acme." + model, """
        package com.acme;

        @io.pocketto.Model
        public abstract class %s {
          protected String label;
        }
        """.formatted(model));

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(new CompiledClasses(compilation).binding(generated).collection()).isEqualTo(collection);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SalesInvoices",
      "2024_invoices",
      "sales-invoices",
      "_invoices",
      "invoices_of_the_sales_department_kept_for_the_auditors_until_2040"})
  void explicitCollectionMustBeLowerCaseStartWithALetterAndFitIn63Characters(String collection) {
    JavaFileObject source = invoiceModel("@io.pocketto.Model(collection = \"" + collection + "\")",
        "protected String number;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] collection name \"" + collection + "\" is invalid: "
            + "use 1 to 63 lower-case letters, digits or underscores, starting with a letter, "
            + "e.g. @Model(collection = \"sales_invoices\")")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void collectionOf63CharactersIsAccepted() {
    String collection = "invoices_of_the_sales_department_kept_for_the_auditors_until_20";
    Assertions.assertThat(collection).hasSize(63);
    JavaFileObject source = invoiceModel("@io.pocketto.Model(collection = \"" + collection + "\")",
        "protected String number;");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(new CompiledClasses(compilation).binding("com.acme.Invoice").collection())
        .isEqualTo(collection);
  }

  @Test
  void fieldNamedIdClashesWithTheGeneratedIdProperty() {
    JavaFileObject source = invoiceModel("@io.pocketto.Model", "protected String id;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'id' clashes with the generated "
            + "id property (getId/setId); Pocketto manages the document id: rename the field")
        .inFile(source).onLineContaining("protected String id;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fieldNamedBindingClashesWithTheGeneratedConstant() {
    JavaFileObject source = invoiceModel("@io.pocketto.Model", "protected String BINDING;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'BINDING' clashes with the generated "
            + "BINDING constant (the model's description for the runtime): rename the field")
        .inFile(source).onLineContaining("protected String BINDING;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void primitiveBooleanFieldNamedDirtyClashesWithTheGeneratedIsDirty() {
    JavaFileObject source = invoiceModel("@io.pocketto.Model", "protected boolean dirty;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'dirty' clashes with the generated "
            + "method isDirty(), which would also be its getter: rename the field")
        .inFile(source).onLineContaining("protected boolean dirty;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void boxedBooleanFieldNamedDirtyGetsGetDirtyAndIsAccepted() {
    JavaFileObject source = invoiceModel("@io.pocketto.Model", "protected Boolean dirty;");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Invoice")
        .contentsAsUtf8String().contains("public Boolean getDirty()");
  }

  @Test
  void twoFieldsMappingToOneColumnAreRejectedOnTheSecond() {
    JavaFileObject source = invoiceModel("@io.pocketto.Model", """
        protected java.time.LocalDate issuedOn;
          protected java.time.LocalDate issued_on;""");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model fields 'issuedOn' and 'issued_on' both map to "
            + "column 'issued_on': rename one of them")
        .inFile(source).onLineContaining("issued_on;");
    assertThat(compilation).hadErrorCount(1);
  }

  static Stream<Arguments> clashingMethods() {
    return Stream.of(
        Arguments.of("public void save() {}", "save()", "save()"),
        Arguments.of("public void save(boolean force) {}", "save(boolean)", "save()"),
        Arguments.of("public void saveTo(io.pocketto.Database database) {}", "saveTo(Database)", "saveTo(Database)"),
        Arguments.of("public static Object find(String id) { return null; }", "find(String)", "static find(String)"),
        Arguments.of("public static java.util.List<String> all() { return null; }", "all()", "static all()"),
        Arguments.of("public static Object in(io.pocketto.Database database) { return null; }", "in(Database)",
            "static in(Database)"),
        Arguments.of("public String meta() { return null; }", "meta()", "meta()"),
        Arguments.of("public boolean isDirty() { return false; }", "isDirty()", "isDirty()"),
        Arguments.of("public String getId() { return null; }", "getId()", "getId()"),
        Arguments.of("public void setId(String id) {}", "setId(String)", "setId(String)"),
        Arguments.of("public void delete() {}", "delete()", "delete()"),
        Arguments.of("public void reload() {}", "reload()", "reload()"),
        Arguments.of("public String toJson() { return null; }", "toJson()", "toJson()"),
        // The instance API is ActiveRecord's default methods: a model method would silently replace one.
        Arguments.of("public Object modelBinding() { return null; }", "modelBinding()", "modelBinding()"),
        Arguments.of("public void saveResolving() {}", "saveResolving()", "saveResolving()"),
        Arguments.of("public void incrementalModify(Runnable r) {}", "incrementalModify(Runnable)",
            "incrementalModify(Consumer)"),
        // Read from ActiveRecord and FieldAccess themselves, so every member of theirs is covered.
        Arguments.of("public void recreate() {}", "recreate()", "recreate()"),
        Arguments.of("public void lock(java.time.Duration lease) {}", "lock(Duration)", "lock(Duration)"),
        Arguments.of("public String toJsonNode() { return null; }", "toJsonNode()", "toJsonNode()"),
        Arguments.of("public Object[] $values() { return null; }", "$values()", "$values()"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clashingMethods")
  void methodClashingWithAGeneratedMemberIsRejectedOnTheMethod(String declaration, String method, String member) {
    JavaFileObject source = invoiceModel("@io.pocketto.Model", "protected String number;\n\n  " + declaration);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] method " + method + " clashes with the generated member " + member + ": rename it")
        .inFile(source).onLineContaining(declaration);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void handWrittenTypeWithTheGeneratedNameIsReportedOnTheModel() {
    JavaFileObject model = invoiceModel("@io.pocketto.Model", "protected String number;");
    JavaFileObject existing = source("com.acme.Invoice", """
        package com.acme;

        public class Invoice {}
        """);

    Compilation compilation = compile(model, existing);

    assertThat(compilation).hadErrorContaining("[Pocketto] cannot generate com.acme.Invoice: "
            + "a type with that name already exists")
        .inFile(model).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorContaining("rename that type or set @Model(name = \"...\")")
        .inFile(model).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }
}
