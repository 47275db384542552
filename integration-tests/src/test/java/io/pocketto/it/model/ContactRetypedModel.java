package io.pocketto.it.model;

import io.pocketto.Model;

/** {@link ContactV2Model} with {@code visits} changed from {@code int} to {@code String}: schema drift. */
@Model(collection = "contacts")
public abstract class ContactRetypedModel {
  protected String name;
  protected String email;
  protected String visits;
}
