package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.ModelBinding;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Fields a model inherits are stored under the same rules as its own, or reported on the field. */
class InheritedFieldRulesTest {

  /** A superclass in another package than the models, with the given field declarations. */
  private static JavaFileObject base(String declarations) {
    return source("com.acme.base.BaseDocument", """
        package com.acme.base;

        import java.util.List;

        public abstract class BaseDocument {
          %s
        }
        """.formatted(declarations));
  }

  private static JavaFileObject noteModel() {
    return source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class NoteModel extends com.acme.base.BaseDocument {
          protected String text;
        }
        """);
  }

  @Test
  void protectedSuperclassFieldsAreStoredBeforeTheModelsOwn() {
    Compilation compilation = compile(base("""
        protected String createdBy;
          protected List<String> labels;
          protected static int instances;
          protected transient String cache;
        """), noteModel());

    assertThat(compilation).succeededWithoutWarnings();
    ModelBinding<?> binding = new CompiledClasses(compilation).binding("com.acme.Note");
    Assertions.assertThat(binding.fields()).extracting(FieldSpec::name).containsExactly("createdBy", "labels", "text");
    Assertions.assertThat(binding.fields()).extracting(FieldSpec::type)
        .containsExactly(ColumnType.STRING, ColumnType.JSON, ColumnType.STRING);
    Assertions.assertThat(binding.fields().get(1).jsonType().toCanonical())
        .isEqualTo("java.util.List<java.lang.String>");
  }

  @Test
  void fieldsOfEverySuperclassUpToObjectAreStored() {
    JavaFileObject middle = source("com.acme.Audited", """
        package com.acme;

        public abstract class Audited extends com.acme.base.BaseDocument {
          protected java.time.Instant auditedAt;
        }
        """);
    JavaFileObject model = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class NoteModel extends Audited {
          protected String text;
        }
        """);

    Compilation compilation = compile(base("protected String createdBy;"), middle, model);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(new CompiledClasses(compilation).binding("com.acme.Note").fields())
        .extracting(FieldSpec::name).containsExactly("createdBy", "auditedAt", "text");
  }

  @Test
  void privateSuperclassFieldIsAnErrorOnThatFieldSayingWhy() {
    JavaFileObject base = base("private String createdBy;");

    Compilation compilation = compile(base, noteModel());

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'createdBy' of superclass BaseDocument must"
            + " not be private: the generated subclass of NoteModel cannot read or write it, so it would silently not"
            + " be stored; make it protected, or mark it transient to keep it out of storage")
        .inFile(base).onLineContaining("private String createdBy;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void packagePrivateSuperclassFieldInAnotherPackageIsAnError() {
    JavaFileObject base = base("String createdBy;");

    Compilation compilation = compile(base, noteModel());

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'createdBy' of superclass"
            + " com.acme.base.BaseDocument is package-private, and the generated class in package com.acme cannot"
            + " reach it, so it would silently not be stored; make it protected, or mark it transient")
        .inFile(base).onLineContaining("String createdBy;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void packagePrivateSuperclassFieldInTheModelsPackageIsStored() {
    JavaFileObject base = source("com.acme.Base", """
        package com.acme;

        public abstract class Base {
          String createdBy;
        }
        """);
    JavaFileObject model = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class NoteModel extends Base {
          protected String text;
        }
        """);

    Compilation compilation = compile(base, model);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(new CompiledClasses(compilation).binding("com.acme.Note").fields())
        .extracting(FieldSpec::name).containsExactly("createdBy", "text");
  }

  @Test
  void aFieldHidingAnInheritedOneIsAnError() {
    JavaFileObject model = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class NoteModel extends com.acme.base.BaseDocument {
          protected String createdBy;
        }
        """);

    Compilation compilation = compile(base("protected String createdBy;"), model);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'createdBy' hides the field of the same name"
            + " in superclass BaseDocument: both would map to one column; rename one of them")
        .inFile(model).onLineContaining("protected String createdBy;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aModelExtendingAModelStoresBothModelsFieldsInItsOwnCollection() {
    JavaFileObject note = source("com.acme.NoteModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class NoteModel {
          protected String text;
        }
        """);
    JavaFileObject pinned = source("com.acme.PinnedNoteModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class PinnedNoteModel extends NoteModel {
          protected int position;
        }
        """);

    Compilation compilation = compile(note, pinned);

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses classes = new CompiledClasses(compilation);
    Assertions.assertThat(classes.binding("com.acme.Note").fields()).extracting(FieldSpec::name).containsExactly("text");
    Assertions.assertThat(classes.binding("com.acme.Note").collection()).isEqualTo("notes");
    Assertions.assertThat(classes.binding("com.acme.PinnedNote").fields()).extracting(FieldSpec::name)
        .containsExactly("text", "position");
    Assertions.assertThat(classes.binding("com.acme.PinnedNote").collection()).isEqualTo("pinned_notes");
  }

  @Test
  void aGetterTheSuperclassDeclaresIsNotGeneratedAgain() {
    JavaFileObject base = base("""
        protected String createdBy;

          public String getCreatedBy() {
            return createdBy == null ? "system" : createdBy;
          }
        """);

    Compilation compilation = compile(base, noteModel());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Note").contentsAsUtf8String()
        .doesNotContain("getCreatedBy");
  }
}
