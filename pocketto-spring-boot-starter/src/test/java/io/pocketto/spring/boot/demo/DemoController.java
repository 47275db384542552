package io.pocketto.spring.boot.demo;

import io.pocketto.ConflictException;
import io.pocketto.DocumentNotFoundException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over HTTP. Every change names the revision it started from ({@code _rev}); a stale one is
 * answered 409 by the starter's handler, whether this controller sees it first or the database does.
 */
@RestController
public class DemoController {
  private final AccountRepository accounts;
  private final TransferService transfers;

  public DemoController(AccountRepository accounts, TransferService transfers) {
    this.accounts = accounts;
    this.transfers = transfers;
  }

  @PostMapping(path = "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> create(@RequestBody Map<String, Object> body) {
    Account account = new Account();
    account.setId((String) body.get("id"));
    account.setOwner((String) body.get("owner"));
    account.setBalance(new BigDecimal(body.get("balance").toString()));
    return ResponseEntity.status(HttpStatus.CREATED).body(accounts.save(account).toJson());
  }

  @GetMapping(path = "/accounts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public String get(@PathVariable String id) {
    return requireRevision(accounts.findById(id), "accounts", id, null).toJson();
  }

  @PutMapping(path = "/accounts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public String update(@PathVariable String id, @RequestBody Map<String, Object> body) {
    Account account = requireRevision(accounts.findById(id), "accounts", id, (String) body.get("_rev"));
    account.setBalance(new BigDecimal(body.get("balance").toString()));
    return accounts.save(account).toJson();
  }

  @PostMapping("/transfers")
  public ResponseEntity<Void> transfer(@RequestBody Map<String, String> body) {
    transfers.transfer(body.get("from"), body.get("fromRev"), body.get("to"), body.get("toRev"),
        new BigDecimal(body.get("amount")));
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(TransferService.InsufficientFundsException.class)
  public ResponseEntity<String> insufficientFunds(TransferService.InsufficientFundsException e) {
    return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_JSON)
        .body("{\"error\":\"insufficient_funds\"}");
  }

  @ExceptionHandler(DocumentNotFoundException.class)
  public ResponseEntity<String> notFound(DocumentNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
        .body("{\"error\":\"not_found\"}");
  }

  /**
   * The stored account, if its revision is {@code rev} (any, if {@code rev} is null); a client that
   * started from an older revision gets the same 409 as a stale save.
   */
  static Account requireRevision(Optional<Account> stored, String collection, String id, String rev) {
    Account account = stored.orElseThrow(() -> new DocumentNotFoundException(collection, id, "it is not stored"));
    if (rev != null && !rev.equals(account.meta().rev())) {
      throw new ConflictException(collection, id, rev, account.meta().rev());
    }
    return account;
  }
}
