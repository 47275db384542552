package io.pocketto.it.model;

import io.pocketto.Model;

/** A model extending another model: all of NoteModel's fields plus its own, in a collection of its own. */
@Model
public abstract class PinnedNoteModel extends NoteModel {
  protected int position;
}
