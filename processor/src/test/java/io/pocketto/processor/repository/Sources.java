package io.pocketto.processor.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.pocketto.processor.ModelProcessor;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Test sources and a compiler running the real processor, with the runtime on the class path. */
final class Sources {
  /** A model with a field of each kind a query treats differently. */
  static final JavaFileObject MODEL = model("@Model", "");

  /** {@link #MODEL} with an index on {@code number} and one on {@code (customer, issuedOn)}. */
  static final JavaFileObject INDEXED_MODEL =
      model("@Model(indexes = @Index({\"customer\", \"issuedOn\"}))", "@Index ");

  /** The model of {@link #MODEL} under {@code annotation}, with {@code onNumber} in front of its {@code number} field. */
  static JavaFileObject model(String annotation, String onNumber) {
    return JavaFileObjects.forSourceString("com.example.SalesInvoiceModel", """
        package com.example;

        import io.pocketto.Index;
        import io.pocketto.Model;
        import java.math.BigDecimal;
        import java.time.LocalDate;
        import java.util.List;

        %s
        public abstract class SalesInvoiceModel {
          public enum Status { DRAFT, SENT }

          %sprotected String number;
          protected String customer;
          protected BigDecimal total;
          protected LocalDate issuedOn;
          protected Status status;
          protected int quantity;
          protected List<String> tags;
        }
        """.formatted(annotation, onNumber));
  }

  private Sources() {}

  /** {@code SalesInvoiceRepository} declaring {@code members}, one per line. */
  static JavaFileObject repository(String... members) {
    return JavaFileObjects.forSourceString("com.example.SalesInvoiceRepository", """
        package com.example;

        import com.example.SalesInvoiceModel.Status;
        import io.pocketto.CrudRepository;
        import io.pocketto.Repository;
        import io.pocketto.query.Page;
        import io.pocketto.query.PageRequest;
        import java.math.BigDecimal;
        import java.time.LocalDate;
        import java.util.Collection;
        import java.util.List;
        import java.util.Optional;
        import java.util.Set;
        import java.util.stream.Stream;

        @Repository
        public interface SalesInvoiceRepository extends CrudRepository<SalesInvoice> {
        %s
        }
        """.formatted(String.join("\n", members.length == 0 ? new String[] {""} : indent(members))));
  }

  private static String[] indent(String[] members) {
    String[] out = new String[members.length];
    for (int i = 0; i < members.length; i++) {
      out[i] = "  " + members[i];
    }
    return out;
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ModelProcessor()).compile(sources);
  }

  /** The 1-based line of the first line of {@code source} containing {@code marker}. */
  static long lineOf(JavaFileObject source, String marker) {
    try {
      List<String> lines = source.getCharContent(true).toString().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(marker)) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no line contains " + marker);
  }

  /** The only error of a failed compilation, which must be Pocketto's. */
  static Diagnostic<? extends JavaFileObject> onlyError(Compilation compilation) {
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(compilation.errors()).extracting(d -> d.getMessage(Locale.ROOT)).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getMessage(Locale.ROOT)).startsWith("[Pocketto] ");
    return error;
  }

  static String message(Diagnostic<?> diagnostic) {
    return diagnostic.getMessage(Locale.ROOT);
  }

  /** The file a diagnostic is in, e.g. {@code SalesInvoiceRepository.java}. */
  static String file(Diagnostic<? extends JavaFileObject> diagnostic) {
    String name = diagnostic.getSource().getName();
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
