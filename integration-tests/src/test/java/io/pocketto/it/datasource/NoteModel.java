package io.pocketto.it.datasource;

import io.pocketto.Index;
import io.pocketto.Model;

/** A small model for the DataSource tests; the generated class is {@code Note}. */
@Model(collection = "notes")
public abstract class NoteModel {
  @Index
  protected String author;
  protected String text;
}
