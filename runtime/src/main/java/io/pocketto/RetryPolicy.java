package io.pocketto;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently incremental writes and conflict handlers retry after a 409, and how long
 * incremental writes wait for another writer's {@link Lock} ({@link #lockWait()}). The first
 * retry follows at once (a first conflict mostly means the record was loaded before the winning write);
 * before each further one the writer sleeps a random time up to an exponentially growing bound ("full
 * jitter"), so that contending writers spread out instead of colliding again. Start from
 * {@link #defaults()} and change what differs with the {@code with...} methods.
 *
 * @param maxAttempts the most writes attempted in all (1 means no retry)
 * @param initialBackoff the bound of the first pause
 * @param maxBackoff the largest bound a pause grows to
 * @param lockWait how long an incremental write waits for another writer's lock; zero (the default) fails at once
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lockWait) {
  private static final RetryPolicy DEFAULTS = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ZERO);
  /** How often a write waiting for a lock tries again. */
  private static final long LOCK_POLL_MILLIS = 50;

  /**
   * Checks the policy.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1, the backoff is not
   *     {@code 0 <= initialBackoff <= maxBackoff}, or {@code lockWait} is {@code null} or negative
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initial <= max, was " + initialBackoff + " and " + maxBackoff);
    }
    if (lockWait == null || lockWait.isNegative()) {
      throw new IllegalArgumentException("lock wait must be zero or positive, was " + lockWait);
    }
  }

  /** 100 attempts, backoff from 1 ms growing to at most 50 ms, no waiting for locks. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** The same policy with at most {@code attempts} writes in all (1 means no retry). */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, lockWait);
  }

  /** The same policy with another backoff range; {@code Duration.ZERO} twice disables sleeping. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, lockWait);
  }

  /**
   * The same policy, waiting up to {@code wait} for another writer's lock: an incremental write refused
   * by a lock tries again every {@value #LOCK_POLL_MILLIS} ms, reloading first, until the lock is gone or
   * the wait is over, then throws the {@link LockedException}. Waiting spends no attempts.
   * {@code Duration.ZERO}, the default, fails at once.
   */
  public RetryPolicy withLockWait(Duration wait) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, wait);
  }

  /**
   * Sleeps before an incremental write refused by a lock tries again, if the wait that began at
   * {@code startNanos} ({@link System#nanoTime()}) is not over; otherwise throws {@code refusal}.
   *
   * @throws LockedException {@code refusal}, once {@link #lockWait()} has passed
   * @throws IllegalStateException if the thread is interrupted; the interrupt flag is kept
   */
  public void pauseForLock(long startNanos, LockedException refusal) {
    long left = lockWait.toNanos() - (System.nanoTime() - startNanos);
    if (left <= 0) {
      throw refusal;
    }
    try {
      Thread.sleep(Math.min(LOCK_POLL_MILLIS, Math.max(1, left / 1_000_000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a lock", e);
    }
  }

  /**
   * Sleeps before retry number {@code retry} (1 for the first retry; 0 stands for the first attempt).
   * Neither the first attempt nor the first retry sleeps; before the second retry the pause is a random
   * time up to {@link #initialBackoff()}, and its bound doubles with each retry up to {@link #maxBackoff()}.
   *
   * @throws IllegalStateException if the thread is interrupted; the interrupt flag is kept
   */
  public void pauseBeforeRetry(int retry) {
    long maxNanos = maxBackoff.toNanos();
    if (retry < 2 || maxNanos == 0) {
      return;
    }
    long bound = initialBackoff.toNanos() << Math.min(retry - 2, 20);
    if (bound <= 0 || bound > maxNanos) {
      bound = maxNanos;
    }
    long nanos = ThreadLocalRandom.current().nextLong(bound + 1);
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry a conflicting write", e);
    }
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", lockWait=" + lockWait + "}";
  }
}
