package io.pocketto.it.query;

import io.pocketto.Decimal;
import io.pocketto.Index;
import io.pocketto.Model;
import java.math.BigDecimal;

/** A payment with two indexed amounts: one declared {@code @Decimal}, one a bare {@code BigDecimal}. */
@Model(collection = "query_payments")
public abstract class PaymentModel {
  @Index @Decimal(precision = 12, scale = 2) protected BigDecimal amount;
  @Index protected BigDecimal fee;
}
