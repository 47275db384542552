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
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The wall between the API and the engine: nothing an application can see in {@code io.pocketto},
 * {@code io.pocketto.query} or {@code io.pocketto.sync} names a type of {@code io.pocketto.internal}. A public
 * method that returned an engine type would let applications depend on the engine, which may change in any
 * release; the engine reaches what it needs through {@code internal.ApiAccess} and {@code ModelType} instead.
 * And the package {@code io.pocketto} itself depends on nothing of the engine, in its bodies either: its
 * interfaces are implemented by the engine, which it finds through {@code DatabaseProvider}, so the two
 * packages do not import each other.
 */
public class ApiBoundaryTest {
  private static final Set<String> API_PACKAGES = Set.of("io.pocketto", "io.pocketto.query", "io.pocketto.sync");
  private static final String API = "io.pocketto";
  private static final String ENGINE = "io.pocketto.internal";

  private static JavaClasses runtime() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.pocketto");
  }

  /** No class of exactly {@code apiPackage} (not its subpackages) depends on a class of the engine. */
  private static ArchRule importsNothingFromTheEngine(String apiPackage) {
    return ArchRuleDefinition.noClasses().that().resideInAPackage(apiPackage)
        .should().dependOnClassesThat().resideInAPackage(ENGINE);
  }

  @Test
  void theApiPackageImportsNothingFromTheEngine() {
    JavaClasses runtime = runtime();
    EvaluationResult result = importsNothingFromTheEngine(API).evaluate(runtime);

    assertThat(result.getFailureReport().getDetails()).as("dependencies of io.pocketto on the engine").isEmpty();
    // The rule looked at the API package: its classes, among them the interfaces the engine implements.
    List<String> api = runtime.stream().filter(c -> c.getPackageName().equals(API)).map(JavaClass::getSimpleName)
        .toList();
    assertThat(api).hasSizeGreaterThan(40).contains("Database", "ModelStore", "Pocketto", "PockettoModule",
        "Repositories", "Lock", "WriterScope", "DatabaseProvider");
    // The other direction is the design (the engine implements the API), and the same rule sees it.
    assertThat(ArchRuleDefinition.noClasses().that().resideInAPackage(ENGINE)
        .should().dependOnClassesThat().resideInAPackage(API).evaluate(runtime).hasViolation()).isTrue();
  }

  @Test
  void theImportRuleCatchesADependencyInASignatureOrABody() {
    JavaClasses fixture = new ClassFileImporter().importClasses(LeakyApi.class, ReachesIn.class, Fine.class);
    List<String> details = importsNothingFromTheEngine(LeakyApi.class.getPackageName()).evaluate(fixture)
        .getFailureReport().getDetails();

    assertThat(details).anyMatch(d -> d.contains("ReachesIn.id()") && d.contains("Ids.uuidV7()"));
    assertThat(details).anyMatch(d -> d.contains("LeakyApi.dialect") && d.contains("io.pocketto.internal.Dialect"));
    // Unlike the signature scan, this rule counts package-private members too: any dependency is an import.
    assertThat(details).anyMatch(d -> d.contains("LeakyApi.packagePrivateIsFine"));
    assertThat(details).noneMatch(d -> d.contains("ApiBoundaryTest$Fine"));
  }

  @Test
  void noEngineTypeInAPublicSignatureOfTheApi() {
    JavaClasses runtime = runtime();
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

  /** A fixture whose signatures are clean but whose body calls into the engine. */
  static class ReachesIn {
    String id() {
      return io.pocketto.internal.Ids.uuidV7();
    }
  }

  /** A fixture that depends on the API only. */
  static class Fine {
    String id(io.pocketto.Database database) {
      return database.id();
    }
  }
}
