package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
