package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.pocketto.internal.FieldAccess;
import io.pocketto.internal.ForGeneratedCode;
import io.pocketto.internal.RepositoryBase;
import io.pocketto.internal.RepositoryFactory;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract between generated code and the runtime, read from the classes the processor generated for this
 * suite's models and repositories: of the runtime's {@code io.pocketto.internal}, they name exactly the types marked
 * {@link ForGeneratedCode}. A generator change that reaches for another engine type fails here, and so does a
 * mark left on a type generated code no longer needs.
 */
class GeneratedCodeContractTest {
  private static final String INTERNAL = "io.pocketto.internal";

  @Test
  void generatedClassesNameExactlyTheTypesMarkedForGeneratedCode() {
    JavaClasses suite = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .importPackages("io.pocketto.it");
    Set<String> generated = new TreeSet<>();
    Set<String> named = new TreeSet<>();
    for (JavaClass type : suite) {
      if (!isGenerated(type)) {
        continue;
      }
      generated.add(type.getName());
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        JavaClass target = outermost(dependency.getTargetClass().getBaseComponentType());
        if (target.getPackageName().equals(INTERNAL)) {
          named.add(target.getName());
        }
      }
    }

    JavaClasses runtime = new ClassFileImporter().importPackages(INTERNAL);
    Set<String> marked = new TreeSet<>();
    for (JavaClass type : runtime) {
      if (type.getPackageName().equals(INTERNAL) && type.isAnnotatedWith(ForGeneratedCode.class)) {
        marked.add(type.getName());
      }
    }

    assertThat(generated).as("generated classes found").contains(
        "io.pocketto.it.query.Invoice", "io.pocketto.it.query.InvoiceRepository_Impl", "io.pocketto.it.model.EveryType");
    assertThat(named).as("internal types generated code names").isEqualTo(marked);
  }

  /** A record (it implements {@code FieldAccess}) or a repository the processor wrote, nested types included. */
  private static boolean isGenerated(JavaClass type) {
    JavaClass top = outermost(type);
    return !top.getPackageName().startsWith(INTERNAL)
        && (top.isAssignableTo(FieldAccess.class) || top.isAssignableTo(RepositoryBase.class)
            || top.isAssignableTo(RepositoryFactory.class));
  }

  private static JavaClass outermost(JavaClass type) {
    JavaClass t = type;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }
}
