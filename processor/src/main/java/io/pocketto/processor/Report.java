package io.pocketto.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;

/** The diagnostics found while validating one model; only a clean report (notes at most) reaches a generator. */
final class Report {
  private record Entry(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object[] args) {}

  private final List<Entry> entries = new ArrayList<>();
  private final List<VariableElement> unresolved = new ArrayList<>();
  private final List<Element> unresolvedHandlers = new ArrayList<>();
  private boolean waiting;

  void error(Message message, Element element, Object... args) {
    entries.add(new Entry(message, element, null, null, args));
  }

  /** A hint that does not stop generation, such as a sort that no index serves; {@code message} is a NOTE. */
  void note(Message message, Element element, Object... args) {
    entries.add(new Entry(message, element, null, null, args));
  }

  /** An error pointing at one attribute of an annotation on {@code element}. */
  void error(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    entries.add(new Entry(message, element, annotation, value, args));
  }

  /** The field's type, or a type argument of it, is not generated yet; try again next round. */
  void defer(VariableElement field) {
    unresolved.add(field);
  }

  /** A type this element needs is not generated yet; try again next round (the caller reports it if it never comes). */
  void defer() {
    waiting = true;
  }

  /** The conflict handler named by {@code @Model} on {@code model} is not generated yet. */
  void deferHandler(Element model) {
    unresolvedHandlers.add(model);
  }

  boolean isDeferred() {
    return waiting || !unresolved.isEmpty() || !unresolvedHandlers.isEmpty();
  }

  /** After the last round, a type that never resolved is the user's error, reported on the field. */
  void printUnresolvedTo(Messager messager) {
    for (VariableElement field : unresolved) {
      messager.printMessage(Message.FIELD_UNRESOLVED_TYPE.kind(),
          Message.FIELD_UNRESOLVED_TYPE.format(field.getSimpleName(), field.asType()), field);
    }
    for (Element model : unresolvedHandlers) {
      messager.printMessage(Message.CONFLICT_HANDLER_UNRESOLVED.kind(),
          Message.CONFLICT_HANDLER_UNRESOLVED.format(model.getSimpleName()), model);
    }
  }

  /** Whether nothing but notes was reported. */
  boolean isClean() {
    return entries.stream().allMatch(e -> e.message.kind() == Diagnostic.Kind.NOTE);
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
