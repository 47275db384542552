package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What a class must be for {@code @Model} to accept it: each broken rule is one error on the class. */
class ModelClassRulesTest {

  @Test
  void modelOnAnInterfaceIsRejected() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public interface InvoiceModel {}
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model must annotate a class, not interface")
        .inFile(source).onLineContaining("interface InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void modelOnAnEnumIsRejected() {
    JavaFileObject source = source("com.acme.StatusModel", """
        package com.acme;

        @io.pocketto.Model
        public enum StatusModel { DRAFT, SENT }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model must annotate a class, not enum")
        .inFile(source).onLineContaining("enum StatusModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void modelOnARecordIsRejected() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public record InvoiceModel(String number) {}
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model must annotate a class, not record")
        .inFile(source).onLineContaining("record InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void modelOnAnAnnotationTypeIsRejected() {
    JavaFileObject source = source("com.acme.AuditedModel", """
        package com.acme;

        @io.pocketto.Model
        public @interface AuditedModel {}
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model must annotate a class, not annotation type")
        .inFile(source).onLineContaining("@interface AuditedModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void finalModelClassIsRejected() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public final class InvoiceModel {
          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must not be final: Pocketto generates a subclass of it")
        .inFile(source).onLineContaining("final class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void concreteModelClassIsRejectedNamingTheClassThatWouldBeGenerated() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public class InvoiceModel {
          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must be abstract: Pocketto generates its concrete subclass Invoice")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void privateNestedModelClassIsRejected() {
    JavaFileObject source = source("com.acme.Billing", """
        package com.acme;

        public class Billing {
          @io.pocketto.Model
          private abstract static class InvoiceModel {
            protected String number;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class InvoiceModel must not be private")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void innerModelClassMustBeStatic() {
    JavaFileObject source = source("com.acme.Billing", """
        package com.acme;

        public class Billing {
          @io.pocketto.Model
          public abstract class InvoiceModel {
            protected String number;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must be top-level or a static nested class")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void staticNestedModelGeneratesATopLevelClassInItsPackage() {
    JavaFileObject source = source("com.acme.Billing", """
        package com.acme;

        public class Billing {
          @io.pocketto.Model
          public abstract static class InvoiceModel {
            protected String number;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Invoice")
        .contentsAsUtf8String().contains("public final class Invoice extends Billing.InvoiceModel");
  }

  @Test
  void genericModelClassIsRejected() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class InvoiceModel<N extends CharSequence> {
          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must not declare type parameters")
        .inFile(source).onLineContaining("class InvoiceModel<N");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void modelWithOnlyAPrivateNoArgConstructorIsRejected() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          protected String number;

          private InvoiceModel() {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must have a non-private no-arg constructor")
        .inFile(source).onLineContaining("abstract class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void modelWithOnlyConstructorsTakingArgumentsIsRejected() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          protected String number;

          protected InvoiceModel(String number) {
            this.number = number;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must have a non-private no-arg constructor")
        .inFile(source).onLineContaining("abstract class InvoiceModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void protectedNoArgConstructorNextToOthersIsEnough() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          protected String number;

          protected InvoiceModel() {}

          protected InvoiceModel(String number) {
            this.number = number;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Invoice");
  }

  @Test
  void abstractMethodInAModelIsRejectedOnTheMethod() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        import java.math.BigDecimal;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          protected BigDecimal total;

          public abstract BigDecimal totalWithTax(BigDecimal rate);
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class InvoiceModel must not declare abstract "
            + "method totalWithTax(BigDecimal): the generated class cannot implement it; give it a body")
        .inFile(source).onLineContaining("totalWithTax(BigDecimal rate)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyBrokenRuleOfOneClassIsReported() {
    JavaFileObject source = source("com.acme.Billing", """
        package com.acme;

        public class Billing {
          @io.pocketto.Model
          private final class InvoiceModel<T> {
            protected String number;

            private InvoiceModel() {}
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class InvoiceModel must not be final")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class InvoiceModel must not be private")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must be top-level or a static nested class")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class InvoiceModel must not declare type parameters")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model class InvoiceModel must have a non-private no-arg constructor")
        .inFile(source).onLineContaining("class InvoiceModel");
    assertThat(compilation).hadErrorCount(5);
  }
}
