package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Model(conflictHandler = ...)} must name a handler the generated code can construct. */
class ConflictHandlerRuleTest {
  private static final String MESSAGE =
      "[Pocketto] @Model(conflictHandler = %s.class) must name a concrete class implementing io.pocketto.ConflictHandler with a public no-arg constructor";

  @Test
  void aBuiltInHandlerIsConstructedByTheBinding() {
    JavaFileObject model = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model(conflictHandler = io.pocketto.FieldMerge.class)
        public abstract class NoteModel {
          protected String title;
        }
        """);

    Compilation compilation = compile(model);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Note")
        .contentsAsUtf8String().contains("new FieldMerge())");
  }

  @Test
  void aHandlerWithoutAPublicNoArgConstructorIsRejectedOnTheAnnotation() {
    JavaFileObject handler = source("com.acme.PickyHandler", """
        package com.acme;

        public class PickyHandler implements io.pocketto.ConflictHandler<Object> {
          public PickyHandler(String mood) {}

          @Override
          public Object resolve(io.pocketto.ConflictInput<Object> in) {
            return in.realMasterState();
          }
        }
        """);
    JavaFileObject model = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model(
            conflictHandler = PickyHandler.class)
        public abstract class NoteModel {
          protected String title;
        }
        """);

    Compilation compilation = compile(handler, model);

    assertThat(compilation).hadErrorContaining(String.format(MESSAGE, "PickyHandler"))
        .inFile(model).onLineContaining("conflictHandler = PickyHandler.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anAbstractHandlerIsRejected() {
    JavaFileObject handler = source("com.acme.HalfHandler", """
        package com.acme;

        public abstract class HalfHandler implements io.pocketto.ConflictHandler<Object> {}
        """);
    JavaFileObject model = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model(conflictHandler = HalfHandler.class)
        public abstract class NoteModel {
          protected String title;
        }
        """);

    Compilation compilation = compile(handler, model);

    assertThat(compilation).hadErrorContaining(String.format(MESSAGE, "HalfHandler"))
        .inFile(model).onLineContaining("conflictHandler = HalfHandler.class");
  }
}
