package io.pocketto.processor;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.QualifiedNameable;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * A Filer between a processor and javac's, which records the originating elements of every source
 * file the processor creates and can be told to fail, as a broken file system would.
 */
final class InterceptedFiler implements Filer {
  private final Map<String, List<String>> originatingElements = new LinkedHashMap<>();
  private RuntimeException failure;
  private Filer javacFiler;

  /** Makes every {@code createSourceFile} throw {@code failure}. */
  InterceptedFiler failingWith(RuntimeException failure) {
    this.failure = failure;
    return this;
  }

  /** Each created source file's type name, with the qualified names of its originating elements. */
  Map<String, List<String>> originatingElements() {
    return originatingElements;
  }

  /** {@code processor}, seeing this Filer instead of javac's. */
  Processor around(Processor processor) {
    return new Processor() {
      @Override
      public Set<String> getSupportedOptions() {
        return processor.getSupportedOptions();
      }

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return processor.getSupportedAnnotationTypes();
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return processor.getSupportedSourceVersion();
      }

      @Override
      public void init(ProcessingEnvironment env) {
        javacFiler = env.getFiler();
        processor.init(withThisFiler(env));
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return processor.process(annotations, round);
      }

      @Override
      public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
          ExecutableElement member, String userText) {
        return processor.getCompletions(element, annotation, member, userText);
      }
    };
  }

  private ProcessingEnvironment withThisFiler(ProcessingEnvironment env) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
          if (method.getName().equals("getFiler")) {
            return this;
          }
          try {
            return method.invoke(env, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public JavaFileObject createSourceFile(CharSequence name, Element... originating) throws IOException {
    if (failure != null) {
      throw failure;
    }
    List<String> names = new ArrayList<>();
    for (Element e : originating) {
      names.add(e instanceof QualifiedNameable q ? q.getQualifiedName().toString() : e.toString());
    }
    originatingElements.put(name.toString(), names);
    return javacFiler.createSourceFile(name, originating);
  }

  @Override
  public JavaFileObject createClassFile(CharSequence name, Element... originating) throws IOException {
    return javacFiler.createClassFile(name, originating);
  }

  @Override
  public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
      CharSequence relativeName, Element... originating) throws IOException {
    return javacFiler.createResource(location, moduleAndPkg, relativeName, originating);
  }

  @Override
  public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
      CharSequence relativeName) throws IOException {
    return javacFiler.getResource(location, moduleAndPkg, relativeName);
  }
}
