package io.pocketto.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ConflictException;
import io.pocketto.LockedException;
import io.pocketto.RetriesExhaustedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The 409 and 423 answers; the demo application's test drives the conflict one over HTTP. */
class PockettoExceptionHandlerTest {
  private final PockettoExceptionHandler handler = new PockettoExceptionHandler();

  @Test
  void retriesExhaustedIsAnswered409WithTheLastConflictsBody() {
    ConflictException last = new ConflictException("accounts", "a1", "1-aa", "3-cc");

    ResponseEntity<String> answer = handler.retriesExhausted(new RetriesExhaustedException(5, last));

    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(answer.getBody()).isEqualTo(last.toJson()).contains("\"revision\":\"3-cc\"");
  }

  @Test
  void lockedIsAnswered423NamingTheHolder() {
    LockedException locked = new LockedException("accounts", "a1", "alice", Instant.parse("2026-12-05T01:00:00Z"), "bob");

    ResponseEntity<String> answer = handler.locked(locked);

    assertThat(answer.getStatusCode().value()).isEqualTo(423);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(answer.getBody()).isEqualTo(locked.toJson())
        .contains("\"holder\":\"alice\"", "\"expires\":\"2026-12-05T01:00:00Z\"");
  }
}
