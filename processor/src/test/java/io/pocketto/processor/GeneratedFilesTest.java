package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.compileWith;
import static io.pocketto.processor.TestCompiler.model;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Processor;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * What every generated file carries for tools: {@code @Generated}, and exactly one originating
 * element (its model), which Gradle's isolating mode requires to recompile only what changed.
 */
class GeneratedFilesTest {

  @Test
  void everyGeneratedFileHasItsModelAsTheOnlyOriginatingElement() {
    InterceptedFiler filer = new InterceptedFiler();

    Compilation compilation = compileWith(new Processor[] {filer.around(new ModelProcessor())},
        model("com/acme/billing/SalesInvoiceModel.java"),
        model("com/acme/billing/InvoiceLine.java"),
        model("com/acme/billing/Status.java"),
        model("com/acme/stock/GadgetSpec.java"),
        model("com/acme/crm/ContactModel.java"));

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(filer.originatingElements()).containsOnly(
        Map.entry("com.acme.billing.SalesInvoice", List.of("com.acme.billing.SalesInvoiceModel")),
        Map.entry("com.acme.stock.Gadget", List.of("com.acme.stock.GadgetSpec")),
        Map.entry("com.acme.crm.Contact", List.of("com.acme.crm.ContactModel")));
  }

  @Test
  void modelGeneratedInALaterRoundStillHasItsModelAsTheOriginatingElement() {
    InterceptedFiler filer = new InterceptedFiler();

    Compilation compilation = compileWith(new Processor[] {
        filer.around(new ModelProcessor()),
        new LaterRoundTypeGenerator("com.acme.shipping.Address", """
            package com.acme.shipping;

            public record Address(String street, String city) {}
            """)},
        source("com.acme.shipping.ParcelModel", """
            package com.acme.shipping;

            @io.pocketto.Model
            public abstract class ParcelModel {
              protected Address destination;
            }
            """));

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(filer.originatingElements())
        .containsOnly(Map.entry("com.acme.shipping.Parcel", List.of("com.acme.shipping.ParcelModel")));
  }

  @Test
  void generatedClassIsAnnotatedAsGeneratedByTheModelProcessor() {
    Compilation compilation = compile(model("com/acme/crm/ContactModel.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.crm.Contact").contentsAsUtf8String()
        .contains("import javax.annotation.processing.Generated;");
    assertThat(compilation).generatedSourceFile("com.acme.crm.Contact").contentsAsUtf8String()
        .contains("@Generated(\"io.pocketto.processor.ModelProcessor\")\npublic final class Contact");
  }
}
