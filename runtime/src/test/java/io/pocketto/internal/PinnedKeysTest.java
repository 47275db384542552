package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.PinnedKeys.Key;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The rule both typed queries and repository methods sort by: pinned fields first, exactly when an index is
 * those fields followed by the declared keys. Fields are named by plain strings here.
 */
class PinnedKeysTest {
  private static final List<List<String>> INDEXES = List.of(List.of("number"), List.of("customer", "issuedOn"));

  private static List<Key<String>> sortKeys(List<String> pinned, List<Key<String>> declared) {
    return PinnedKeys.sortKeys(INDEXES, pinned, declared, Function.identity());
  }

  private static Key<String> asc(String field) {
    return new Key<>(field, false);
  }

  private static Key<String> desc(String field) {
    return new Key<>(field, true);
  }

  @Test
  void aPinnedFieldLeadingAnIndexComesFirstInTheDirectionOfTheFirstDeclaredKey() {
    assertThat(sortKeys(List.of("customer"), List.of(desc("issuedOn"))))
        .containsExactly(desc("customer"), desc("issuedOn"));
    assertThat(sortKeys(List.of("customer"), List.of(asc("issuedOn"))))
        .containsExactly(asc("customer"), asc("issuedOn"));
  }

  @Test
  void withNoDeclaredKeyAnIndexOfPinnedFieldsAloneSortsAscendingInItsOwnOrder() {
    assertThat(sortKeys(List.of("number"), List.of())).containsExactly(asc("number"));
    assertThat(sortKeys(List.of("issuedOn", "customer"), List.of()))
        .containsExactly(asc("customer"), asc("issuedOn"));
  }

  @Test
  void theDeclaredOrderStaysAloneWhenNoIndexIsExactlyPinnedFieldsThenIt() {
    // Only the second field of (customer, issuedOn) is pinned.
    assertThat(sortKeys(List.of("issuedOn"), List.of())).isEmpty();
    // No index is (customer, total).
    assertThat(sortKeys(List.of("customer"), List.of(desc("total")))).containsExactly(desc("total"));
    // The index holds more than the pinned field and the key.
    assertThat(sortKeys(List.of("customer"), List.of(asc("number")))).containsExactly(asc("number"));
    // Nothing pinned.
    assertThat(sortKeys(List.of(), List.of(asc("issuedOn")))).containsExactly(asc("issuedOn"));
  }

  @Test
  void declaredKeysEndingWithTheIdAreMatchedAgainstTheIndexesTheIdEnds() {
    assertThat(sortKeys(List.of("number"), List.of(desc("id")))).containsExactly(desc("number"), desc("id"));
    assertThat(sortKeys(List.of("customer"), List.of(asc("issuedOn"), asc("id"))))
        .containsExactly(asc("customer"), asc("issuedOn"), asc("id"));
    assertThat(sortKeys(List.of("issuedOn", "customer"), List.of(desc("id"))))
        .containsExactly(desc("customer"), desc("issuedOn"), desc("id"));
    // Only the id's own index, the primary key, serves an order by it when no index is all pinned fields.
    assertThat(sortKeys(List.of("customer"), List.of(desc("id")))).containsExactly(desc("id"));
    // The id in the middle is not the index's end: the keys after it are matched as they are.
    assertThat(sortKeys(List.of("customer"), List.of(desc("id"), asc("issuedOn"))))
        .containsExactly(desc("id"), asc("issuedOn"));
  }

  @Test
  void aPinnedFieldTheQueryAlsoSortsByIsNotAddedAgain() {
    assertThat(sortKeys(List.of("customer"), List.of(asc("customer"), asc("issuedOn"))))
        .containsExactly(asc("customer"), asc("issuedOn"));
  }

  @Test
  void theFirstIndexThatFitsDecides() {
    List<List<String>> indexes = List.of(List.of("region", "issuedOn"), List.of("customer", "issuedOn"));
    assertThat(PinnedKeys.sortKeys(indexes, List.of("customer", "region"), List.of(asc("issuedOn")),
        Function.identity())).containsExactly(asc("region"), asc("issuedOn"));
  }
}
