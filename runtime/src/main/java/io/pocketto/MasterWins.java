package io.pocketto;

/** {@link ConflictHandler#MASTER_WINS}: the stored state wins; nothing is written. */
public final class MasterWins implements ConflictHandler<Object> {
  @Override
  public Object resolve(ConflictInput<Object> input) {
    return input.realMasterState();
  }

  @Override
  public String name() {
    return "MASTER_WINS";
  }
}
