package io.pocketto.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles test sources in memory with the Pocketto processor, against the real runtime on the test
 * classpath, with every lint warning on.
 *
 * <p>Only javac's {@code processing} lint is off: it warns "No processor claimed any of these
 * annotations" whenever a processor leaves {@code @Model} unclaimed, which ours does on purpose so
 * that other processors may see it too.
 */
final class TestCompiler {
  private static final String LINT = "-Xlint:all,-processing";

  private TestCompiler() {}

  /** Compiles with the Pocketto processor; warnings stay warnings so that tests can see them. */
  static Compilation compile(JavaFileObject... sources) {
    return compileWith(new Processor[] {new ModelProcessor()}, sources);
  }

  /** Compiles with the Pocketto processor and {@code -Werror}: any warning, in any file, fails it. */
  static Compilation compileStrictly(JavaFileObject... sources) {
    return javac().withProcessors(new ModelProcessor()).withOptions(LINT, "-Werror").compile(sources);
  }

  /** Compiles with the given processors, run in that order. */
  static Compilation compileWith(Processor[] processors, JavaFileObject... sources) {
    return javac().withProcessors(processors).withOptions(LINT).compile(sources);
  }

  /** A model source under {@code src/test/resources/models}, e.g. {@code com/acme/crm/ContactModel.java}. */
  static JavaFileObject model(String path) {
    return JavaFileObjects.forResource("models/" + path);
  }

  /** An expected generated source under {@code src/test/resources/golden}. */
  static JavaFileObject golden(String path) {
    return JavaFileObjects.forResource("golden/" + path);
  }

  /** An inline source; {@code qualifiedName} names the top-level type it declares. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** Every diagnostic's message, one per line, to show in an assertion failure. */
  static String messages(Compilation compilation) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      sb.append(d.getKind()).append(' ')
          .append(d.getSource() == null ? "-" : d.getSource().getName()).append(':').append(d.getLineNumber())
          .append(' ').append(d.getMessage(null)).append('\n');
    }
    return sb.toString();
  }
}
