package io.pocketto.it.model;

import io.pocketto.Model;

/** The first version of a contact, before {@link ContactV2Model} added fields to the same collection. */
@Model(collection = "contacts")
public abstract class ContactV1Model {
  protected String name;
}
