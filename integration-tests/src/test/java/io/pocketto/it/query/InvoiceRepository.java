package io.pocketto.it.query;

import io.pocketto.CrudRepository;
import io.pocketto.Repository;
import io.pocketto.it.query.InvoiceModel.Status;
import io.pocketto.query.Page;
import io.pocketto.query.PageRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** The repository, plus one method per keyword and return type. */
@Repository
public interface InvoiceRepository extends CrudRepository<Invoice> {
  List<Invoice> findByCustomerOrderByIssuedOnDesc(String customer);

  List<Invoice> findTop20ByCustomerOrderByIssuedOnAsc(String customer);

  List<Invoice> findTop20ByCustomerOrderByIssuedOnDesc(String customer);

  Page<Invoice> findByCustomerOrderByIssuedOn(String customer, PageRequest page);

  Optional<Invoice> findFirstByNumber(String number);

  List<Invoice> findByStatusAndTotalGreaterThan(Status status, BigDecimal min);

  Page<Invoice> findByCustomer(String customer, PageRequest page);

  long countByStatus(Status status);

  boolean existsByNumber(String number);

  List<Invoice> findByIssuedOnBetween(LocalDate from, LocalDate to);

  Optional<Invoice> findByNumber(String number);

  Invoice findByReference(UUID reference);

  Stream<Invoice> findByPaidOrderByNumberDesc(boolean paid);

  List<Invoice> findTop2ByOrderByTotalDesc();

  List<Invoice> findTop20ByOrderByIdDesc();

  List<Invoice> findByNumberOrderByIdDesc(String number);

  List<Invoice> findAllByOrderByNumberAsc();

  Page<Invoice> findAllByOrderByNumber(PageRequest page);

  List<Invoice> findByCustomerIgnoreCase(String customer);

  List<Invoice> findByCustomerNot(String customer);

  List<Invoice> findByCustomerNotIgnoreCase(String customer);

  List<Invoice> findByCustomerOrNumber(String customer, String number);

  List<Invoice> findByCustomerAndStatusOrNumber(String customer, Status status, String number);

  List<Invoice> findByTotalGreaterThanEqual(BigDecimal min);

  List<Invoice> findByTotalLessThan(BigDecimal max);

  List<Invoice> findByTotalLessThanEqual(BigDecimal max);

  List<Invoice> findByQuantityGreaterThan(int min);

  List<Invoice> findByStatusIn(Collection<Status> statuses);

  List<Invoice> findByStatusNotIn(List<Status> statuses);

  List<Invoice> findByDueAtIsNull();

  List<Invoice> findByDueAtIsNotNull();

  List<Invoice> findByDueAtLessThan(Instant instant);

  List<Invoice> findByTagsIsNotNull();

  List<Invoice> findByNumberLike(String pattern);

  List<Invoice> findByNumberStartingWith(String prefix);

  List<Invoice> findByNumberEndingWith(String suffix);

  List<Invoice> findByCustomerContaining(String text);

  List<Invoice> findByCustomerContainingIgnoreCase(String text);

  List<Invoice> findByIdIn(Collection<String> ids);

  List<Invoice> findByGrade(char grade);

  long countByCustomerStartingWith(String prefix);

  boolean existsByStatusAndPaid(Status status, boolean paid);

  List<Invoice> findByPaidTrue();

  List<Invoice> findByPaidFalseOrderByNumber();

  long countByPaidIsTrue();

  boolean existsByCustomerAndPaidFalse(String customer);

  List<Invoice> findByNumberNotLike(String pattern);

  List<Invoice> findByCustomerNotLikeIgnoreCase(String pattern);

  List<Invoice> findDistinctByCustomer(String customer);

  long deleteByCustomer(String customer);

  int deleteByPaidTrue();

  void deleteByNumber(String number);
}
