package com.acme.shared;

import java.util.List;

/** Fields several models share, in another package: protected, so the generated classes can store them. */
public abstract class Audited {
  protected String createdBy;
  protected List<String> tags;
  protected transient String scratch;
}
