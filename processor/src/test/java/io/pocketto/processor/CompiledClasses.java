package io.pocketto.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of an in-memory compilation, so a test can ask a generated class what it
 * persists. Everything else (the runtime, Jackson) comes from the test classpath.
 */
final class CompiledClasses extends ClassLoader {
  private final Compilation compilation;

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    this.compilation = compilation;
  }

  /** The generated {@code BINDING} of {@code generatedClass}, a runtime {@code ModelBinding}. */
  io.pocketto.internal.ModelBinding<?> binding(String generatedClass) {
    try {
      return (io.pocketto.internal.ModelBinding<?>) loadClass(generatedClass).getField("BINDING").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read " + generatedClass + ".BINDING", e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = "/CLASS_OUTPUT/" + name.replace('.', '/') + ".class";
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS && file.getName().equals(path)) {
        try (InputStream in = file.openInputStream()) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new ClassNotFoundException(name + " is not in the compilation's output");
  }
}
