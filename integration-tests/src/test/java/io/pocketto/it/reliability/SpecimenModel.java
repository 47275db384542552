package io.pocketto.it.reliability;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One field of every kind a model can store, to feed hostile values through. */
@Model
public abstract class SpecimenModel {
  protected String text;
  protected Character letter;
  protected Double real;
  protected Float single;
  protected BigDecimal amount;
  protected Instant at;
  protected LocalDateTime localAt;
  protected LocalDate day;
  protected UUID ref;
  protected List<String> tags;
  protected Map<String, Double> readings;
}
