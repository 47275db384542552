package io.pocketto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionParsingTest {
  private static final String HASH = "0123456789abcdef0123456789abcdef";

  @Test
  void parseSplitsHeightAndHash() {
    Revision r = Revision.parse("42-" + HASH);

    assertThat(r.height()).isEqualTo(42);
    assertThat(r.hash()).isEqualTo(HASH);
    assertThat(r).hasToString("42-" + HASH);
  }

  @Test
  void heightMayHaveEighteenDigits() {
    assertThat(Revision.parse("999999999999999999-" + HASH).height()).isEqualTo(999_999_999_999_999_999L);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "-" + HASH, "0-" + HASH, "01-" + HASH, "1000000000000000000-" + HASH, "+1-" + HASH, "1" + HASH,
      "1-", "1-0123456789abcdef0123456789abcde", "1-0123456789abcdef0123456789abcdef0",
      "1-0123456789ABCDEF0123456789abcdef", "1-0123456789abcdeg0123456789abcdef", "1--" + HASH, "1- " + HASH})
  void malformedRevisionsAreRejectedWithTheirText(String text) {
    assertThat(Revision.isValid(text)).isFalse();
    assertThatThrownBy(() -> Revision.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid revision '" + text + "'");
  }

  @Test
  void wellFormedRevisionsAreValid() {
    assertThat(Revision.isValid("1-" + HASH)).isTrue();
    assertThat(Revision.isValid(null)).isFalse();
  }

  @Test
  void constructorRejectsAHashThatIsNotThirtyTwoLowercaseHexDigits() {
    assertThatThrownBy(() -> new Revision(1, HASH.toUpperCase()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 lowercase hex digits");
    assertThatThrownBy(() -> new Revision(0, HASH)).isInstanceOf(IllegalArgumentException.class);
  }
}
