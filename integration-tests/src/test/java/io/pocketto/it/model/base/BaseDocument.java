package io.pocketto.it.model.base;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What several models share, in a package of its own: its protected fields are stored with each model's. */
public abstract class BaseDocument {
  protected String createdBy;
  protected LocalDate createdOn;
  protected List<String> labels = new ArrayList<>();
  /** Not stored: transient. */
  protected transient String scratch;
}
