package io.pocketto;

/** {@link ConflictHandler#LAST_WRITE_WINS}: this writer's state wins, recorded as a new revision. */
public final class LastWriteWins implements ConflictHandler<Object> {
  @Override
  public Object resolve(ConflictInput<Object> input) {
    return input.newDocumentState();
  }

  @Override
  public String name() {
    return "LAST_WRITE_WINS";
  }
}
