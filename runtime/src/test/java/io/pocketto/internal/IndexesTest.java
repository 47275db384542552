package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ModelBindingTest.Note;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexesTest {

  @Test
  void nameJoinsCollectionAndColumns() {
    assertThat(Indexes.name("sales_invoices", List.of("customer", "issued_on")))
        .isEqualTo("sales_invoices_customer_issued_on_idx");
  }

  @Test
  void aFieldAnywhereInAnIndexCountsAsIndexedAndOneInNoneDoesNot() {
    List<List<String>> indexes = List.of(List.of("number"), List.of("customer", "issuedOn"));

    assertThat(Indexes.anyContains(indexes, "number")).isTrue();
    assertThat(Indexes.anyContains(indexes, "customer")).isTrue();
    assertThat(Indexes.anyContains(indexes, "issuedOn")).as("later in a composite index").isTrue();
    assertThat(Indexes.anyContains(indexes, "total")).isFalse();
    assertThat(Indexes.anyContains(List.of(), "number")).isFalse();
  }

  @Test
  void anIndexMayNameTheTimestampsEveryDocumentHasAsWellAsFields() {
    Dialect postgres = new PostgresDialect();

    assertThat(Indexes.createStatement(postgres, Note.BINDING, List.of("updatedAt"))).isEqualTo(
        "CREATE INDEX IF NOT EXISTS \"notes__updated_at__id_idx\" ON \"notes\" (\"_updated_at\" NULLS FIRST, \"_id\")");
    assertThat(Indexes.createStatement(postgres, Note.BINDING, List.of("title", "createdAt"))).isEqualTo(
        "CREATE INDEX IF NOT EXISTS \"notes_title__created_at__id_idx\" ON \"notes\" "
            + "(\"title\" NULLS FIRST, \"_created_at\" NULLS FIRST, \"_id\")");
    assertThatThrownBy(() -> Indexes.createStatement(postgres, Note.BINDING, List.of("updatedOn")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no field 'updatedOn'");
  }

  @Test
  void theAdviceForAnUnindexedSortNamesWhereTheIndexGoes() {
    assertThat(Indexes.advice("InvoiceModel", "total", false)).isEqualTo("@Index to InvoiceModel.total");
    assertThat(Indexes.advice("InvoiceModel", "updatedAt", true))
        .isEqualTo("@Index(\"updatedAt\") to the @Model(indexes = ...) of InvoiceModel");
  }

  @Test
  void tooLongNamesAreShortenedDeterministicallyAndStayDistinct() {
    String collection = "a_collection_with_a_rather_long_name_for_an_index";
    String first = Indexes.name(collection, List.of("customer_reference", "issued_on"));
    String again = Indexes.name(collection, List.of("customer_reference", "issued_on"));
    String other = Indexes.name(collection, List.of("customer_reference", "due_on"));

    assertThat(first).isEqualTo(again).hasSizeLessThanOrEqualTo(Indexes.MAX_NAME_LENGTH).endsWith("_idx")
        .startsWith("a_collection_with");
    assertThat(other).isNotEqualTo(first).hasSizeLessThanOrEqualTo(Indexes.MAX_NAME_LENGTH);
  }
}
