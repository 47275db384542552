package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.SeekCursors.Position;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cursors decode to the position they were issued for, whether the database still remembers issuing them
 * or has to check their signature again, and are refused for another query, when altered, or when signed
 * with another secret. The queries' fingerprints are plain strings here.
 */
class SeekCursorsTest {
  private static final List<FieldSpec> KEYS = List.of(FieldSpec.scalar("number", "number", ColumnType.STRING, false),
      FieldSpec.scalar("issuedOn", "issued_on", ColumnType.LOCAL_DATE, false));
  private static final byte[] SECRET = secret(7);

  private static byte[] secret(int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return secret;
  }

  private static Position position(int n) {
    return new Position(Arrays.asList(n % 3 == 0 ? null : "INV-" + n, LocalDate.of(2026, 1, 1).plusDays(n)),
        "id-" + n);
  }

  private static String issue(SeekCursors cursors, String query, Position at) {
    return cursors.encode(query, KEYS, at.values(), at.id());
  }

  @Test
  void aRememberedCursorAndOneCheckedAgainDecodeToTheSamePosition() {
    SeekCursors issuer = new SeekCursors(SECRET);
    String cursor = issue(issuer, "q1", position(1));

    assertThat(issuer.decode(cursor, "q1", KEYS)).isEqualTo(position(1));
    // Another process on the same database has the same secret but never issued the cursor.
    assertThat(new SeekCursors(SECRET).decode(cursor, "q1", KEYS)).isEqualTo(position(1));
  }

  @Test
  void aCursorOfEveryLengthIsBase64urlTextThatAnotherProcessDecodes() {
    SeekCursors issuer = new SeekCursors(SECRET);
    // Ids of one to six characters give payloads of every length modulo 3, each with its own base64 tail.
    for (int length = 1; length <= 6; length++) {
      Position at = new Position(position(1).values(), "x".repeat(length));
      String cursor = issue(issuer, "q1", at);
      assertThat(cursor).as("id of %d characters", length).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}");
      assertThat(new SeekCursors(SECRET).decode(cursor, "q1", KEYS)).isEqualTo(at);
    }
  }

  @Test
  void aRememberedCursorIsStillRefusedForAnotherQuery() {
    SeekCursors issuer = new SeekCursors(SECRET);
    String cursor = issue(issuer, "q1", position(2));

    assertThatThrownBy(() -> issuer.decode(cursor, "q2", KEYS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor: it was issued for another query");
    assertThatThrownBy(() -> new SeekCursors(SECRET).decode(cursor, "q2", KEYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor: it was issued for another query");
  }

  @Test
  void anAlteredCursorOrOneSignedWithAnotherSecretIsRefused() {
    SeekCursors issuer = new SeekCursors(SECRET);
    String cursor = issue(issuer, "q1", position(4));
    String altered = (cursor.charAt(0) == 'W' ? 'X' : 'W') + cursor.substring(1);

    assertThatThrownBy(() -> issuer.decode(altered, "q1", KEYS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor: it was altered");
    assertThatThrownBy(() -> new SeekCursors(secret(8)).decode(cursor, "q1", KEYS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor: it was altered");
  }

  @Test
  void cursorsPastWhatIsRememberedStillDecodeEachToItsOwnPosition() {
    SeekCursors issuer = new SeekCursors(SECRET);
    int count = SeekCursors.REMEMBERED * 3;
    List<String> cursors = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      cursors.add(issue(issuer, "q" + n % 5, position(n)));
    }
    for (int n = 0; n < count; n++) {
      assertThat(issuer.decode(cursors.get(n), "q" + n % 5, KEYS)).isEqualTo(position(n));
    }
  }

  @Test
  void aDecodedPositionCannotBeChangedByItsReader() {
    SeekCursors issuer = new SeekCursors(SECRET);
    String cursor = issue(issuer, "q1", position(5));

    assertThatThrownBy(() -> issuer.decode(cursor, "q1", KEYS).values().set(0, "INV-0"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(issuer.decode(cursor, "q1", KEYS)).isEqualTo(position(5));
  }

  @Test
  void threadsIssuingAndDecodingAtOnceEachGetTheirOwnPositions() throws Exception {
    SeekCursors issuer = new SeekCursors(SECRET);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          int checked = 0;
          for (int i = 0; i < 5_000; i++) {
            int n = thread * 100_000 + i;
            String cursor = issue(issuer, "q" + thread, position(n));
            assertThat(issuer.decode(cursor, "q" + thread, KEYS)).isEqualTo(position(n));
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(5_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
