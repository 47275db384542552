package io.pocketto.spring.boot.demo;

import io.pocketto.Model;
import java.math.BigDecimal;

/** A bank account of the demo application: the generated class is {@code Account}. */
@Model(collection = "accounts")
public abstract class AccountModel {
  protected String owner;
  protected BigDecimal balance = BigDecimal.ZERO;
}
