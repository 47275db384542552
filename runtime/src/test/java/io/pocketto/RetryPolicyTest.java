package io.pocketto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  /** A backoff so long that any pause would hit the timeout. */
  private static final RetryPolicy HOUR_LONG = RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1));

  @Test
  void theFirstAttemptAndTheFirstRetryNeverPause() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      HOUR_LONG.pauseBeforeRetry(0);
      HOUR_LONG.pauseBeforeRetry(1);
    });
  }

  @Test
  void theSecondRetryPausesAndAnInterruptEndsThePauseWithAClearError() {
    Thread.currentThread().interrupt();
    try {
      // With one hour to wait, only the interrupt can end this call quickly; it proves a pause began.
      assertThatThrownBy(() -> HOUR_LONG.pauseBeforeRetry(2))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("interrupted while waiting to retry");
    } finally {
      Thread.interrupted();
    }
  }
}
