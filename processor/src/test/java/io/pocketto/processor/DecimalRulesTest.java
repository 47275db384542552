package io.pocketto.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.pocketto.processor.TestCompiler.compile;
import static io.pocketto.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import io.pocketto.internal.FieldSpec;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @Decimal} declares a decimal column's precision and scale, on BigDecimal fields only. */
class DecimalRulesTest {

  private static JavaFileObject modelWithField(String declaration) {
    return source("com.acme.InvoiceModel", """
        package com.acme;

        import io.pocketto.Decimal;
        import java.math.BigDecimal;

        @io.pocketto.Model
        public abstract class InvoiceModel {
          %s
        }
        """.formatted(declaration));
  }

  @Test
  void declaredPrecisionAndScaleReachTheFieldSpec() {
    Compilation compilation = compile(modelWithField("@Decimal(precision = 12, scale = 2) protected BigDecimal total;"));

    assertThat(compilation).succeededWithoutWarnings();
    FieldSpec total = new CompiledClasses(compilation).binding("com.acme.Invoice").fields().get(0);
    Assertions.assertThat(total.precision()).isEqualTo(12);
    Assertions.assertThat(total.scale()).isEqualTo(2);
  }

  @Test
  void decimalOnAFieldThatIsNotABigDecimalIsAnError() {
    JavaFileObject source = modelWithField("@Decimal(precision = 12, scale = 2) protected double total;");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(
            "[Pocketto] @Decimal on field 'total' of type double: only a BigDecimal field has a precision and scale")
        .inFile(source).onLineContaining("protected double total;");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest(name = "precision {0}, scale {1}")
  @CsvSource({"0, 0", "5, 6", "1001, 2", "10, -1"})
  void precisionAndScaleOutsideTheirRangesAreAnError(int precision, int scale) {
    String declaration = "@Decimal(precision = " + precision + ", scale = " + scale + ") protected BigDecimal total;";
    JavaFileObject source = modelWithField(declaration);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Pocketto] @Decimal(precision = " + precision + ", scale = " + scale
            + ") is invalid: precision must be 1 to 1000 and scale 0 to the precision")
        .inFile(source).onLineContaining(declaration);
    assertThat(compilation).hadErrorCount(1);
  }
}
