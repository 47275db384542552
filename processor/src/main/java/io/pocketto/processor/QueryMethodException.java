package io.pocketto.processor;

/** A query method that cannot be implemented; the validator reports it on the method. */
final class QueryMethodException extends Exception {
  private static final long serialVersionUID = 1L;
  private final Message diagnostic;
  private final transient Object[] args;

  QueryMethodException(Message diagnostic, Object... args) {
    super(diagnostic.name(), null, false, false);
    this.diagnostic = diagnostic;
    this.args = args;
  }

  Message diagnostic() {
    return diagnostic;
  }

  Object[] args() {
    return args;
  }
}
