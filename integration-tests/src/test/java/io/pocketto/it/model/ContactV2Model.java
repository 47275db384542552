package io.pocketto.it.model;

import io.pocketto.Model;

/** A later version of {@link ContactV1Model}: same collection, two more fields, so its table must migrate. */
@Model(collection = "contacts")
public abstract class ContactV2Model {
  protected String name;
  protected String email;
  protected int visits;
}
