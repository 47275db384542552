package io.pocketto.spring.boot.tx;

import io.pocketto.Model;

/** A small model for the transaction tests; the generated class is {@code Note}. */
@Model(collection = "notes")
public abstract class NoteModel {
  protected String text;
}
