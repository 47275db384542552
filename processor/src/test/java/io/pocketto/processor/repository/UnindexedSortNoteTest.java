package io.pocketto.processor.repository;

import static io.pocketto.processor.repository.Sources.INDEXED_MODEL;
import static io.pocketto.processor.repository.Sources.MODEL;
import static io.pocketto.processor.repository.Sources.compile;
import static io.pocketto.processor.repository.Sources.file;
import static io.pocketto.processor.repository.Sources.lineOf;
import static io.pocketto.processor.repository.Sources.message;
import static io.pocketto.processor.repository.Sources.repository;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A repository method that sorts by a field in no {@code @Index} gets a compile-time note on that method, as a
 * typed query sorting so gets a warning in the log: each call reads and sorts every matching document. A note
 * neither fails the build nor stops the repository from being generated.
 */
class UnindexedSortNoteTest {

  /** Pocketto's notes, leaving out javac's own (unchecked operations and the like). */
  private static List<Diagnostic<? extends JavaFileObject>> pockettoNotes(Compilation compilation) {
    return compilation.notes().stream().filter(n -> message(n).startsWith("[Pocketto] ")).toList();
  }

  @Test
  void aSortByAFieldInNoIndexIsNotedOnItsMethodAndTheRepositoryIsStillGenerated() {
    String method = "List<SalesInvoice> findByCustomerOrderByTotalDesc(String customer);";
    JavaFileObject repository = repository(method);
    Compilation compilation = compile(MODEL, repository);

    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.warnings()).isEmpty();
    assertThat(compilation.generatedSourceFile("com.example.SalesInvoiceRepository_Impl")).isPresent();
    List<Diagnostic<? extends JavaFileObject>> notes = pockettoNotes(compilation);
    assertThat(notes).hasSize(1);
    assertThat(file(notes.get(0))).isEqualTo("SalesInvoiceRepository.java");
    assertThat(notes.get(0).getLineNumber()).isEqualTo(lineOf(repository, method));
    assertThat(message(notes.get(0))).isEqualTo("[Pocketto] query method findByCustomerOrderByTotalDesc sorts by "
        + "'total', which is in no @Index: each call reads and sorts every matching document. Add @Index to "
        + "SalesInvoiceModel.total if the collection grows large");
  }

  @Test
  void everyMethodSortingByAFieldInNoIndexIsNotedAndOnlyTheFirstSortKeyCounts() {
    Compilation compilation = compile(MODEL, repository(
        "List<SalesInvoice> findAllByOrderByNumberAsc();",
        "Page<SalesInvoice> findByStatusOrderByIssuedOnDescNumberAsc(Status status, PageRequest page);",
        "List<SalesInvoice> findByCustomerOrderByIdDescTotalAsc(String customer);"));

    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(pockettoNotes(compilation)).extracting(n -> message(n).substring(0, message(n).indexOf(':')))
        .containsExactly(
            "[Pocketto] query method findAllByOrderByNumberAsc sorts by 'number', which is in no @Index",
            "[Pocketto] query method findByStatusOrderByIssuedOnDescNumberAsc sorts by 'issuedOn', which is in no "
                + "@Index");
  }

  @Test
  void sortsThatAnIndexServesAndMethodsWithoutASortAreNotNoted() {
    Compilation compilation = compile(INDEXED_MODEL, repository(
        "List<SalesInvoice> findAllByOrderByNumberDesc();",
        "List<SalesInvoice> findByCustomerOrderByIssuedOnDesc(String customer);",
        "List<SalesInvoice> findTop3ByOrderByCustomerAsc();",
        "List<SalesInvoice> findAllByOrderById();",
        "List<SalesInvoice> findByTotalGreaterThan(BigDecimal min);",
        "long countByStatus(Status status);"));

    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(pockettoNotes(compilation)).isEmpty();
  }

  @Test
  void aMethodWithAnErrorIsReportedAsAnErrorWithoutANote() {
    Compilation compilation = compile(MODEL, repository(
        "List<SalesInvoice> findByCustomerOrderByTotalDesc(String customer, String extra);"));

    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(compilation.errors()).extracting(Sources::message).singleElement().asString()
        .contains("parameter count mismatch");
    assertThat(pockettoNotes(compilation)).isEmpty();
  }

  @Test
  void aSortByATimestampInNoIndexIsNotedWithTheIndexThatServesItAndOneInAnIndexIsNot() {
    Compilation compilation = compile(MODEL, repository(
        "List<SalesInvoice> findTop10ByOrderByUpdatedAtDesc();"));
    Compilation indexed = compile(Sources.model("@Model(indexes = @Index(\"updatedAt\"))", ""), repository(
        "List<SalesInvoice> findTop10ByOrderByUpdatedAtDesc();"));

    assertThat(pockettoNotes(compilation)).extracting(Sources::message).containsExactly(
        "[Pocketto] query method findTop10ByOrderByUpdatedAtDesc sorts by 'updatedAt', which is in no @Index: each call "
            + "reads and sorts every matching document. Add @Index(\"updatedAt\") to the @Model(indexes = ...) of "
            + "SalesInvoiceModel if the collection grows large");
    assertThat(indexed.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(pockettoNotes(indexed)).isEmpty();
  }
}
