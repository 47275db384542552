package com.acme.archive;

import com.acme.shared.Audited;
import io.pocketto.Decimal;
import io.pocketto.Model;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;

/** Inherited fields, a declared decimal, and JDK value types with columns of their own. */
@Model
public abstract class ArchivedFileModel extends Audited {
  protected String name;
  protected byte[] content;
  protected ZonedDateTime uploadedAt;
  protected Duration retention;
  protected URI source;
  @Decimal(precision = 10, scale = 2)
  protected BigDecimal storageCost;
}
