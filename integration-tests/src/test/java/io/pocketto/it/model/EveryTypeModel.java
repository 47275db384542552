package io.pocketto.it.model;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One field of every type Pocketto stores, scalar and JSON, to prove each round-trips. */
@Model
public abstract class EveryTypeModel {
  /** An enum stored by constant name. */
  public enum Priority { LOW, HIGH }

  protected String text;
  protected boolean flag;
  protected Boolean flagBox;
  protected byte tiny;
  protected Byte tinyBox;
  protected short small;
  protected Short smallBox;
  protected int count;
  protected Integer countBox;
  protected long big;
  protected Long bigBox;
  protected float ratio;
  protected Float ratioBox;
  protected double measure;
  protected Double measureBox;
  protected char letter;
  protected Character letterBox;
  protected BigDecimal amount;
  protected BigDecimal rate;
  protected UUID reference;
  protected Instant happenedAt;
  protected LocalDate dueOn;
  protected LocalDateTime meetingAt;
  protected Priority priority;
  protected List<InvoiceLine> lines;
  protected Set<String> tags;
  protected Map<String, Integer> stock;
  protected Address address;
  protected int[] scores;
}
