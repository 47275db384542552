package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.model;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.ModelBinding;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which fields are persisted, and each rule a persisted field must follow, reported on the field. */
class FieldRulesTest {

  /** A model with the given field declaration, and a nested interface and abstract class to refer to. */
  private static JavaFileObject modelWithField(String declaration) {
    return source("com.acme.InvoiceModel", """
        package com.acme;

        import java.math.BigDecimal;
        import java.util.List;
        import java.util.Map;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          public interface Shape {}

          public abstract static class Money {}

          public record Translation(String text, java.util.Locale language) {}

          protected String number;
          %s
        }
        """.formatted(declaration));
  }

  @Test
  void privateFieldIsRejected() {
    JavaFileObject source = modelWithField("private String customer;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'customer' must not be private: "
            + "make it protected or package-private so the generated class can track it")
        .inFile(source).onLineContaining("private String customer;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void finalFieldIsRejected() {
    JavaFileObject source = modelWithField("protected final String customer = \"ACME\";");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'customer' must not be final: "
            + "loading a document assigns it (mark it static or transient to keep it out of storage)")
        .inFile(source).onLineContaining("protected final String customer");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"_customer", "$customer"})
  void fieldNamesStartingWithUnderscoreOrDollarAreReservedForPocketto(String name) {
    JavaFileObject source = modelWithField("protected String " + name + ";");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field '" + name + "' must not start with '_' or '$': "
            + "those names are reserved for Pocketto's own columns")
        .inFile(source).onLineContaining("protected String " + name + ";");
    assertThat(compilation).hadErrorCount(1);
  }

  static Stream<Arguments> unsupportedTypes() {
    return Stream.of(
        Arguments.of("protected List<?> tags;", "tags", "java.util.List<?>",
            "type variables and wildcards cannot be stored; use a concrete type"),
        Arguments.of("@SuppressWarnings(\"rawtypes\") protected List tags;", "tags", "java.util.List",
            "raw List has no element type; give its type arguments, e.g. List<String>"),
        Arguments.of("@SuppressWarnings(\"rawtypes\") protected Map totals;", "totals", "java.util.Map",
            "raw Map has no element type; give its type arguments, e.g. Map<String, Integer>"),
        Arguments.of("protected Object payload;", "payload", "java.lang.Object",
            "Object has no fixed shape to read back; use a concrete type"),
        Arguments.of("protected List<Object> items;", "items", "java.util.List<java.lang.Object>",
            "Object has no fixed shape to read back; use a concrete type"),
        Arguments.of("protected java.util.Date issuedAt;", "issuedAt", "java.util.Date",
            "legacy date types are not supported; use Instant, LocalDate or LocalDateTime"),
        Arguments.of("protected java.util.Optional<String> note;", "note", "java.util.Optional<java.lang.String>",
            "Optional cannot be stored; use a nullable field"),
        Arguments.of("protected Shape shape;", "shape", "com.acme.InvoiceModel.Shape",
            "an interface or abstract class cannot be read back from JSON; use a concrete class or record"),
        Arguments.of("protected Money price;", "price", "com.acme.InvoiceModel.Money",
            "an interface or abstract class cannot be read back from JSON; use a concrete class or record"),
        Arguments.of("protected Thread worker;", "worker", "java.lang.Thread",
            "the JDK type java.lang.Thread has no JSON form Pocketto supports"),
        Arguments.of("protected Map<Double, BigDecimal> totalsByRate;", "totalsByRate",
            "java.util.Map<java.lang.Double,java.math.BigDecimal>",
            "map keys must be String, an enum, Integer, Long, UUID or LocalDate, not java.lang.Double"),
        Arguments.of("protected java.util.Locale language;", "language", "java.util.Locale",
            "a Locale does not come back exactly from any text form (variants and extensions are rewritten); store"
                + " its language tag, toLanguageTag(), as a String"),
        Arguments.of("protected List<java.util.Locale> languages;", "languages", "java.util.List<java.util.Locale>",
            "a Locale does not come back exactly from any text form (variants and extensions are rewritten); store"
                + " its language tag, toLanguageTag(), as a String"),
        Arguments.of("protected Translation title;", "title", "com.acme.InvoiceModel.Translation",
            "component 'language' of record Translation: a Locale does not come back exactly from any text form"
                + " (variants and extensions are rewritten); store its language tag, toLanguageTag(), as a String"),
        Arguments.of("protected java.net.URL homepage;", "homepage", "java.net.URL",
            "URL.equals resolves host names over the network, so a URL cannot be compared reliably; use java.net.URI"));
  }

  /** Each JDK value type has a column of its own, never JSON, so that it comes back exactly. */
  static Stream<Arguments> columnTypes() {
    return Stream.of(
        Arguments.of("java.time.ZonedDateTime", ColumnType.ZONED_DATE_TIME),
        Arguments.of("java.time.OffsetDateTime", ColumnType.OFFSET_DATE_TIME),
        Arguments.of("java.time.OffsetTime", ColumnType.OFFSET_TIME),
        Arguments.of("java.time.LocalTime", ColumnType.LOCAL_TIME),
        Arguments.of("java.time.Duration", ColumnType.DURATION),
        Arguments.of("java.time.Period", ColumnType.PERIOD),
        Arguments.of("java.time.Year", ColumnType.YEAR),
        Arguments.of("java.time.YearMonth", ColumnType.YEAR_MONTH),
        Arguments.of("java.time.MonthDay", ColumnType.MONTH_DAY),
        Arguments.of("java.time.ZoneId", ColumnType.ZONE_ID),
        Arguments.of("java.time.ZoneOffset", ColumnType.ZONE_OFFSET),
        Arguments.of("java.net.URI", ColumnType.URI),
        Arguments.of("java.util.Currency", ColumnType.CURRENCY),
        Arguments.of("java.math.BigInteger", ColumnType.BIG_INTEGER),
        Arguments.of("byte[]", ColumnType.BYTES),
        Arguments.of("java.time.DayOfWeek", ColumnType.ENUM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("columnTypes")
  void jdkValueTypesGetAColumnOfTheirOwn(String type, ColumnType expected) {
    Compilation compilation = compile(modelWithField("protected " + type + " value;"));

    assertThat(compilation).succeededWithoutWarnings();
    ModelBinding<?> binding = new CompiledClasses(compilation).binding("com.acme.Invoice");
    Assertions.assertThat(binding.fields().get(1).type()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupportedTypes")
  void unsupportedFieldTypeIsRejectedWithTheReason(String declaration, String field, String type, String reason) {
    JavaFileObject source = modelWithField(declaration);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Model field '" + field + "' has unsupported type " + type + ": " + reason)
        .inFile(source).onLineContaining(declaration);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fieldOfTheModelsTypeVariableIsRejectedNextToTheGenericClass() {
    JavaFileObject source = source("com.acme.BoxModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class BoxModel<T> {
          protected T content;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Model class BoxModel must not declare type parameters")
        .inFile(source).onLineContaining("class BoxModel<T>");
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field 'content' has unsupported type T: "
            + "type variables and wildcards cannot be stored; use a concrete type")
        .inFile(source).onLineContaining("protected T content;");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void everyBrokenRuleOfOneFieldIsReported() {
    JavaFileObject source = modelWithField("private final Object _payload = null;");

    Compilation compilation = compile(source);

    String line = "private final Object _payload";
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field '_payload' must not be private")
        .inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field '_payload' must not be final")
        .inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field '_payload' must not start with '_' or '$'")
        .inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorContaining("[Pocketto] @Model field '_payload' has unsupported type java.lang.Object")
        .inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void staticAndTransientFieldsAreNotPersisted() {
    // ContactModel also declares a static constant, a static counter and a transient cache.
    Compilation compilation = compile(model("com/acme/crm/ContactModel.java"));

    assertThat(compilation).succeededWithoutWarnings();
    ModelBinding<?> binding = new CompiledClasses(compilation).binding("com.acme.crm.Contact");
    Assertions.assertThat(binding.fields()).extracting(FieldSpec::name)
        .containsExactly("name", "email", "country");
  }

  @Test
  void staticAndTransientFieldsMayBeFinalPrivateOrOfAnyType() {
    JavaFileObject source = source("com.acme.InvoiceModel", """
        package com.acme;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          private static final Object LOCK = new Object();
          private static Thread worker;
          private final transient Object cache = new Object();

          protected String number;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(new CompiledClasses(compilation).binding("com.acme.Invoice").fields())
        .extracting(FieldSpec::name).containsExactly("number");
  }

  @Test
  void collectionsMapsArraysRecordsAndPojosAreStoredAsJson() {
    JavaFileObject source = source("com.acme.ReportModel", """
        package com.acme;

        import java.math.BigDecimal;
        import java.math.BigInteger;
        import java.time.Duration;
        import java.util.List;
        import java.util.Map;
        import java.util.Set;
        import java.util.SortedMap;
        import java.util.UUID;

        @io.pocketto.Model
        public abstract class ReportModel {
          public enum Flag { NEW, SEEN }

          public record Line(String label, BigDecimal amount) {}

          public static class Note {
            public String text;
          }

          protected int[] scores;
          protected String[][] grid;
          protected List<Map<String, List<Line>>> sections;
          protected Set<Flag> flags;
          protected Map<Flag, BigDecimal> totalsByFlag;
          protected SortedMap<UUID, Integer> countsBySource;
          protected Line headline;
          protected Note note;
          protected List<Duration> laps;
          protected Map<String, BigInteger> checksums;
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    ModelBinding<?> binding = new CompiledClasses(compilation).binding("com.acme.Report");
    Assertions.assertThat(binding.fields()).extracting(FieldSpec::name).containsExactly(
        "scores", "grid", "sections", "flags", "totalsByFlag", "countsBySource", "headline", "note", "laps",
        "checksums");
    Assertions.assertThat(binding.fields()).extracting(FieldSpec::type).containsOnly(ColumnType.JSON);
    Assertions.assertThat(binding.fields().get(2).jsonType().toCanonical()).isEqualTo(
        "java.util.List<java.util.Map<java.lang.String,java.util.List<com.acme.ReportModel$Line>>>");
  }
}
