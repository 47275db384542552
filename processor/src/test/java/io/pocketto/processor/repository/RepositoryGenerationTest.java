package io.pocketto.processor.repository;

import static io.pocketto.processor.repository.Sources.INDEXED_MODEL;
import static io.pocketto.processor.repository.Sources.MODEL;
import static io.pocketto.processor.repository.Sources.compile;
import static io.pocketto.processor.repository.Sources.file;
import static io.pocketto.processor.repository.Sources.lineOf;
import static io.pocketto.processor.repository.Sources.message;
import static io.pocketto.processor.repository.Sources.onlyError;
import static io.pocketto.processor.repository.Sources.repository;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Repositories are deferred until their model's class exists, then implemented with SQL constants. */
class RepositoryGenerationTest {

  private static String generated(Compilation compilation, String name) throws IOException {
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void aRepositoryCompiledWithItsModelIsImplementedWithoutWarnings() throws IOException {
    Compilation compilation = compile(MODEL, repository(
        "List<SalesInvoice> findByCustomerOrderByIssuedOnDesc(String customer);",
        "Page<SalesInvoice> findByCustomer(String customer, PageRequest page);"));
    String source = generated(compilation, "com.example.SalesInvoiceRepository_Impl");
    assertThat(compilation.warnings()).isEmpty();
    assertThat(source)
        .contains("public final class SalesInvoiceRepository_Impl extends RepositoryBase<SalesInvoice> "
            + "implements SalesInvoiceRepository")
        .contains("public static final RepositoryFactory<SalesInvoiceRepository> FACTORY = "
            + "SalesInvoiceRepository_Impl::new;")
        .contains("static final String FIND_BY_CUSTOMER_ORDER_BY_ISSUED_ON_DESC = \"SELECT \\\"_id\\\", \\\"_rev\\\", "
            + "\\\"_deleted\\\", \\\"_writer\\\", \\\"number\\\", \\\"customer\\\", \\\"total\\\", \\\"issued_on\\\", \\\"status\\\", "
            + "\\\"quantity\\\", \\\"tags\\\", \\\"_created_at\\\", \\\"_updated_at\\\" FROM \\\"sales_invoices\\\" WHERE \\\"_deleted\\\" = FALSE AND "
            + "(\\\"customer\\\" = ?) ORDER BY \\\"issued_on\\\" DESC NULLS LAST, \\\"_id\\\" DESC\";")
        .contains("OFFSET ? ROWS FETCH NEXT ? ROWS ONLY\";")
        .contains("static final String FIND_BY_CUSTOMER_COUNT = \"SELECT COUNT(*) FROM \\\"sales_invoices\\\" "
            + "WHERE \\\"_deleted\\\" = FALSE AND (\\\"customer\\\" = ?)\";");
  }

  @Test
  void fieldsPinnedByAnEqualityAreSortedByFirstWhenAnIndexThenServesTheOrder() throws IOException {
    String source = generated(compile(INDEXED_MODEL, repository(
        "List<SalesInvoice> findByCustomerOrderByIssuedOnDesc(String customer);",
        "Page<SalesInvoice> findByCustomerOrderByIssuedOn(String customer, PageRequest page);",
        "Optional<SalesInvoice> findFirstByNumber(String number);",
        "List<SalesInvoice> findByIssuedOnAndCustomer(LocalDate issuedOn, String customer);")),
        "com.example.SalesInvoiceRepository_Impl");
    assertThat(source)
        .contains("(\\\"customer\\\" = ?) ORDER BY \\\"customer\\\" DESC NULLS LAST, "
            + "\\\"issued_on\\\" DESC NULLS LAST, \\\"_id\\\" DESC\";")
        .contains("(\\\"customer\\\" = ?) ORDER BY \\\"customer\\\" ASC NULLS FIRST, "
            + "\\\"issued_on\\\" ASC NULLS FIRST, \\\"_id\\\" ASC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY\";")
        .contains("(\\\"number\\\" = ?) ORDER BY \\\"number\\\" ASC NULLS FIRST, \\\"_id\\\" ASC "
            + "FETCH FIRST 1 ROWS ONLY\";")
        .contains("AND \\\"customer\\\" = ?) ORDER BY \\\"customer\\\" ASC NULLS FIRST, "
            + "\\\"issued_on\\\" ASC NULLS FIRST, \\\"_id\\\" ASC\";");
  }

  @Test
  void aPinnedFieldStaysOutOfTheOrderUnderAnOrOrIgnoringCaseOrWithNoIndexToServeIt() throws IOException {
    String source = generated(compile(INDEXED_MODEL, repository(
        "List<SalesInvoice> findByCustomerOrNumberOrderByIssuedOnDesc(String customer, String number);",
        "List<SalesInvoice> findByCustomerIgnoreCaseOrderByIssuedOnDesc(String customer);",
        "List<SalesInvoice> findByCustomerOrderByTotalDesc(String customer);",
        "List<SalesInvoice> findByIssuedOn(LocalDate issuedOn);")),
        "com.example.SalesInvoiceRepository_Impl");
    assertThat(source)
        .contains("\\\"number\\\" = ?) ORDER BY \\\"issued_on\\\" DESC NULLS LAST, \\\"_id\\\" DESC\";")
        .contains("LOWER(?)) ORDER BY \\\"issued_on\\\" DESC NULLS LAST, \\\"_id\\\" DESC\";")
        .contains("(\\\"customer\\\" = ?) ORDER BY CAST(\\\"total\\\" AS DECFLOAT) DESC NULLS LAST, "
            + "\\\"_id\\\" DESC\";")
        .contains("(\\\"issued_on\\\" = ?) ORDER BY \\\"_id\\\" ASC\";");
  }

  @Test
  void anOrderByTheIdIsReadThroughTheIdsIndexOrAnIndexOfPinnedFieldsWhichTheIdEnds() throws IOException {
    String source = generated(compile(INDEXED_MODEL, repository(
        "List<SalesInvoice> findTop10ByOrderByIdDesc();",
        "List<SalesInvoice> findByNumberOrderByIdDesc(String number);",
        "List<SalesInvoice> findByCustomerOrderByIdDescTotalAsc(String customer);")),
        "com.example.SalesInvoiceRepository_Impl");
    // The id is never null and unique: no null order, nothing after it, and no second "_id" as the tie-breaker.
    assertThat(source)
        .contains("WHERE \\\"_deleted\\\" = FALSE ORDER BY \\\"_id\\\" DESC FETCH FIRST 10 ROWS ONLY\";")
        .contains("(\\\"number\\\" = ?) ORDER BY \\\"number\\\" DESC NULLS LAST, \\\"_id\\\" DESC\";")
        .contains("(\\\"customer\\\" = ?) ORDER BY \\\"_id\\\" DESC\";");
  }

  @Test
  void methodNamesFilterAndSortByTheTimestampsEveryDocumentHas() throws IOException {
    String source = generated(compile(MODEL, repository(
        "List<SalesInvoice> findTop10ByOrderByUpdatedAtDesc();",
        "List<SalesInvoice> findByCustomerAndCreatedAtGreaterThanEqual(String customer, java.time.Instant since);")),
        "com.example.SalesInvoiceRepository_Impl");
    assertThat(source)
        .contains("WHERE \\\"_deleted\\\" = FALSE ORDER BY \\\"_updated_at\\\" DESC NULLS LAST, \\\"_id\\\" DESC "
            + "FETCH FIRST 10 ROWS ONLY\";")
        .contains("(\\\"customer\\\" = ? AND \\\"_created_at\\\" >= ?) ORDER BY \\\"_id\\\" ASC\";");
  }

  @Test
  void textKeywordsCompileToPortableLikeWithAnEscapeClause() throws IOException {
    String source = generated(compile(MODEL, repository(
        "List<SalesInvoice> findByCustomerContainingIgnoreCase(String text);",
        "List<SalesInvoice> findByStatusNotIn(Collection<Status> statuses);")),
        "com.example.SalesInvoiceRepository_Impl");
    assertThat(source)
        .contains("(LOWER(\\\"customer\\\") LIKE LOWER(?) ESCAPE '\\\\')")
        .contains("QueryArgument.Kind.CONTAINING")
        .contains("((NOT (\\\"status\\\" = ANY(?)) OR \\\"status\\\" IS NULL))")
        .contains("QueryArgument.Kind.COLLECTION");
  }

  @Test
  void overloadedMethodsGetDistinctConstants() throws IOException {
    String source = generated(compile(MODEL, repository(
        "List<SalesInvoice> findByCustomer(String customer);",
        "Page<SalesInvoice> findByCustomer(String customer, PageRequest page);")),
        "com.example.SalesInvoiceRepository_Impl");
    assertThat(source).contains("static final String FIND_BY_CUSTOMER = ").contains("static final String FIND_BY_CUSTOMER_ = ");
  }

  @Test
  void crudMethodsRedeclaredByTheInterfaceAreLeftToTheBaseClass() {
    Compilation compilation = compile(MODEL, repository(
        "java.util.Optional<SalesInvoice> findById(String id);",
        "long count();"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  @Test
  void aNestedRepositoryIsImplementedUnderItsJoinedName() {
    JavaFileObject holder = JavaFileObjects.forSourceString("com.example.Repos", """
        package com.example;

        import io.pocketto.CrudRepository;
        import io.pocketto.Repository;

        public class Repos {
          @Repository
          public interface Invoices extends CrudRepository<SalesInvoice> {
            long countByCustomer(String customer);
          }
        }
        """);
    Compilation compilation = compile(MODEL, holder);
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.generatedSourceFile("com.example.Repos_Invoices_Impl")).isPresent();
  }

  @Test
  void aRepositoryMustBeAnInterface() {
    JavaFileObject source = JavaFileObjects.forSourceString("com.example.Invoices", """
        package com.example;

        @io.pocketto.Repository
        public abstract class Invoices {
        }
        """);
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(MODEL, source));
    assertThat(message(error)).isEqualTo("[Pocketto] @Repository must annotate an interface, not class");
    assertThat(file(error)).isEqualTo("Invoices.java");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(source, "public abstract class Invoices"));
  }

  @Test
  void aRepositoryMustExtendCrudRepository() {
    JavaFileObject source = JavaFileObjects.forSourceString("com.example.Invoices", """
        package com.example;

        @io.pocketto.Repository
        public interface Invoices {
          long countByCustomer(String customer);
        }
        """);
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(MODEL, source));
    assertThat(message(error)).startsWith("[Pocketto] @Repository interface Invoices must extend "
        + "io.pocketto.CrudRepository<T>");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(source, "public interface Invoices"));
  }
}
