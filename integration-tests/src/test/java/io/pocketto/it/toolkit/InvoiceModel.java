package io.pocketto.it.toolkit;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The seed's invoice, for the conflict toolkit. */
@Model
public abstract class InvoiceModel {
  /** Where an invoice is. */
  public enum Stage { DRAFT, SENT, PAID }

  protected String number;
  protected String customer;
  protected BigDecimal total;
  protected Stage stage;
  protected List<String> tags = new ArrayList<>();
}
