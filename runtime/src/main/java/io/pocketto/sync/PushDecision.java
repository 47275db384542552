package io.pocketto.sync;

/**
 * What a {@link PushRule} decided about one pushed row.
 *
 * @param accepted whether the row may be written
 * @param leavingScope whether it may be written even where the result is outside the pusher's scope
 * @param reason why it was refused, for the client; {@code null} when accepted
 */
public record PushDecision(boolean accepted, boolean leavingScope, String reason) {
  private static final PushDecision ACCEPT = new PushDecision(true, false, null);
  private static final PushDecision ACCEPT_LEAVING_SCOPE = new PushDecision(true, true, null);

  /** Checks that a refusal has a reason and an acceptance none. */
  public PushDecision {
    if (accepted == (reason != null)) {
      throw new IllegalArgumentException(accepted ? "an acceptance has no reason" : "a refusal needs a reason for the client");
    }
  }

  /** Write the row, provided the document is in the pusher's scope afterwards. */
  public static PushDecision accept() {
    return ACCEPT;
  }

  /**
   * Write the row even if it creates a document outside the pusher's scope or moves one out of it, such
   * as a hand-over to another team; the document then leaves the pusher's replica at its next pull.
   */
  public static PushDecision acceptLeavingScope() {
    return ACCEPT_LEAVING_SCOPE;
  }

  /** Do not write the row; {@code reason} is shown to the client (it must not reveal other documents). */
  public static PushDecision refuse(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a refusal needs a reason for the client");
    }
    return new PushDecision(false, false, reason);
  }
}
