package io.pocketto.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.pocketto.Database;
import io.pocketto.internal.ColumnType;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * The base of every generator, as Dagger's {@code SourceFileGenerator} is: it starts each file's class
 * with {@code @Generated} and the originating elements (so incremental builds know the source), formats
 * the file the same way and names the types every file uses, so that no generator repeats that set-up.
 *
 * @param <D> the descriptor a file is generated from
 */
abstract class SourceFileGenerator<D> {
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  // Types every generated file names (the database it is opened on, its column types, lists), named once here.
  static final ClassName DATABASE = ClassName.get(Database.class);
  static final ClassName COLUMN_TYPE = ClassName.get(ColumnType.class);
  static final ClassName LIST = ClassName.get("java.util", "List");

  /** The file for {@code descriptor}. */
  final JavaFile generate(D descriptor) {
    ClassName name = className(descriptor);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", ModelProcessor.class.getName()).build());
    originatingElements(descriptor).forEach(type::addOriginatingElement);
    write(descriptor, type);
    return JavaFile.builder(name.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  /** The generated class's name. */
  abstract ClassName className(D descriptor);

  /** The source elements the file is generated from. */
  abstract List<? extends Element> originatingElements(D descriptor);

  /** Adds the class's modifiers, supertypes, javadoc and members to {@code type}. */
  abstract void write(D descriptor, TypeSpec.Builder type);
}
