package io.pocketto.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/** The diagnostics found while validating one model; only a clean report reaches a generator. */
final class Report {
  private record Entry(Message message, Element element, Object[] args) {}

  private final List<Entry> entries = new ArrayList<>();
  private final List<VariableElement> unresolved = new ArrayList<>();

  void error(Message message, Element element, Object... args) {
    entries.add(new Entry(message, element, args));
  }

  /** The field's type, or a type argument of it, is not generated yet; try again next round. */
  void defer(VariableElement field) {
    unresolved.add(field);
  }

  boolean isDeferred() {
    return !unresolved.isEmpty();
  }

  /** After the last round, a type that never resolved is the user's error, reported on the field. */
  void printUnresolvedTo(Messager messager) {
    for (VariableElement field : unresolved) {
      messager.printMessage(Message.FIELD_UNRESOLVED_TYPE.kind(),
          Message.FIELD_UNRESOLVED_TYPE.format(field.getSimpleName(), field.asType()), field);
    }
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
