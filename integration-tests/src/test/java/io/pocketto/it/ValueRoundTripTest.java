package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.it.model.Address;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.EveryTypeModel.Priority;
import io.pocketto.it.model.InvoiceLine;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every supported field type comes back from the database as it was saved. */
class ValueRoundTripTest extends BackendTest {

  @Test
  void everyScalarTypeRoundTrips() {
    EveryType saved = everyValueSet(backend).save();

    EveryType found = EveryType.find("all").orElseThrow();

    assertThat(found.getText()).isEqualTo("text with ü, 😀 and 'quotes'");
    assertThat(found.isFlag()).isTrue();
    assertThat(found.getFlagBox()).isFalse();
    assertThat(found.getTiny()).isEqualTo(Byte.MIN_VALUE);
    assertThat(found.getTinyBox()).isEqualTo(Byte.MAX_VALUE);
    assertThat(found.getSmall()).isEqualTo(Short.MIN_VALUE);
    assertThat(found.getSmallBox()).isEqualTo(Short.MAX_VALUE);
    assertThat(found.getCount()).isEqualTo(Integer.MIN_VALUE);
    assertThat(found.getCountBox()).isEqualTo(Integer.MAX_VALUE);
    assertThat(found.getBig()).isEqualTo(Long.MIN_VALUE);
    assertThat(found.getBigBox()).isEqualTo(Long.MAX_VALUE);
    assertThat(found.getRatio()).isEqualTo(0.1f);
    assertThat(found.getRatioBox()).isEqualTo(-3.4028235e38f);
    assertThat(found.getMeasure()).isEqualTo(0.1 + 0.2);
    assertThat(found.getMeasureBox()).isEqualTo(Double.MIN_VALUE);
    assertThat(found.getLetter()).isEqualTo('ß');
    assertThat(found.getLetterBox()).isEqualTo('Z');
    assertThat(found.getAmount()).isEqualTo("12345678901234567890.123456789012345678");
    assertThat(found.getRate()).isEqualTo("0.000000000000000000001");
    assertThat(found.getReference()).isEqualTo(UUID.fromString("0190b0f4-1d2c-7abc-8def-0123456789ab"));
    assertThat(found.getHappenedAt()).isEqualTo(HAPPENED_AT.truncatedTo(backend.timePrecision()));
    assertThat(found.getDueOn()).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(found.getMeetingAt()).isEqualTo(MEETING_AT.truncatedTo(backend.timePrecision()));
    assertThat(found.getPriority()).isEqualTo(Priority.HIGH);
    assertThat(found.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(found.isDirty()).isFalse();
  }

  @Test
  void everyJsonKindRoundTrips() {
    everyValueSet(backend).save();

    EveryType found = EveryType.find("all").orElseThrow();

    assertThat(found.getLines()).containsExactly(
        new InvoiceLine("Widget", 3, new BigDecimal("120.00")),
        new InvoiceLine("Gadget", 1, new BigDecimal("0.5")));
    assertThat(found.getTags()).containsExactlyInAnyOrder("b", "a", "c");
    assertThat(found.getStock()).containsExactlyInAnyOrderEntriesOf(Map.of("apples", 3, "pears", -1));
    assertThat(found.getAddress()).isEqualTo(new Address("1 Main St", "Springfield", 2));
    assertThat(found.getScores()).containsExactly(3, 1, 2);
  }

  @Test
  void decimalsInsideJsonKeepTheirScale() {
    everyValueSet(backend).save();

    EveryType found = EveryType.find("all").orElseThrow();

    assertThat(found.getLines().get(0).unitPrice()).isEqualTo(new BigDecimal("120.00"));
  }

  @Test
  void nullValuesRoundTrip() {
    EveryType saved = new EveryType();
    saved.setId("empty");
    saved.save();

    EveryType found = EveryType.find("empty").orElseThrow();

    assertThat(found.getText()).isNull();
    assertThat(found.getFlagBox()).isNull();
    assertThat(found.getTinyBox()).isNull();
    assertThat(found.getSmallBox()).isNull();
    assertThat(found.getCountBox()).isNull();
    assertThat(found.getBigBox()).isNull();
    assertThat(found.getRatioBox()).isNull();
    assertThat(found.getMeasureBox()).isNull();
    assertThat(found.getLetterBox()).isNull();
    assertThat(found.getAmount()).isNull();
    assertThat(found.getRate()).isNull();
    assertThat(found.getReference()).isNull();
    assertThat(found.getHappenedAt()).isNull();
    assertThat(found.getDueOn()).isNull();
    assertThat(found.getMeetingAt()).isNull();
    assertThat(found.getPriority()).isNull();
    assertThat(found.getLines()).isNull();
    assertThat(found.getTags()).isNull();
    assertThat(found.getStock()).isNull();
    assertThat(found.getAddress()).isNull();
    assertThat(found.getScores()).isNull();
    assertThat(found.isFlag()).isFalse();
    assertThat(found.getCount()).isZero();
    assertThat(found.getLetter()).isEqualTo('\0');
    assertThat(found.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(found.isDirty()).isFalse();
  }

  @Test
  void valuesSetBackToNullAreStoredAsNull() {
    everyValueSet(backend).save();
    EveryType record = EveryType.find("all").orElseThrow();

    record.setText(null);
    record.setAmount(null);
    record.setAddress(null);
    record.setLines(null);
    record.save();

    EveryType found = EveryType.find("all").orElseThrow();
    assertThat(found.getText()).isNull();
    assertThat(found.getAmount()).isNull();
    assertThat(found.getAddress()).isNull();
    assertThat(found.getLines()).isNull();
  }

  @Test
  void spaceCharacterRoundTrips() {
    EveryType saved = new EveryType();
    saved.setId("space");
    saved.setLetter(' ');
    saved.setLetterBox(' ');
    saved.save();

    EveryType found = EveryType.find("space").orElseThrow();

    assertThat(found.getLetter()).isEqualTo(' ');
    assertThat(found.getLetterBox()).isEqualTo(' ');
  }

  @Test
  void mutatingANestedPojoInPlaceIsDirty() {
    everyValueSet(backend).save();
    EveryType record = EveryType.find("all").orElseThrow();

    record.getAddress().setFloor(5);

    assertThat(record.meta().dirty()).containsExactly("address");
    assertThat(record.meta().beforeUpdate().get("address")).isEqualTo(new Address("1 Main St", "Springfield", 2));
  }

  @Test
  void mutatingAnArrayInPlaceIsDirty() {
    everyValueSet(backend).save();
    EveryType record = EveryType.find("all").orElseThrow();

    record.getScores()[0] = 99;

    assertThat(record.meta().dirty()).containsExactly("scores");
  }

  @Test
  void toStringShowsAnArrayFieldsElements() {
    assertThat(everyValueSet(backend).toString()).contains("scores=[3, 1, 2]").doesNotContain("[I@");
  }

  @Test
  void recordWithASetIsCleanWhenLoaded() {
    EveryType saved = new EveryType();
    saved.setId("set");
    // Saved in an order a loaded HashSet does not iterate in.
    saved.setTags(new LinkedHashSet<>(List.of("c", "a", "b")));
    saved.save();

    EveryType found = EveryType.find("set").orElseThrow();

    assertThat(found.isDirty()).isFalse();
    assertThat(found.meta().rev()).isEqualTo(saved.meta().rev());
  }

  @Test
  void reorderedSetOrMapIsNotAChange() {
    everyValueSet(backend).save();
    EveryType record = EveryType.find("all").orElseThrow();

    record.setTags(new LinkedHashSet<>(List.of("c", "b", "a")));
    record.setStock(new TreeMap<>(Map.of("pears", -1, "apples", 3)));

    assertThat(record.isDirty()).isFalse();
  }

  @Test
  void renamedEnumConstantInTheDatabaseIsAClearError() {
    SalesInvoice invoice = Invoices.newInvoice("1", "INV-001");
    invoice.setStatus(SalesInvoice.Status.SENT);
    invoice.save();
    execute(db, "UPDATE \"sales_invoices\" SET \"status\" = 'ISSUED' WHERE \"_id\" = '1'");

    assertThatThrownBy(() -> SalesInvoice.find("1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'status'")
        .hasMessageContaining("'ISSUED'")
        .hasMessageContaining("DRAFT")
        .hasMessageContaining("SENT")
        .hasMessageContaining("PAID");
  }

  /** The instant of {@link #everyValueSet}, to nanoseconds; a backend keeps it to its {@link Backend#timePrecision()}. */
  static final Instant HAPPENED_AT = Instant.parse("2024-02-29T23:59:59.123456789Z");
  /** The date-time of {@link #everyValueSet}, to nanoseconds. */
  static final LocalDateTime MEETING_AT = LocalDateTime.of(2024, 2, 29, 9, 30, 15, 987654321);

  /** A record named {@code all} with a non-default value in every field, times as precise as {@code backend} keeps them. */
  static EveryType everyValueSet(Backend backend) {
    EveryType r = new EveryType();
    r.setId("all");
    r.setText("text with ü, 😀 and 'quotes'");
    r.setFlag(true);
    r.setFlagBox(false);
    r.setTiny(Byte.MIN_VALUE);
    r.setTinyBox(Byte.MAX_VALUE);
    r.setSmall(Short.MIN_VALUE);
    r.setSmallBox(Short.MAX_VALUE);
    r.setCount(Integer.MIN_VALUE);
    r.setCountBox(Integer.MAX_VALUE);
    r.setBig(Long.MIN_VALUE);
    r.setBigBox(Long.MAX_VALUE);
    r.setRatio(0.1f);
    r.setRatioBox(-3.4028235e38f);
    r.setMeasure(0.1 + 0.2);
    r.setMeasureBox(Double.MIN_VALUE);
    r.setLetter('ß');
    r.setLetterBox('Z');
    r.setAmount(new BigDecimal("12345678901234567890.123456789012345678"));
    r.setRate(new BigDecimal("0.000000000000000000001"));
    r.setReference(UUID.fromString("0190b0f4-1d2c-7abc-8def-0123456789ab"));
    r.setHappenedAt(HAPPENED_AT.truncatedTo(backend.timePrecision()));
    r.setDueOn(LocalDate.of(2024, 2, 29));
    r.setMeetingAt(MEETING_AT.truncatedTo(backend.timePrecision()));
    r.setPriority(Priority.HIGH);
    r.setLines(List.of(
        new InvoiceLine("Widget", 3, new BigDecimal("120.00")),
        new InvoiceLine("Gadget", 1, new BigDecimal("0.5"))));
    r.setTags(Set.of("a", "b", "c"));
    r.setStock(Map.of("apples", 3, "pears", -1));
    r.setAddress(new Address("1 Main St", "Springfield", 2));
    r.setScores(new int[] {3, 1, 2});
    return r;
  }
}
