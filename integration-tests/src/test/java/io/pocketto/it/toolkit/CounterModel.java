package io.pocketto.it.toolkit;

import io.pocketto.Model;

/** A document many writers increment at once. */
@Model
public abstract class CounterModel {
  protected long value;
  protected String label;
}
