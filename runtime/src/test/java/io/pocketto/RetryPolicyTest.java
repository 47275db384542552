package io.pocketto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Whether a call paused is observed through the thread's interrupt flag, not a clock: a pause that
 * begins on an interrupted thread ends at once with an error, and a call that does not pause leaves
 * the flag alone. So the tests neither wait nor depend on how fast the machine is.
 */
class RetryPolicyTest {
  /** A backoff so long that any pause would only end by the interrupt. */
  private static final RetryPolicy HOUR_LONG = RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1));

  @Test
  void theFirstAttemptAndTheFirstRetryNeverPause() {
    Thread.currentThread().interrupt();
    try {
      HOUR_LONG.pauseBeforeRetry(0);
      HOUR_LONG.pauseBeforeRetry(1);
      assertThat(Thread.currentThread().isInterrupted()).as("no pause began and consumed the interrupt").isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aZeroBackoffNeverPauses() {
    RetryPolicy noBackoff = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);
    Thread.currentThread().interrupt();
    try {
      for (int retry = 0; retry < 30; retry++) {
        noBackoff.pauseBeforeRetry(retry);
      }
      assertThat(Thread.currentThread().isInterrupted()).as("no pause began and consumed the interrupt").isTrue();
    } finally {
      Thread.interrupted();
    }
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

  @Test
  void aPolicyIsAValueBuiltFromTheDefaults() {
    RetryPolicy twenty = RetryPolicy.defaults().withMaxAttempts(20);

    assertThat(twenty).isEqualTo(new RetryPolicy(20, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ZERO))
        .hasSameHashCodeAs(new RetryPolicy(20, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ZERO))
        .isNotEqualTo(RetryPolicy.defaults());
    assertThat(twenty).hasToString("RetryPolicy{maxAttempts=20, backoff=PT0.001S..PT0.05S, lockWait=PT0S}");
  }

  @Test
  void aPolicyThatCannotWorkIsRefusedSayingWhichValue() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backoff must satisfy 0 <= initial <= max, was PT0.005S and PT0.002S");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("lock wait must be zero or positive, was PT-1S");
    assertThatThrownBy(() -> RetryPolicy.defaults().withLockWait(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("lock wait must be zero or positive, was null");
  }
}
