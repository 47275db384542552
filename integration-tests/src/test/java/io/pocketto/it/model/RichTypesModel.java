package io.pocketto.it.model;

import io.pocketto.Decimal;
import io.pocketto.Model;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
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
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** One field of each JDK value type with a column of its own, and decimals with and without a declared scale. */
@Model
public abstract class RichTypesModel {
  protected ZonedDateTime zoned;
  protected OffsetDateTime offsetDateTime;
  protected OffsetTime offsetTime;
  protected LocalTime localTime;
  protected Duration duration;
  protected Period period;
  protected Year year;
  protected YearMonth yearMonth;
  protected MonthDay monthDay;
  protected ZoneId zone;
  protected ZoneOffset offset;
  protected URI uri;
  protected Currency currency;
  protected byte[] bytes;
  protected BigInteger bigInteger;
  protected BigDecimal amount;
  @Decimal(precision = 8, scale = 2)
  protected BigDecimal price;
  protected List<ZonedDateTime> meetings;
  protected List<Double> readings;
  protected List<Duration> laps;
  protected Map<String, OffsetDateTime> deadlines;
}
