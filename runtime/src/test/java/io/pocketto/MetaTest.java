package io.pocketto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code _meta} as Jackson writes it and as Java compares it. */
class MetaTest {
  private static final Instant CREATED = Instant.parse("2026-12-05T01:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-12-05T02:00:00Z");

  @Test
  void jacksonWritesTheSeedsThreeKeysInOrderAndNeitherWriterNorTimestamps() throws Exception {
    Meta meta = new Meta("2-0123456789abcdef0123456789abcdef", "alice", Map.of("total", 10), Set.of("total"),
        CREATED, UPDATED);

    String json = new ObjectMapper().writeValueAsString(meta);

    assertThat(json).isEqualTo(
        "{\"_rev\":\"2-0123456789abcdef0123456789abcdef\",\"_before_update\":{\"total\":10},\"_dirty\":[\"total\"]}");
  }

  @Test
  void equalityComparesTheJsonKeysOnly() {
    Meta loaded = new Meta("1-a", "alice", Map.of(), Set.of(), CREATED, UPDATED);
    Meta fromJson = new Meta("1-a", Map.of(), Set.of());

    assertThat(loaded).isEqualTo(fromJson).hasSameHashCodeAs(fromJson);
    assertThat(loaded).isNotEqualTo(new Meta("2-b", Map.of(), Set.of()));
    assertThat(loaded.writer()).isEqualTo("alice");
    assertThat(loaded.createdAt()).isEqualTo(CREATED);
    assertThat(loaded.updatedAt()).isEqualTo(UPDATED);
    assertThat(loaded.toString()).isEqualTo("{_rev=1-a, _before_update={}, _dirty=[]}");
  }

  @Test
  void theCollectionsAreUnmodifiableCopiesInTheirOrder() {
    Map<String, Object> before = new HashMap<>(Map.of("total", 10));
    Set<String> dirty = new LinkedHashSet<>(java.util.List.of("total", "customer", "lines"));
    Meta meta = new Meta("1-a", before, dirty);
    before.clear();
    dirty.clear();

    assertThat(meta.beforeUpdate()).containsExactlyEntriesOf(Map.of("total", 10));
    assertThat(meta.dirty()).containsExactly("total", "customer", "lines");
    assertThatThrownBy(() -> meta.dirty().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> meta.beforeUpdate().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }
}
