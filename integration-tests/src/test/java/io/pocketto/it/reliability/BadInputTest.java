package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Revision;
import io.pocketto.it.Backend;
import io.pocketto.internal.RevisionHasher;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile values: each one comes back exactly as saved, with a row whose revision still matches its
 * body, or is refused with an {@link IllegalArgumentException} that names the field, before anything
 * is written. Never a silent change.
 */
@EnumSource
class BadInputTest extends ReliabilityTest {
  private static final int ONE_MB = 1 << 20;
  private static final String SQL_METACHARACTERS = "'; DROP TABLE \"specimens\"; -- \\ % _ ? $1 $$ \" ` /* */ \n\t\r";

  private Database db;
  private int ids;

  @BeforeEach
  void openDatabase() {
    db = open();
  }

  // ---- strings ----

  @Test
  void emptyStringIsKeptDistinctFromNull() {
    assertRoundTrip(s -> s.setText(""), Specimen::getText);
  }

  @Test
  void oneMegabyteStringRoundTripsWithoutTruncation() {
    String big = "x".repeat(ONE_MB - 1) + "!";
    Specimen found = assertRoundTrip(s -> s.setText(big), Specimen::getText);
    assertThat(found.getText()).hasSize(ONE_MB).endsWith("!");
  }

  @Test
  void oneMegabyteOfFourByteCharactersRoundTrips() {
    String emoji = "😀".repeat(ONE_MB / 4);
    assertRoundTrip(s -> s.setText(emoji), Specimen::getText);
  }

  @Test
  void unicodeFromEveryPlaneRoundTrips() {
    String text = "ü ß ñ Ω Ж 中文 日本語 한국어 עברית العربية 😀 𝄞 \u200b\u200d \ufeff \ufffd \uffff \ud800\udc00 \udbff\udfff";
    assertRoundTrip(s -> s.setText(text), Specimen::getText);
  }

  @Test
  void sqlMetacharactersAreStoredAsPlainText() {
    assertRoundTrip(s -> s.setText(SQL_METACHARACTERS), Specimen::getText);
    assertRoundTrip(s -> s.setTags(List.of(SQL_METACHARACTERS, "\\u0000", "\"quoted\"")), Specimen::getTags);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00b", "end\ud83d", "\udc00\ud800"})
  void unpairedSurrogatesAreRefusedEverywhere(String text) {
    assertRefused(s -> s.setText(text), "'text'", "unpaired UTF-16 surrogate");
    assertRefused(s -> s.setTags(List.of("ok", text)), "'tags'", "unpaired UTF-16 surrogate");
    char surrogate = (char) text.chars().filter(c -> Character.isSurrogate((char) c)).findFirst().orElseThrow();
    assertRefused(s -> s.setLetter(surrogate), "'letter'", "unpaired UTF-16 surrogate");
  }

  @Test
  void nulIsKeptWhereTheDatabaseCanHoldItAndRefusedWhereItCannot() {
    if (backend == Backend.POSTGRES) {
      assertRefused(s -> s.setText("a\u0000b"), "'text'", "NUL character at index 1");
      assertRefused(s -> s.setTags(List.of("a\u0000b")), "'tags'", "NUL");
      assertRefused(s -> s.setLetter('\0'), "'letter'", "NUL");
    } else {
      assertRoundTrip(s -> s.setText("a\u0000b"), Specimen::getText);
      assertRoundTrip(s -> s.setTags(List.of("a\u0000b")), Specimen::getTags);
      assertRoundTrip(s -> s.setLetter('\0'), Specimen::getLetter);
    }
  }

  @Test
  void jsonFieldOfOneMegabyteRoundTrips() {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < ONE_MB / 16; i++) {
      tags.add("tag-" + i + "-" + SQL_METACHARACTERS.charAt(i % SQL_METACHARACTERS.length()));
    }
    assertRoundTrip(s -> s.setTags(tags), Specimen::getTags);
  }

  @Test
  void aRefusedUpdateLeavesTheStoredDocumentAndTheRecordAsTheyWere() {
    Specimen s = new Specimen();
    s.setId("kept");
    s.setText("before");
    s.saveTo(db);
    String rev = s.meta().rev();

    s.setText("bad \ud800");
    assertThatThrownBy(() -> s.saveTo(db)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'text'");

    assertThat(s.meta().rev()).isEqualTo(rev);
    assertThat(s.isDirty("text")).isTrue();
    Specimen stored = Specimen.in(db).find("kept").orElseThrow();
    assertThat(stored.getText()).isEqualTo("before");
    assertThat(stored.meta().rev()).isEqualTo(rev);
  }

  // ---- ids ----

  @ParameterizedTest
  @ValueSource(strings = {SQL_METACHARACTERS, "😀-id", "ü/ß?x=1&y=%20", " leading and trailing ", "\\", "'", "%", "_"})
  void unusualIdsAreStoredAsGiven(String id) {
    Specimen s = new Specimen();
    s.setId(id);
    s.setText(id);
    s.saveTo(db);

    assertThat(Specimen.in(db).find(id).orElseThrow().getText()).isEqualTo(id);
    assertThat(Specimen.in(db).all()).extracting(Specimen::getId).containsExactly(id);
  }

  @Test
  void longestIdOfFourByteCharactersIsStored() {
    String id = "😀".repeat(127) + "x";
    Specimen s = new Specimen();
    s.setId(id);
    s.saveTo(db);

    assertThat(Specimen.in(db).find(id)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a\u0000b", "\ud800"})
  void invalidIdsAreRefusedBeforeAnythingIsWritten(String id) {
    Specimen s = new Specimen();
    assertThatThrownBy(() -> s.setId(id)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> s.setId("x".repeat(ONE_MB))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum is 255");
    assertThat(Specimen.in(db).count()).isZero();
  }

  // ---- numbers ----

  @Test
  void nanAndInfinitiesRoundTripInNumberColumnsAndJson() {
    for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE}) {
      assertRoundTrip(s -> s.setReal(d), Specimen::getReal);
      assertRoundTrip(s -> s.setReadings(Map.of("v", d)), Specimen::getReadings);
    }
    for (float f : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
        Float.MAX_VALUE}) {
      assertRoundTrip(s -> s.setSingle(f), Specimen::getSingle);
    }
  }

  @Test
  void negativeZeroComesBackWithARowThatStillMatchesItsRevision() {
    Specimen s = saveNew(x -> x.setReal(-0.0));
    Specimen found = Specimen.in(db).find(s.getId()).orElseThrow();

    // PostgreSQL keeps the sign; H2 does not. The revision hashes both as 0.0, so it matches either way.
    assertThat(found.getReal()).isEqualTo(backend == Backend.POSTGRES ? -0.0 : 0.0);
    assertThat(found.meta().rev()).isEqualTo(s.meta().rev());
    assertThat(RevisionHasher.revisionOf(Specimen.BINDING, found, null)).isEqualTo(found.meta().rev());
    assertThat(found.isDirty()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0.000", "360.00", "1E+3", "1E-30", "-123456789012345678901234567890.123456789012345678901234567890",
      "0.000000000000000000000000000000000000000000000000000000000000000000001"})
  void decimalsRoundTripByValue(String value) {
    BigDecimal d = new BigDecimal(value);
    Specimen found = assertRoundTrip(s -> s.setAmount(d), Specimen::getAmount);
    // Every engine keeps the scale; only a negative one (1E+3) comes back in plain notation (1000).
    assertThat(found.getAmount().scale()).isEqualTo(Math.max(d.scale(), 0));
  }

  @Test
  void decimalsWithAThousandDigitsRoundTrip() {
    BigDecimal d = new BigDecimal("9".repeat(600) + "." + "1".repeat(400));
    assertRoundTrip(s -> s.setAmount(d), Specimen::getAmount);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1E+200000", "1E-200000", "-1E+200000"})
  void decimalsBeyondEveryDatabasesRangeAreRefused(String value) {
    assertRefused(s -> s.setAmount(new BigDecimal(value)), "'amount'", "digits");
  }

  @Test
  void decimalsAtPostgresLimitsAreKeptOrRefusedNeverRounded() {
    // PostgreSQL's driver sends numbers past numeric's range as 0: here they must be kept or refused.
    for (String value : new String[] {"1E+131071", "1E+131072", "1E-16383", "1E-16384", "1.5E-16383"}) {
      BigDecimal d = new BigDecimal(value);
      Specimen s = new Specimen();
      s.setId("limit-" + ids++);
      s.setAmount(d);
      try {
        s.saveTo(db);
      } catch (IllegalArgumentException refused) {
        assertThat(refused).hasMessageContaining("'amount'");
        assertThat(Specimen.in(db).find(s.getId())).isEmpty();
        continue;
      }
      Specimen found = Specimen.in(db).find(s.getId()).orElseThrow();
      assertThat(found.getAmount()).as(value).isEqualByComparingTo(d);
    }
  }

  // ---- times ----

  @Test
  void instantsOutsideWhatAnyDatabaseHoldsAreRefused() {
    assertRefused(s -> s.setAt(Instant.MAX), "'at'", "no database timestamp holds");
    assertRefused(s -> s.setAt(Instant.MIN), "'at'", "no database timestamp holds");
  }

  @Test
  void nanosecondsAreKeptWhereTheDatabaseHoldsThemAndRefusedWhereItWouldRound() {
    Instant nanos = Instant.parse("2024-02-29T23:59:59.123456789Z");
    LocalDateTime localNanos = LocalDateTime.parse("2024-02-29T23:59:59.123456789");
    if (backend == Backend.POSTGRES) {
      assertRefused(s -> s.setAt(nanos), "'at'", "truncatedTo(ChronoUnit.MICROS)");
      assertRefused(s -> s.setLocalAt(localNanos), "'localAt'", "microseconds");
      assertRoundTrip(s -> s.setAt(Instant.parse("2024-02-29T23:59:59.123456Z")), Specimen::getAt);
    } else {
      assertRoundTrip(s -> s.setAt(nanos), Specimen::getAt);
      assertRoundTrip(s -> s.setLocalAt(localNanos), Specimen::getLocalAt);
    }
  }

  @Test
  void extremeTimesAreKeptOrRefusedNeverShifted() {
    List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("1582-10-10T00:00:00Z"),
        Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-4712-01-01T00:00:00Z"),
        Instant.parse("-4713-06-01T00:00:00Z"), Instant.parse("+294276-12-31T23:59:59.999999Z"),
        Instant.parse("+294277-01-01T00:00:00Z"), LocalDateTime.MAX.toInstant(ZoneOffset.UTC),
        LocalDateTime.MIN.toInstant(ZoneOffset.UTC), OffsetDateTime.MAX.toInstant());
    for (Instant at : instants) {
      keptOrRefused(s -> s.setAt(at), Specimen::getAt, "'at'");
    }
    for (LocalDateTime at : List.of(LocalDateTime.MIN, LocalDateTime.MAX.withNano(0),
        LocalDateTime.parse("-4713-06-01T00:00:00"), LocalDateTime.parse("+294277-01-01T00:00:00"))) {
      keptOrRefused(s -> s.setLocalAt(at), Specimen::getLocalAt, "'localAt'");
    }
    for (LocalDate day : List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.parse("-4713-06-01"),
        LocalDate.parse("+5874897-12-31"), LocalDate.parse("+5874898-01-01"))) {
      keptOrRefused(s -> s.setDay(day), Specimen::getDay, "'day'");
    }
    if (backend == Backend.POSTGRES) {
      assertThat(Specimen.in(db).all()).extracting(Specimen::getAt).doesNotContain(Instant.parse("-4713-06-01T00:00:00Z"));
    }
  }

  // ---- revisions ----

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1", "1-", "-1-0123456789abcdef0123456789abcdef", "0-0123456789abcdef0123456789abcdef",
      "01-0123456789abcdef0123456789abcdef", "1-0123456789ABCDEF0123456789ABCDEF", "1-0123456789abcdef0123456789abcde",
      "1-0123456789abcdef0123456789abcdef0", " 1-0123456789abcdef0123456789abcdef", "1-0123456789abcdef0123456789abcdef\n",
      "1_0123456789abcdef0123456789abcdef", "١-0123456789abcdef0123456789abcdef", "1-0123456789abcdef0123456789abcdeg",
      "1234567890123456789-0123456789abcdef0123456789abcdef", "99999999999999999999-0123456789abcdef0123456789abcdef",
      "1-'; DROP TABLE \"specimens\"; --", "1-\u0000123456789abcdef0123456789abcdef", "1-\ud800123456789abcdef0123456789abcdef"})
  void malformedRevisionsAreRefusedByEveryApiThatTakesOne(String text) {
    assertThat(Revision.isValid(text)).isFalse();
    assertThatThrownBy(() -> Revision.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid revision");
    assertThatThrownBy(() -> RevisionHasher.next(text, false, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void revisionPartsAreRefusedOutOfRange() {
    assertThat(Revision.isValid(null)).isFalse();
    assertThatThrownBy(() -> Revision.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Revision(0, "0123456789abcdef0123456789abcdef")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Revision(-1, "0123456789abcdef0123456789abcdef")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Revision(1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Revision(1, "0123456789ABCDEF0123456789ABCDEF")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Revision(1, "0123456789abcdef0123456789abcdef\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Revision(1, "'; DROP TABLE x; --")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Revision.parse("1-" + "a".repeat(ONE_MB))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("...");
    assertThat(Revision.parse("123456789012345678-0123456789abcdef0123456789abcdef").height()).isEqualTo(123456789012345678L);
  }

  // ---- helpers ----

  private Specimen saveNew(Consumer<Specimen> set) {
    Specimen s = new Specimen();
    s.setId("specimen-" + ids++);
    s.setRef(UUID.randomUUID());
    set.accept(s);
    return s.saveTo(db);
  }

  /** Saves a new specimen, reads it back, and checks the value, the revision and that the row is whole. */
  private Specimen assertRoundTrip(Consumer<Specimen> set, Function<Specimen, Object> get) {
    Specimen saved = saveNew(set);
    Specimen found = Specimen.in(db).find(saved.getId()).orElseThrow();
    Object expected = get.apply(saved);
    if (expected instanceof BigDecimal d) {
      assertThat((BigDecimal) get.apply(found)).isEqualByComparingTo(d);
    } else {
      assertThat(get.apply(found)).isEqualTo(expected);
    }
    assertThat(found.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(RevisionHasher.revisionOf(Specimen.BINDING, found, null)).as("the stored row matches its revision")
        .isEqualTo(found.meta().rev());
    assertThat(found.isDirty()).isFalse();
    return found;
  }

  /** Checks that saving a new specimen is refused, naming the field and the problem, and writes nothing. */
  private void assertRefused(Consumer<Specimen> set, String... messageParts) {
    Specimen s = new Specimen();
    s.setId("refused-" + ids++);
    set.accept(s);
    assertThatThrownBy(() -> s.saveTo(db)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(messageParts);
    assertThat(s.meta().rev()).isNull();
    assertThat(Specimen.in(db).find(s.getId())).isEmpty();
  }

  /** Either a faithful round trip or a refusal naming the field; both leave a consistent database. */
  private void keptOrRefused(Consumer<Specimen> set, Function<Specimen, Object> get, String field) {
    Specimen s = new Specimen();
    s.setId("extreme-" + ids++);
    set.accept(s);
    try {
      s.saveTo(db);
    } catch (IllegalArgumentException refused) {
      assertThat(refused).hasMessageContaining(field);
      assertThat(Specimen.in(db).find(s.getId())).isEmpty();
      return;
    }
    Specimen found = Specimen.in(db).find(s.getId()).orElseThrow();
    assertThat(get.apply(found)).as("%s of %s", field, get.apply(s)).isEqualTo(get.apply(s));
    assertThat(RevisionHasher.revisionOf(Specimen.BINDING, found, null)).isEqualTo(found.meta().rev());
  }
}
