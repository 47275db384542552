package io.pocketto.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The wall between the API and the engine: nothing an application can see in {@code io.pocketto},
 * {@code io.pocketto.query} or {@code io.pocketto.sync} names a type of {@code io.pocketto.internal}. A public
 * method that returned an engine type would let applications depend on the engine, which may change in any
 * release; the engine reaches what it needs through {@code internal.ApiAccess} and {@code ModelType} instead.
 */
public class ApiBoundaryTest {
  private static final Set<String> API_PACKAGES = Set.of("io.pocketto", "io.pocketto.query", "io.pocketto.sync");
  private static final String ENGINE = "io.pocketto.internal";

  @Test
  void noEngineTypeInAPublicSignatureOfTheApi() {
    JavaClasses runtime = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.pocketto");
    Scan scan = scan(runtime);

    assertThat(scan.violations).as("public signatures of the API that name engine types").isEmpty();
    // The scan really looked: every API package, and the members that make up the API.
    assertThat(scan.packages).containsExactlyInAnyOrderElementsOf(API_PACKAGES);
    assertThat(scan.members).as("public members checked").isGreaterThan(300);
  }

  @Test
  void theCheckCatchesAnEngineTypeInASignature() {
    JavaClasses fixture = new ClassFileImporter().importClasses(LeakyApi.class, LeakyApi.Nested.class);
    Scan scan = scan(fixture, Set.of(LeakyApi.class.getPackageName()));

    assertThat(scan.violations).containsExactlyInAnyOrder(
        "io.pocketto.architecture.ApiBoundaryTest$LeakyApi.table(): io.pocketto.internal.DocumentTable",
        "io.pocketto.architecture.ApiBoundaryTest$LeakyApi.tables(): io.pocketto.internal.DocumentTable",
        "io.pocketto.architecture.ApiBoundaryTest$LeakyApi.<init>(io.pocketto.internal.Dialect):"
            + " io.pocketto.internal.Dialect",
        "io.pocketto.architecture.ApiBoundaryTest$LeakyApi.dialect: io.pocketto.internal.Dialect",
        "io.pocketto.architecture.ApiBoundaryTest$LeakyApi$Nested extends/implements:"
            + " io.pocketto.internal.FieldAccess");
  }

  private static Scan scan(JavaClasses classes) {
    return scan(classes, API_PACKAGES);
  }

  private static Scan scan(JavaClasses classes, Set<String> apiPackages) {
    Scan scan = new Scan();
    for (JavaClass type : classes) {
      if (!apiPackages.contains(type.getPackageName()) || !visible(type)) {
        continue;
      }
      scan.packages.add(type.getPackageName());
      List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
      type.getSuperclass().ifPresent(supertypes::add);
      scan.check(type.getName() + " extends/implements", supertypes);
      for (JavaCodeUnit unit : type.getCodeUnits()) {
        if (exposed(unit.getModifiers())) {
          List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
          types.add(unit.getReturnType());
          types.addAll(unit.getThrowsClause().getTypes());
          scan.check(type.getName() + "." + unit.getName() + "(" + String.join(", ",
              unit.getRawParameterTypes().stream().map(JavaClass::getName).toList()) + ")", types);
        }
      }
      for (JavaField field : type.getFields()) {
        if (exposed(field.getModifiers())) {
          scan.check(type.getName() + "." + field.getName(), List.of(field.getType()));
        }
      }
    }
    return scan;
  }

  /** A public type whose enclosing types are public too: one an application can name. */
  private static boolean visible(JavaClass type) {
    for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
      if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static boolean exposed(Set<JavaModifier> modifiers) {
    return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
        && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
  }

  private static final class Scan {
    final List<String> violations = new ArrayList<>();
    final Set<String> packages = new java.util.HashSet<>();
    int members;

    void check(String where, List<? extends JavaType> types) {
      members++;
      types.stream()
          .flatMap(t -> t.getAllInvolvedRawTypes().stream())
          .map(JavaClass::getName)
          .filter(name -> name.startsWith(ENGINE + "."))
          .distinct()
          .forEach(name -> violations.add(where + ": " + name));
    }
  }

  /** A fixture that breaks the rule in each way the scan looks at. */
  @SuppressWarnings("unused")
  public static class LeakyApi {
    public io.pocketto.internal.Dialect dialect;

    public LeakyApi(io.pocketto.internal.Dialect dialect) {}

    public io.pocketto.internal.DocumentTable<?> table() {
      return null;
    }

    public List<io.pocketto.internal.DocumentTable<?>> tables() {
      return null;
    }

    void packagePrivateIsFine(io.pocketto.internal.Dialect dialect) {}

    public abstract static class Nested implements io.pocketto.internal.FieldAccess {}
  }
}
