package io.pocketto.it.query;

import io.pocketto.CrudRepository;
import io.pocketto.Repository;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/** Payments by amount and fee, through their indexes. */
@Repository
public interface PaymentRepository extends CrudRepository<Payment> {
  List<Payment> findTop20ByOrderByAmountDesc();

  List<Payment> findTop20ByAmountGreaterThanOrderByAmountAsc(BigDecimal min);

  List<Payment> findByFee(BigDecimal fee);

  List<Payment> findByFeeGreaterThan(BigDecimal min);

  List<Payment> findByFeeLessThanEqual(BigDecimal max);

  List<Payment> findByFeeBetween(BigDecimal from, BigDecimal to);

  List<Payment> findByFeeIn(Collection<BigDecimal> fees);

  List<Payment> findByFeeNot(BigDecimal fee);
}
