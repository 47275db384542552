package io.pocketto.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/** The diagnostics found while validating one model; only a clean report reaches a generator. */
final class Report {
  private record Entry(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object[] args) {}

  private final List<Entry> entries = new ArrayList<>();
  private boolean deferred;

  void error(Message message, Element element, Object... args) {
    entries.add(new Entry(message, element, null, null, args));
  }

  /** An error pointing at one attribute of an annotation on {@code element}. */
  void error(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    entries.add(new Entry(message, element, annotation, value, args));
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
      if (e.annotation != null) {
        messager.printMessage(e.message.kind(), e.message.format(e.args), e.element, e.annotation, e.value);
      } else {
        messager.printMessage(e.message.kind(), e.message.format(e.args), e.element);
      }
    }
  }
}
