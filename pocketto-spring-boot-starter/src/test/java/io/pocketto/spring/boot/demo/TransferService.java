package io.pocketto.spring.boot.demo;

import java.math.BigDecimal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves money between two accounts in one Spring transaction, which Pocketto's writes join. */
@Service
public class TransferService {
  private final AccountRepository accounts;

  public TransferService(AccountRepository accounts) {
    this.accounts = accounts;
  }

  /**
   * Debits {@code from} and credits {@code to}, both as of the revisions given; a stale revision is a
   * 409 and a balance that would go negative is refused, and either way neither account changes.
   */
  @Transactional
  public void transfer(String from, String fromRev, String to, String toRev, BigDecimal amount) {
    Account source = load(from, fromRev);
    Account target = load(to, toRev);
    target.setBalance(target.getBalance().add(amount));
    accounts.save(target);
    source.setBalance(source.getBalance().subtract(amount));
    accounts.save(source);
    if (source.getBalance().signum() < 0) {
      // Thrown after both saves, so that only the rollback keeps the credit from landing.
      throw new InsufficientFundsException(from, source.getBalance().add(amount), amount);
    }
  }

  private Account load(String id, String rev) {
    return DemoController.requireRevision(accounts.findById(id), "accounts", id, rev);
  }

  /** A transfer larger than the balance. */
  public static final class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsufficientFundsException(String id, BigDecimal balance, BigDecimal amount) {
      super("account " + id + " holds " + balance + ", less than " + amount);
    }
  }
}
