package io.pocketto.it.reliability;

import io.pocketto.Model;

/** A document many writers change at once: each accepted write adds one to {@code count}. */
@Model
public abstract class TallyModel {
  protected long count;
  protected String writer;
  protected String note;
}
