package io.pocketto.processor.repository;

import static io.pocketto.processor.repository.Sources.MODEL;
import static io.pocketto.processor.repository.Sources.compile;
import static io.pocketto.processor.repository.Sources.file;
import static io.pocketto.processor.repository.Sources.lineOf;
import static io.pocketto.processor.repository.Sources.message;
import static io.pocketto.processor.repository.Sources.onlyError;
import static io.pocketto.processor.repository.Sources.repository;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every invalid query method is a compile error on that method, naming the rule it breaks. */
class RepositoryMethodDiagnosticsTest {

  /** Compiles a repository with one method and returns its single error, checked to be on that method's line. */
  private static String errorOn(String method) {
    JavaFileObject repository = repository(method);
    Diagnostic<? extends JavaFileObject> error = onlyError(compile(MODEL, repository));
    assertThat(file(error)).isEqualTo("SalesInvoiceRepository.java");
    assertThat(error.getLineNumber()).isEqualTo(lineOf(repository, method));
    return message(error);
  }

  @Test
  void unknownPropertyIsReportedWithTheClosestName() {
    assertThat(errorOn("List<SalesInvoice> findByCustmer(String customer);")).isEqualTo(
        "[Pocketto] query method findByCustmer: unknown property 'custmer': SalesInvoice has id, number, customer, "
            + "total, issuedOn, status, quantity, tags, createdAt, updatedAt; did you mean 'customer'?");
  }

  @Test
  void unknownPropertyAfterAnOperatorIsStillNamed() {
    assertThat(errorOn("List<SalesInvoice> findByTotlGreaterThan(BigDecimal min);"))
        .contains("unknown property 'totl'").endsWith("did you mean 'total'?");
  }

  @Test
  void unknownSortPropertyIsReported() {
    assertThat(errorOn("List<SalesInvoice> findByCustomerOrderByIssuedDesc(String customer);"))
        .contains("query method findByCustomerOrderByIssuedDesc: unknown property 'issued'")
        .endsWith("did you mean 'issuedOn'?");
  }

  @Test
  void tooFewParametersAreAParameterCountMismatch() {
    assertThat(errorOn("List<SalesInvoice> findByCustomerAndTotalGreaterThan(String customer);")).isEqualTo(
        "[Pocketto] query method findByCustomerAndTotalGreaterThan: parameter count mismatch: the name needs 2 "
            + "parameter(s) (customer, total (GreaterThan)) but the method declares 1");
  }

  @Test
  void extraParametersAreAParameterCountMismatch() {
    assertThat(errorOn("long countByStatusIsNull(Status status);"))
        .contains("parameter count mismatch: the name needs 0 parameter(s) (none) but the method declares 1");
  }

  @Test
  void aParameterOfTheWrongTypeIsAParameterTypeMismatch() {
    assertThat(errorOn("List<SalesInvoice> findByTotalGreaterThan(String min);")).isEqualTo(
        "[Pocketto] query method findByTotalGreaterThan: parameter type mismatch: parameter 'min' is "
            + "java.lang.String but GreaterThan on 'total' needs java.math.BigDecimal");
  }

  @Test
  void aCollectionOfTheWrongElementTypeIsAParameterTypeMismatch() {
    assertThat(errorOn("List<SalesInvoice> findByStatusIn(List<String> statuses);"))
        .contains("parameter 'statuses' is java.util.List<java.lang.String> but In on 'status' needs "
            + "java.util.Collection<? extends com.example.SalesInvoiceModel.Status>");
  }

  @Test
  void aPrimitiveParameterMatchesItsBoxedProperty() {
    Compilation compilation = compile(MODEL, repository(
        "List<SalesInvoice> findByQuantityGreaterThan(int min);",
        "List<SalesInvoice> findByQuantity(Integer quantity);"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  @Test
  void anUnsupportedReturnTypeIsReported() {
    assertThat(errorOn("Set<SalesInvoice> findByCustomer(String customer);")).isEqualTo(
        "[Pocketto] query method findByCustomer: unsupported return type java.util.Set<com.example.SalesInvoice>: "
            + "find queries return List<SalesInvoice>, Optional<SalesInvoice>, SalesInvoice, Stream<SalesInvoice> "
            + "or Page<SalesInvoice>");
  }

  @Test
  void aCountMustReturnLong() {
    assertThat(errorOn("int countByCustomer(String customer);"))
        .isEqualTo("[Pocketto] query method countByCustomer: unsupported return type int: count queries return long");
  }

  @Test
  void aFindReturningACountPointsToTheCountPrefix() {
    assertThat(errorOn("long findByCustomer(String customer);")).contains("name the method count...By");
  }

  @Test
  void anUnsupportedSubjectKeywordIsReported() {
    assertThat(errorOn("List<SalesInvoice> findLatestByCustomer(String customer);")).isEqualTo(
        "[Pocketto] query method findLatestByCustomer: unsupported keyword 'Latest': between the verb and By only "
            + "Distinct, All, First, First<N>, Top or Top<N> are supported");
  }

  @Test
  void firstDoesNotApplyToCounts() {
    assertThat(errorOn("long countFirstByCustomer(String customer);"))
        .startsWith("[Pocketto] query method countFirstByCustomer: unsupported keyword 'First'");
  }

  @Test
  void orderByDoesNotApplyToExists() {
    assertThat(errorOn("boolean existsByCustomerOrderByTotal(String customer);"))
        .startsWith("[Pocketto] query method existsByCustomerOrderByTotal: unsupported keyword 'OrderBy'");
  }

  @Test
  void topGreaterThanOneNeedsAMultiRowResult() {
    assertThat(errorOn("Optional<SalesInvoice> findTop3ByCustomer(String customer);"))
        .contains("unsupported keyword 'Top3'").contains("return a List or Stream");
  }

  @Test
  void aNameWithoutAQueryVerbIsReported() {
    assertThat(errorOn("List<SalesInvoice> removeByCustomer(String customer);")).isEqualTo(
        "[Pocketto] query method removeByCustomer: unsupported method name: a query method is named "
            + "find...By..., count...By..., exists...By... or delete...By..., e.g. findByCustomer(String customer)");
  }

  @Test
  void trueOnAPropertyThatIsNotBooleanIsReported() {
    assertThat(errorOn("List<SalesInvoice> findByCustomerTrue();")).isEqualTo(
        "[Pocketto] query method findByCustomerTrue: True does not apply to property 'customer' of type "
            + "java.lang.String: only boolean properties are True or False; compare other properties with equality");
  }

  @Test
  void notLikeOnAPropertyThatIsNotAStringIsReported() {
    assertThat(errorOn("List<SalesInvoice> findByQuantityNotLike(String pattern);")).isEqualTo(
        "[Pocketto] query method findByQuantityNotLike: NotLike does not apply to property 'quantity' of type int: "
            + "only String properties match patterns");
  }

  @Test
  void deleteWithAReturnTypeOtherThanACountOrVoidIsReported() {
    assertThat(errorOn("boolean deleteByCustomer(String customer);")).isEqualTo(
        "[Pocketto] query method deleteByCustomer: unsupported return type boolean: delete queries return long or "
            + "int (the number of documents deleted) or void");
  }

  @Test
  void firstDoesNotApplyToDeletes() {
    assertThat(errorOn("long deleteFirstByCustomer(String customer);"))
        .startsWith("[Pocketto] query method deleteFirstByCustomer: unsupported keyword 'First'");
  }

  @Test
  void orderByDoesNotApplyToDeletes() {
    assertThat(errorOn("long deleteByCustomerOrderByTotal(String customer);")).isEqualTo(
        "[Pocketto] query method deleteByCustomerOrderByTotal: unsupported keyword 'OrderBy': delete queries have no "
            + "order; remove OrderBy");
  }

  @Test
  void anOrderingOperatorOnAnEnumIsReported() {
    assertThat(errorOn("List<SalesInvoice> findByStatusGreaterThan(Status status);")).isEqualTo(
        "[Pocketto] query method findByStatusGreaterThan: GreaterThan does not apply to property 'status' of type "
            + "com.example.SalesInvoiceModel.Status: only numbers, decimals, characters, text, dates, times and "
            + "durations have an order to compare");
  }

  @Test
  void aPatternOperatorOnANumberIsReported() {
    assertThat(errorOn("List<SalesInvoice> findByTotalStartingWith(String prefix);"))
        .contains("StartingWith does not apply to property 'total'").endsWith("only String properties match patterns");
  }

  @Test
  void ignoreCaseOnANonTextPropertyIsReported() {
    assertThat(errorOn("List<SalesInvoice> findByTotalIgnoreCase(BigDecimal total);"))
        .contains("IgnoreCase does not apply to property 'total'");
  }

  @Test
  void aJsonFieldOnlyTakesNullTests() {
    assertThat(errorOn("List<SalesInvoice> findByTags(List<String> tags);"))
        .contains("equality does not apply to property 'tags'")
        .endsWith("a field stored as JSON can only be tested with IsNull or IsNotNull");
  }

  @Test
  void aPageNeedsATrailingPageRequest() {
    assertThat(errorOn("Page<SalesInvoice> findByCustomer(String customer);"))
        .contains("a method returning Page must take a PageRequest as its last parameter");
  }

  @Test
  void aPageRequestNeedsAPageResult() {
    assertThat(errorOn("List<SalesInvoice> findByCustomer(PageRequest page, String customer);"))
        .contains("a PageRequest parameter must be the last one, and the method must return Page<SalesInvoice>");
  }

  @Test
  void everyInvalidMethodIsReportedAtOnce() {
    JavaFileObject repository = repository(
        "List<SalesInvoice> findByCustmer(String customer);",
        "List<SalesInvoice> findByCustomer(String customer);",
        "List<SalesInvoice> findByTotalGreaterThan(String min);");
    Compilation compilation = compile(MODEL, repository);
    assertThat(compilation.errors()).extracting(Diagnostic::getLineNumber).containsExactlyInAnyOrder(
        lineOf(repository, "findByCustmer"), lineOf(repository, "findByTotalGreaterThan"));
  }
}
