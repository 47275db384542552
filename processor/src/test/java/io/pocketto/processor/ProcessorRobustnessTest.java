package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.compileWith;
import static io.pocketto.processor.TestCompiler.messages;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.ModelBinding;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor as javac sees it: it reports every model's problems in one build, keeps generating
 * the valid ones, waits for types other processors generate later, and never lets an exception
 * reach javac.
 */
class ProcessorRobustnessTest {
  private static final String ADDRESS = """
      package com.acme.shipping;

      public record Address(String street, String city) {}
      """;

  private static JavaFileObject parcelModel(String fields) {
    return source("com.acme.shipping.ParcelModel", """
        package com.acme.shipping;

        import java.util.List;

        @io.pocketto.Model
        public abstract class ParcelModel {
          protected String trackingCode;
          %s
        }
        """.formatted(fields));
  }

  private static Compilation compileWithAddressGeneratedLater(JavaFileObject... sources) {
    return compileWith(new Processor[] {
        new ModelProcessor(), new LaterRoundTypeGenerator("com.acme.shipping.Address", ADDRESS)}, sources);
  }

  @Test
  void everyBrokenModelInOneCompilationIsReported() {
    JavaFileObject finalModel = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public final class InvoiceModel {
          protected String number;
        }
        """);
    JavaFileObject privateField = source("com.acme.CustomerModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class CustomerModel {
          private String name;
        }
        """);
    JavaFileObject noSuffix = source("com.acme.Product", """
        package com.acme;

        @io.pocketto.Model
        public abstract class Product {
          protected String sku;
        }
        """);

    Compilation compilation = compile(finalModel, privateField, noSuffix);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class InvoiceModel must not be final")
        .inFile(finalModel).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'name' must not be private")
        .inFile(privateField).onLineContaining("private String name;");
    assertThat(compilation).hadErrorContaining("[Pocketto] cannot derive the generated class name from Product")
        .inFile(noSuffix).onLineContaining("class Product");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void validModelNextToABrokenOneIsStillGenerated() {
    JavaFileObject broken = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          protected Object payload;
        }
        """);
    JavaFileObject valid = source("com.acme.CustomerModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class CustomerModel {
          protected String name;
        }
        """);

    // A failed compilation hides its generated files, so the Filer tells what was written.
    InterceptedFiler filer = new InterceptedFiler();
    Compilation compilation = compileWith(new Processor[] {filer.around(new ModelProcessor())}, broken, valid);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'payload' has unsupported type")
        .inFile(broken).onLineContaining("protected Object payload;");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(filer.originatingElements()).containsOnlyKeys("com.acme.Customer");
  }

  @Test
  void modelWhoseFieldTypesAreGeneratedInALaterRoundIsGeneratedThen() {
    JavaFileObject model = parcelModel("""
        protected Address destination;
          protected List<Address> stops;""");

    Compilation compilation = compileWithAddressGeneratedLater(model);

    assertThat(compilation).succeededWithoutWarnings();
    ModelBinding<?> binding = new CompiledClasses(compilation).binding("com.acme.shipping.Parcel");
    Assertions.assertThat(binding.fields()).extracting(FieldSpec::name)
        .containsExactly("trackingCode", "destination", "stops");
    Assertions.assertThat(binding.fields().get(1).type()).isEqualTo(ColumnType.JSON);
    Assertions.assertThat(binding.fields().get(2).jsonType().toCanonical())
        .isEqualTo("java.util.List<com.acme.shipping.Address>");
  }

  @Test
  void modelThatReferencesAnotherModelsGeneratedClassIsGeneratedInTheNextRound() {
    JavaFileObject customer = source("com.acme.CustomerModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class CustomerModel {
          protected String name;
        }
        """);
    JavaFileObject order = source("com.acme.OrderModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class OrderModel {
          protected Customer customer;
        }
        """);

    Compilation compilation = compile(customer, order);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Order")
        .contentsAsUtf8String().contains("FieldSpec.json(\"customer\", \"customer\", OrderModel.class)");
  }

  @Test
  void fieldTypeThatNeverResolvesIsReportedOnTheFieldByJavacAndPocketto() {
    JavaFileObject model = parcelModel("protected Address destination;");

    Compilation compilation = compile(model);

    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(model).onLineContaining("protected Address destination;");
    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model field 'destination' has a type that could not be resolved: Address")
        .inFile(model).onLineContaining("protected Address destination;");
    assertThat(compilation).hadErrorCount(2);
    assertNoInternalError(compilation);
  }

  @Test
  void typeArgumentThatNeverResolvesIsReportedOnTheField() {
    JavaFileObject model = parcelModel("protected List<Address> stops;");

    Compilation compilation = compile(model);

    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(model).onLineContaining("protected List<Address> stops;");
    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model field 'stops' has a type that could not be resolved: java.util.List<Address>")
        .inFile(model).onLineContaining("protected List<Address> stops;");
    assertThat(compilation).hadErrorCount(2);
    assertNoInternalError(compilation);
  }

  @Test
  void brokenModelWithAPendingTypeIsReportedOnceNotOncePerRound() {
    JavaFileObject model = parcelModel("""
        private String note;
          protected Address destination;""");

    InterceptedFiler filer = new InterceptedFiler();
    Compilation compilation = compileWith(new Processor[] {
        filer.around(new ModelProcessor()), new LaterRoundTypeGenerator("com.acme.shipping.Address", ADDRESS)}, model);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'note' must not be private")
        .inFile(model).onLineContaining("private String note;");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(filer.originatingElements()).isEmpty();
  }

  @Test
  void exceptionInsideTheProcessorBecomesAnErrorOnTheModel() {
    JavaFileObject model = parcelModel("");
    InterceptedFiler filer = new InterceptedFiler().failingWith(new IllegalStateException("disk on fire"));

    Compilation compilation = compileWith(new Processor[] {filer.around(new ModelProcessor())}, model);

    assertThat(compilation).hadErrorContaining("[Pocketto] internal error while generating "
            + "com.acme.shipping.ParcelModel: java.lang.IllegalStateException: disk on fire")
        .inFile(model).onLineContaining("class ParcelModel");
    assertThat(compilation).hadErrorContaining("Please report this with the model's source");
    assertThat(compilation).hadErrorCount(1);
  }

  static Stream<Arguments> awkwardSources() {
    return Stream.of(
        Arguments.of("a syntax error", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model
            public abstract class InvoiceModel {
              protected String number
            }
            """)),
        Arguments.of("a superclass that does not exist", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model
            public abstract class InvoiceModel extends Document {
              protected String number;
            }
            """)),
        Arguments.of("a field of the model's own generated type", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model
            public abstract class InvoiceModel {
              protected Invoice previous;
            }
            """)),
        Arguments.of("an annotation value that does not compile", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model(name = 42)
            public abstract class InvoiceModel {
              protected String number;
            }
            """)),
        Arguments.of("an annotation value from a missing constant", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model(collection = Names.INVOICES)
            public abstract class InvoiceModel {
              protected String number;
            }
            """)),
        Arguments.of("a model on a local class", source("com.acme.Billing", """
            package com.acme;
            public class Billing {
              void run() {
                @io.pocketto.Model
                abstract class InvoiceModel {
                  protected String number;
                }
              }
            }
            """)),
        Arguments.of("a model in the default package", source("InvoiceModel", """
            @io.pocketto.Model
            public abstract class InvoiceModel {
              protected String number;
            }
            """)),
        Arguments.of("a model with no fields", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model
            public abstract class InvoiceModel {}
            """)),
        Arguments.of("a model nested in an interface", source("com.acme.Billing", """
            package com.acme;
            public interface Billing {
              @io.pocketto.Model
              abstract class InvoiceModel {
                protected String number;
              }
            }
            """)),
        Arguments.of("a model extending a model", source("com.acme.InvoiceModel", """
            package com.acme;
            @io.pocketto.Model
            public abstract class InvoiceModel {
              protected String number;

              @io.pocketto.Model
              public abstract static class CreditNoteModel extends Invoice {
                protected String reason;
              }
            }
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awkwardSources")
  void awkwardSourceNeverCrashesTheProcessor(String description, JavaFileObject source) {
    Compilation compilation = compile(source);

    assertNoInternalError(compilation);
  }

  private static void assertNoInternalError(Compilation compilation) {
    Assertions.assertThat(messages(compilation))
        .doesNotContain("internal error")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
