package io.pocketto.spring.boot;

import io.pocketto.ConflictException;
import io.pocketto.LockedException;
import io.pocketto.RetriesExhaustedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link ConflictException} (or a {@link RetriesExhaustedException}, which ends in one) that
 * leaves a Spring MVC controller with 409 and the seed's JSON object ({@code {"name":"conflict","message":"Document update conflict","status":409,...,"revision":...}}).
 * A {@link LockedException} is answered 423 with its own JSON object, naming the holder and when its lease
 * ends. Ordered last, so an application's own handler for either wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class PockettoExceptionHandler {

  /** The 409 answer, its body the exception's {@link ConflictException#toJson()}. */
  @ExceptionHandler(ConflictException.class)
  public ResponseEntity<String> conflict(ConflictException e) {
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.toJson());
  }

  /** An incremental write that ran out of retries: 409 with the body of the conflict that stopped it. */
  @ExceptionHandler(RetriesExhaustedException.class)
  public ResponseEntity<String> retriesExhausted(RetriesExhaustedException e) {
    return conflict(e.lastConflict());
  }

  /** A write, lock or release refused because another writer holds the document's lock: 423. */
  @ExceptionHandler(LockedException.class)
  public ResponseEntity<String> locked(LockedException e) {
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.toJson());
  }
}
