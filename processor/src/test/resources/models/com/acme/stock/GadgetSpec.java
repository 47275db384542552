package com.acme.stock;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/** Every scalar kind, a JSON map, and explicit names (the class does not end in Model). */
@Model(name = "Gadget", collection = "gadget_stock")
public abstract class GadgetSpec {
  protected boolean active;
  protected Boolean featured;
  protected byte level;
  protected Byte levelOverride;
  protected short shelf;
  protected Short shelfOverride;
  protected int quantity;
  protected Integer reorderAt;
  protected long weightGrams;
  protected Long barcode;
  protected float rating;
  protected Float discount;
  protected double price;
  protected Double listPrice;
  protected char grade;
  protected Character sizeCode;
  protected String name;
  protected BigDecimal cost;
  protected UUID supplierId;
  protected Instant receivedAt;
  protected LocalDate bestBefore;
  protected LocalDateTime lastCountedAt;
  protected Map<String, Integer> stockByWarehouse;
}
