package com.acme.crm;

import io.pocketto.Model;
import java.util.Locale;

/** Declares its own getter, setter and toString, and fields that are not persisted. */
@Model
public abstract class ContactModel {
  static final String DEFAULT_COUNTRY = "NZ";
  static int instancesCreated;

  protected String name;
  protected String email;
  protected String country = DEFAULT_COUNTRY;
  protected transient String greetingCache;

  /** Email addresses compare case-insensitively, so they are kept in lower case. */
  public String getEmail() {
    return email == null ? null : email.toLowerCase(Locale.ROOT);
  }

  /** Names are stored trimmed. */
  public void setName(String name) {
    this.name = name == null ? null : name.trim();
  }

  @Override
  public String toString() {
    return "Contact " + name + " <" + getEmail() + ">";
  }
}
