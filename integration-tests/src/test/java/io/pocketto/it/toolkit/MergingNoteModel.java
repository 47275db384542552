package io.pocketto.it.toolkit;

import io.pocketto.FieldMerge;
import io.pocketto.Model;

/** A model whose plain save() merges per field, because its annotation says so. */
@Model(conflictHandler = FieldMerge.class)
public abstract class MergingNoteModel {
  protected String title;
  protected String body;
}
