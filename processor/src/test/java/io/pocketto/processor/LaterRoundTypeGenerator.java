package io.pocketto.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Stands in for another annotation processor: in the first round it generates one source file, so
 * that a model referring to that type only sees it from the second round on.
 */
final class LaterRoundTypeGenerator extends AbstractProcessor {
  private final String qualifiedName;
  private final String source;
  private boolean written;

  LaterRoundTypeGenerator(String qualifiedName, String source) {
    this.qualifiedName = qualifiedName;
    this.source = source;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!written) {
      written = true;
      try (Writer out = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
        out.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
