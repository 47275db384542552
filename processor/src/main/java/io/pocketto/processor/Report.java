package io.pocketto.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;

/** The diagnostics found while validating one model; only a clean report reaches a generator. */
final class Report {
  private record Entry(Message message, Element element, Object[] args) {}

  private final List<Entry> entries = new ArrayList<>();
  private boolean deferred;

  void error(Message message, Element element, Object... args) {
    entries.add(new Entry(message, element, args));
  }

  /** The model refers to a type not generated yet; try again next round. */
  void defer() {
    deferred = true;
  }

  boolean isDeferred() {
    return deferred;
  }

  boolean isClean() {
    return entries.isEmpty();
  }

  void printTo(Messager messager) {
    for (Entry e : entries) {
      messager.printMessage(e.message.kind(), e.message.format(e.args), e.element);
    }
  }
}
