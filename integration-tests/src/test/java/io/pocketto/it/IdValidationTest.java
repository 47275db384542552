package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.it.model.SalesInvoice;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which ids {@code setId} accepts; checked before any database is involved. */
class IdValidationTest {

  static Stream<Arguments> invalidIds() {
    return Stream.of(
        Arguments.of("empty", "", "must not be empty"),
        Arguments.of("256 characters", "x".repeat(256), "maximum is 255"),
        Arguments.of("NUL", "a\0b", "NUL"),
        Arguments.of("lone high surrogate", "a\uD83Db", "unpaired surrogate"),
        Arguments.of("lone low surrogate", "a\uDE00b", "unpaired surrogate"),
        Arguments.of("high surrogate at the end", "ab\uD83D", "unpaired surrogate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidIds")
  void invalidIdIsRejectedWithAClearMessage(String what, String id, String message) {
    SalesInvoice invoice = new SalesInvoice();

    assertThatThrownBy(() -> invoice.setId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id")
        .hasMessageContaining(message);
    assertThat(invoice.getId()).isNull();
  }

  @Test
  void nullIdOnANewRecordMeansNoIdYet() {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId("chosen");

    invoice.setId(null);

    assertThat(invoice.getId()).isNull();
  }

  @Test
  void nullIdOnAStoredRecordIsRefused() {
    SalesInvoice read = SalesInvoice.fromJson("{\"id\":\"1\",\"_rev\":\"1-0123456789abcdef0123456789abcdef\"}");

    assertThatThrownBy(() -> read.setId(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot be cleared")
        .hasMessageContaining("'1'");
    assertThat(read.getId()).isEqualTo("1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "' OR 1=1 --", "請求書-😀-ü", "with spaces and \"quotes\""})
  void validIdIsKept(String id) {
    SalesInvoice invoice = new SalesInvoice();

    invoice.setId(id);

    assertThat(invoice.getId()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 255})
  void idsUpTo255CharactersAreAccepted(int length) {
    SalesInvoice invoice = new SalesInvoice();

    invoice.setId("x".repeat(length));

    assertThat(invoice.getId()).hasSize(length);
  }
}
