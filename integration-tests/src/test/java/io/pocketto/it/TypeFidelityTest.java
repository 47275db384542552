package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.RevisionHasher;
import io.pocketto.it.model.RichTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every JDK value type with a column of its own comes back {@code equals} to what was saved, zone and
 * scale included, on every backend, and the stored row still matches its revision.
 */
class TypeFidelityTest extends BackendTest {
  static final ZonedDateTime SINGAPORE = ZonedDateTime.of(2026, 12, 4, 10, 15, 30, 123_456_789, ZoneId.of("Asia/Singapore"));
  static final byte[] BYTES = {0, -1, 127, -128, 10};

  private RichTypes everyValueSet() {
    RichTypes r = new RichTypes();
    r.setId("all");
    r.setZoned(SINGAPORE);
    r.setOffsetDateTime(OffsetDateTime.of(2026, 12, 4, 10, 15, 30, 123_456_789, ZoneOffset.ofHoursMinutes(5, 45)));
    r.setOffsetTime(OffsetTime.of(23, 59, 59, 1, ZoneOffset.ofHours(-3)));
    r.setLocalTime(LocalTime.of(23, 59, 59, 999_999_999).truncatedTo(backend.timePrecision()));
    r.setDuration(Duration.ofSeconds(-5, 123_456_789));
    r.setPeriod(Period.of(1, -2, 40));
    r.setYear(Year.of(-44));
    r.setYearMonth(YearMonth.of(2024, 2));
    r.setMonthDay(MonthDay.of(2, 29));
    r.setZone(ZoneId.of("America/St_Johns"));
    r.setOffset(ZoneOffset.ofHoursMinutes(-9, -30));
    r.setUri(URI.create("https://example.com/a%20b/%C3%BC?q=1&r=%26#frag"));
    r.setCurrency(Currency.getInstance("SGD"));
    r.setBytes(BYTES.clone());
    r.setBigInteger(new BigInteger("-123456789012345678901234567890123456789"));
    r.setAmount(new BigDecimal("19.90"));
    r.setPrice(new BigDecimal("19.90"));
    r.setMeetings(List.of(SINGAPORE));
    r.setReadings(List.of(1.5, 2.25));
    return r;
  }

  private RichTypes roundTrip(RichTypes saved) {
    saved.save();
    RichTypes found = RichTypes.find(saved.getId()).orElseThrow();
    assertThat(found.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(RevisionHasher.revisionOf(RichTypes.BINDING, found, null)).as("the stored row matches its revision")
        .isEqualTo(found.meta().rev());
    assertThat(found.isDirty()).isFalse();
    return found;
  }

  @Test
  void everyValueTypeComesBackEqual() {
    RichTypes saved = everyValueSet();

    RichTypes found = roundTrip(saved);

    assertThat(found.getZoned()).isEqualTo(SINGAPORE);
    assertThat(found.getZoned().getZone()).isEqualTo(ZoneId.of("Asia/Singapore"));
    assertThat(found.getOffsetDateTime()).isEqualTo(saved.getOffsetDateTime());
    assertThat(found.getOffsetTime()).isEqualTo(saved.getOffsetTime());
    assertThat(found.getLocalTime()).isEqualTo(saved.getLocalTime());
    assertThat(found.getDuration()).isEqualTo(Duration.ofSeconds(-5, 123_456_789));
    assertThat(found.getPeriod()).isEqualTo(Period.of(1, -2, 40));
    assertThat(found.getYear()).isEqualTo(Year.of(-44));
    assertThat(found.getYearMonth()).isEqualTo(YearMonth.of(2024, 2));
    assertThat(found.getMonthDay()).isEqualTo(MonthDay.of(2, 29));
    assertThat(found.getZone()).isEqualTo(ZoneId.of("America/St_Johns"));
    assertThat(found.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-9, -30));
    assertThat(found.getUri()).isEqualTo(saved.getUri());
    assertThat(found.getCurrency()).isEqualTo(Currency.getInstance("SGD"));
    assertThat(found.getBytes()).containsExactly(BYTES);
    assertThat(found.getBigInteger()).isEqualTo(new BigInteger("-123456789012345678901234567890123456789"));
    assertThat(found.getAmount()).isEqualTo(new BigDecimal("19.90"));
    assertThat(found.getPrice()).isEqualTo(new BigDecimal("19.90"));
    assertThat(found.getMeetings()).containsExactly(SINGAPORE);
    assertThat(found.getMeetings().get(0).getZone()).isEqualTo(ZoneId.of("Asia/Singapore"));
  }

  @Test
  void valueTypesInsideJsonComeBackEqual() {
    OffsetDateTime deadline = OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 987_654_321, ZoneOffset.ofHours(14));
    RichTypes saved = new RichTypes();
    saved.setLaps(List.of(Duration.ofSeconds(-5, 123_456_789), Duration.ofDays(400)));
    saved.setDeadlines(Map.of("end", deadline));
    saved.setMeetings(List.of(SINGAPORE));

    RichTypes found = roundTrip(saved);

    assertThat(found.getLaps()).containsExactly(Duration.ofSeconds(-5, 123_456_789), Duration.ofDays(400));
    assertThat(found.getDeadlines()).containsExactlyEntriesOf(Map.of("end", deadline));
    assertThat(found.getMeetings()).containsExactly(SINGAPORE);
  }

  @Test
  void nullValuesComeBackNull() {
    RichTypes saved = new RichTypes();
    saved.setId("empty");

    RichTypes found = roundTrip(saved);

    assertThat(found.getZoned()).isNull();
    assertThat(found.getDuration()).isNull();
    assertThat(found.getYear()).isNull();
    assertThat(found.getBytes()).isNull();
    assertThat(found.getAmount()).isNull();
    assertThat(found.getPrice()).isNull();
  }

  @Test
  void theLaterOffsetOfAnAmbiguousLocalTimeIsKept() {
    ZonedDateTime later = LocalDateTime.of(2026, 11, 1, 1, 30).atZone(ZoneId.of("America/New_York")).withLaterOffsetAtOverlap();
    RichTypes saved = new RichTypes();
    saved.setId("overlap");
    saved.setZoned(later);

    RichTypes found = roundTrip(saved);

    assertThat(found.getZoned()).isEqualTo(later);
    assertThat(found.getZoned().getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
  }

  @Test
  void extremeDurationsComeBackEqual() {
    for (Duration d : List.of(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE),
        Duration.ZERO, Duration.ofNanos(-1))) {
      RichTypes saved = new RichTypes();
      saved.setDuration(d);

      assertThat(roundTrip(saved).getDuration()).isEqualTo(d);
    }
  }

  @Test
  void aTimeWithNanosecondsIsKeptOrRefusedNeverTruncated() {
    RichTypes r = new RichTypes();
    r.setId("t");
    r.setLocalTime(LocalTime.of(12, 0, 0, 1));

    if (backend == Backend.POSTGRES) {
      assertThatThrownBy(r::save).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("field 'localTime'").hasMessageContaining("truncatedTo(ChronoUnit.MICROS)");
      assertThat(RichTypes.find("t")).isEmpty();
    } else {
      assertThat(roundTrip(r).getLocalTime()).isEqualTo(LocalTime.of(12, 0, 0, 1));
    }
  }

  @Test
  void aMonthOutsidePostgresDatesIsKeptOrRefused() {
    RichTypes r = new RichTypes();
    r.setId("m");
    r.setYearMonth(YearMonth.of(-5000, 1));

    if (backend == Backend.POSTGRES) {
      assertThatThrownBy(r::save).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("field 'yearMonth'");
      assertThat(RichTypes.find("m")).isEmpty();
    } else {
      assertThat(roundTrip(r).getYearMonth()).isEqualTo(YearMonth.of(-5000, 1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"19.90", "360.00", "0.000", "-0.50", "1E-30", "100", "12345678901234567890.123456789012345678000"})
  void decimalsKeepTheirScale(String value) {
    RichTypes saved = new RichTypes();
    saved.setAmount(new BigDecimal(value));

    RichTypes found = roundTrip(saved);

    assertThat(found.getAmount()).isEqualTo(new BigDecimal(value));
    assertThat(found.getAmount().scale()).isEqualTo(new BigDecimal(value).scale());
  }

  @Test
  void aDeclaredScaleRefusesAValueOfAnotherScaleBeforeWriting() {
    RichTypes r = new RichTypes();
    r.setId("p");
    r.setPrice(new BigDecimal("19.9"));

    assertThatThrownBy(r::save).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RichTypes field 'price' holds 19.9 with scale 1, but its column is @Decimal(precision = 8,"
            + " scale = 2) and would store it as a different value; use setScale(2) with the rounding you want");
    assertThat(RichTypes.find("p")).isEmpty();
    assertThat(r.meta().rev()).isNull();
  }

  @Test
  void aDeclaredPrecisionRefusesTooManyDigitsBeforeWriting() {
    RichTypes r = new RichTypes();
    r.setId("p");
    r.setPrice(new BigDecimal("1234567.00"));

    assertThatThrownBy(r::save).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RichTypes field 'price' holds 1234567.00 with 7 digits before the point, but its column is"
            + " @Decimal(precision = 8, scale = 2) and holds at most 6");
    assertThat(RichTypes.find("p")).isEmpty();
  }

  @Test
  void aDeclaredDecimalAtItsLimitIsStored() {
    RichTypes saved = new RichTypes();
    saved.setPrice(new BigDecimal("-999999.99"));

    assertThat(roundTrip(saved).getPrice()).isEqualTo(new BigDecimal("-999999.99"));
  }

  @Test
  void negativeZeroInsideJsonMatchesItsRevisionOnEveryEngine() {
    RichTypes saved = new RichTypes();
    saved.setReadings(List.of(-0.0, 1.5));

    RichTypes found = roundTrip(saved);

    // Canonical JSON writes -0.0 as 0.0, which is what PostgreSQL's jsonb would make of it anyway.
    assertThat(found.getReadings()).containsExactly(0.0, 1.5);
    found.setReadings(List.of(0.0, 1.5));
    assertThat(found.isDirty()).isFalse();
  }

  @Test
  void bytesAreComparedByContent() {
    everyValueSet().save();
    RichTypes found = RichTypes.find("all").orElseThrow();

    found.setBytes(BYTES.clone());
    assertThat(found.isDirty()).isFalse();

    found.getBytes()[0] = 42;
    assertThat(found.meta().dirty()).containsExactly("bytes");
    assertThat((byte[]) found.meta().beforeUpdate().get("bytes")).containsExactly(BYTES);
  }

  @Test
  void bytesMutatedInPlaceAfterASaveAreDirty() {
    RichTypes r = everyValueSet();
    r.save();

    r.getBytes()[1] = 1;

    assertThat(r.meta().dirty()).containsExactly("bytes");
    r.save();
    assertThat(RichTypes.find("all").orElseThrow().getBytes()).containsExactly(0, 1, 127, -128, 10);
  }

  @Test
  void toStringAndToJsonShowBytesAndZonesByValue() {
    RichTypes r = everyValueSet();

    String base64 = Base64.getEncoder().encodeToString(BYTES);
    assertThat(r.toString()).contains("bytes=" + base64).doesNotContain("[B@")
        .contains("zoned=2026-12-04T10:15:30.123456789+08:00[Asia/Singapore]");
    assertThat(r.toJson()).contains("\"bytes\":\"" + base64 + "\"")
        .contains("\"zoned\":\"2026-12-04T10:15:30.123456789+08:00[Asia/Singapore]\"")
        .contains("\"duration\":\"PT-4.876543211S\"");
  }

  @Test
  void durationsCompareAsLengthsOfTime() {
    for (int minutes : new int[] {90, 5, 30}) {
      RichTypes r = new RichTypes();
      r.setId("m" + minutes);
      r.setDuration(Duration.ofMinutes(minutes));
      r.save();
    }

    assertThat(RichTypes.query().where(RichTypes.DURATION.gt(Duration.ofMinutes(10)))
        .orderBy(RichTypes.DURATION.asc()).list())
        .extracting(RichTypes::getId).containsExactly("m30", "m90");
  }

  @Test
  void decimalsSortAndMatchByValue() {
    for (String amount : new String[] {"100", "20.50", "9", "-3.0"}) {
      RichTypes r = new RichTypes();
      r.setId("a" + amount);
      r.setAmount(new BigDecimal(amount));
      r.save();
    }

    assertThat(RichTypes.query().orderBy(RichTypes.AMOUNT.asc()).list()).extracting(RichTypes::getId)
        .containsExactly("a-3.0", "a9", "a20.50", "a100");
    assertThat(RichTypes.query().where(RichTypes.AMOUNT.gt(new BigDecimal("10"))).orderBy(RichTypes.AMOUNT.desc())
        .list()).extracting(RichTypes::getId).containsExactly("a100", "a20.50");
    assertThat(RichTypes.query().where(RichTypes.AMOUNT.eq(new BigDecimal("20.5"))).list())
        .extracting(RichTypes::getId).containsExactly("a20.50");
    assertThat(RichTypes.query().where(RichTypes.AMOUNT.in(new BigDecimal("9.00"), new BigDecimal("-3"))).list())
        .extracting(RichTypes::getId).containsExactlyInAnyOrder("a9", "a-3.0");
  }

  @Test
  void zonedDateTimesAndBytesMatchByEquality() {
    everyValueSet().save();
    RichTypes other = new RichTypes();
    other.setId("other");
    other.setZoned(SINGAPORE.withZoneSameInstant(ZoneOffset.ofHours(8)));
    other.setBytes(new byte[] {1});
    other.save();

    assertThat(RichTypes.query().where(RichTypes.ZONED.eq(SINGAPORE)).list()).extracting(RichTypes::getId)
        .containsExactly("all");
    assertThat(RichTypes.query().where(RichTypes.BYTES.eq(BYTES)).list()).extracting(RichTypes::getId)
        .containsExactly("all");
    assertThat(RichTypes.query().where(RichTypes.CURRENCY.eq(Currency.getInstance("SGD"))).list())
        .extracting(RichTypes::getId).containsExactly("all");
  }
}
