package io.pocketto.it.model;

import io.pocketto.Model;
import io.pocketto.it.model.base.BaseDocument;

/** A model that inherits most of its fields from a plain superclass. */
@Model
public abstract class NoteModel extends BaseDocument {
  protected String text;
}
