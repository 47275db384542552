package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compileStrictly;
import static io.pocketto.processor.TestCompiler.golden;
import static io.pocketto.processor.TestCompiler.model;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The exact classes generated for representative models, one golden file per generated class under
 * {@code src/test/resources/golden}. Each model also compiles with {@code -Xlint:all -Werror}, so the
 * generated code never adds a warning to a user's build.
 */
class GoldenSourcesTest {

  @Test
  void seedSalesInvoiceGeneratesTheGoldenActiveRecord() {
    Compilation compilation = compileStrictly(
        model("com/acme/billing/SalesInvoiceModel.java"),
        model("com/acme/billing/InvoiceLine.java"),
        model("com/acme/billing/Status.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.billing.SalesInvoice")
        .hasSourceEquivalentTo(golden("com/acme/billing/SalesInvoice.java"));
  }

  @Test
  void everyScalarKindWithExplicitNameAndCollectionGeneratesTheGoldenActiveRecord() {
    Compilation compilation = compileStrictly(model("com/acme/stock/GadgetSpec.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.stock.Gadget")
        .hasSourceEquivalentTo(golden("com/acme/stock/Gadget.java"));
  }

  @Test
  void handWrittenAccessorsAndToStringAreKeptAndNotGenerated() {
    Compilation compilation = compileStrictly(model("com/acme/crm/ContactModel.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.crm.Contact")
        .hasSourceEquivalentTo(golden("com/acme/crm/Contact.java"));
  }

  @Test
  void inheritedFieldsDeclaredDecimalsAndJdkValueTypesGenerateTheGoldenActiveRecord() {
    Compilation compilation = compileStrictly(
        model("com/acme/shared/Audited.java"),
        model("com/acme/archive/ArchivedFileModel.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.archive.ArchivedFile")
        .hasSourceEquivalentTo(golden("com/acme/archive/ArchivedFile.java"));
  }

  @Test
  void eachModelGeneratesExactlyOneSourceFile() {
    Compilation compilation = compileStrictly(
        model("com/acme/billing/SalesInvoiceModel.java"),
        model("com/acme/billing/InvoiceLine.java"),
        model("com/acme/billing/Status.java"),
        model("com/acme/stock/GadgetSpec.java"),
        model("com/acme/crm/ContactModel.java"));

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(compilation.generatedSourceFiles()).extracting(JavaFileObject::getName)
        .containsExactlyInAnyOrder(
            "/SOURCE_OUTPUT/com/acme/billing/SalesInvoice.java",
            "/SOURCE_OUTPUT/com/acme/stock/Gadget.java",
            "/SOURCE_OUTPUT/com/acme/crm/Contact.java");
  }
}
