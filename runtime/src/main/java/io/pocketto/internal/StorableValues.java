package io.pocketto.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The check every write makes before it hashes or binds anything: a value that a database would
 * change, or that has no revision, is refused with an error naming the field, and nothing is written.
 */
final class StorableValues {
  /** Every instant is bound as an {@link java.time.OffsetDateTime} in UTC, so it must fit one. */
  private static final Instant MIN_INSTANT = LocalDateTime.MIN.toInstant(ZoneOffset.UTC);
  private static final Instant MAX_INSTANT = LocalDateTime.MAX.toInstant(ZoneOffset.UTC);

  private StorableValues() {}

  /**
   * Checks a record's stored-form values for {@code dialect}.
   *
   * @throws IllegalArgumentException for the first value that cannot be stored as it is
   */
  static void check(ModelBinding<?> binding, Object[] stored, Dialect dialect) {
    List<FieldSpec> fields = binding.fields();
    for (int i = 0; i < stored.length; i++) {
      Object value = stored[i];
      if (value == null) {
        continue;
      }
      FieldSpec field = fields.get(i);
      switch (field.type()) {
        // A revision hashes the UTF-8 bytes of the body, and an unpaired surrogate has none: encoders
        // write '?' instead (PostgreSQL's driver does), so it could never be read back as written.
        case STRING, JSON -> checkWellFormed(binding, field, (String) value);
        case CHAR -> {
          if (Character.isSurrogate((Character) value)) {
            throw unpaired(binding, field, 0);
          }
        }
        case INSTANT -> {
          Instant instant = (Instant) value;
          if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            throw new IllegalArgumentException(binding.modelName() + " field '" + field.name() + "' holds the instant "
                + instant + ", which no database timestamp holds; the range is " + MIN_INSTANT + " to " + MAX_INSTANT);
          }
        }
        case DECIMAL -> {
          if (field.precision() > 0) {
            checkDeclaredDecimal(binding, field, (BigDecimal) value);
          }
        }
        default -> {
          // Checked by the dialect alone.
        }
      }
      dialect.checkStorable(binding.modelName(), field, value);
    }
  }

  /** A {@code NUMERIC(p, s)} column would round or pad any other scale, and overflow past its digits. */
  private static void checkDeclaredDecimal(ModelBinding<?> binding, FieldSpec field, BigDecimal value) {
    String declared = "@Decimal(precision = " + field.precision() + ", scale = " + field.scale() + ")";
    if (value.scale() != field.scale()) {
      throw new IllegalArgumentException(binding.modelName() + " field '" + field.name() + "' holds " + value
          + " with scale " + value.scale() + ", but its column is " + declared + " and would store it as a different"
          + " value; use setScale(" + field.scale() + ") with the rounding you want");
    }
    long integerDigits = Math.max((long) value.precision() - value.scale(), 0);
    if (integerDigits > field.precision() - field.scale()) {
      throw new IllegalArgumentException(binding.modelName() + " field '" + field.name() + "' holds " + value
          + " with " + integerDigits + " digits before the point, but its column is " + declared + " and holds at most "
          + (field.precision() - field.scale()));
    }
  }

  private static void checkWellFormed(ModelBinding<?> binding, FieldSpec field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw unpaired(binding, field, i);
      }
    }
  }

  private static IllegalArgumentException unpaired(ModelBinding<?> binding, FieldSpec field, int index) {
    return new IllegalArgumentException(binding.modelName() + " field '" + field.name()
        + "' holds an unpaired UTF-16 surrogate at index " + index
        + "; it is not valid Unicode, has no UTF-8 form and cannot be stored");
  }
}
