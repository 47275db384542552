package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ModelBindingTest.Note;
import io.pocketto.query.ComparableProperty;
import io.pocketto.query.Condition;
import io.pocketto.query.StringProperty;
import io.pocketto.query.ValueProperty;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A property, a condition and an order only describe a query; the engine writes them as SQL ({@link SqlWriter}).
 * What a property class refuses at construction, and the SQL and parameters the engine writes for a description.
 */
class QueryDescriptionTest {
  private static final StringProperty<Note> TITLE = new StringProperty<>(Note.BINDING, 0);
  private static final ComparableProperty<Note, Integer> PAGES = new ComparableProperty<>(Note.BINDING, 1);
  private final Dialect h2 = new H2Dialect();

  @Test
  void aPropertyClassRefusesAFieldOfAnotherKindNamingFieldAndModel() {
    assertThatThrownBy(() -> new StringProperty<>(Note.BINDING, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("StringProperty cannot describe field 'pages', whose type takes a ComparableProperty; "
            + "rebuild the project so the processor regenerates Note");
    assertThatThrownBy(() -> new ValueProperty<Note, Integer>(Note.BINDING, 1))
        .hasMessageStartingWith("ValueProperty cannot describe field 'pages'");
    assertThatThrownBy(() -> new ComparableProperty<Note, String>(Note.BINDING, 0))
        .hasMessageStartingWith("ComparableProperty cannot describe field 'title', whose type takes a StringProperty");
    assertThat(TITLE.name()).isEqualTo("title");
    assertThat(PAGES.name()).isEqualTo("pages");
  }

  @Test
  void theEngineWritesAConditionWithItsValuesInOrder() {
    Condition<Note> c = TITLE.startsWith("50%").or(TITLE.eqIgnoreCase("X")).and(PAGES.between(2, 9))
        .and(PAGES.in(List.of(1, 3)));
    SqlFragment sql = SqlWriter.render(c, h2);

    assertThat(sql.sql()).isEqualTo("(((\"title\" LIKE ? ESCAPE '\\' OR LOWER(\"title\") = LOWER(?))"
        + " AND \"pages\" BETWEEN ? AND ?) AND \"pages\" = ANY(?))");
    assertThat(sql.params()).extracting(SqlParameter::value).containsExactly("50\\%%", "X", 2, 9, List.of(1, 3));
    assertThat(sql.params()).extracting(SqlParameter::type)
        .containsExactly(ColumnType.STRING, ColumnType.STRING, ColumnType.INT, ColumnType.INT, ColumnType.INT);
    assertThat(sql.params().get(4).array()).isTrue();
  }

  @Test
  void createdAndUpdatedAtAreTheColumnsEveryDocumentHas() {
    SqlFragment sql = SqlWriter.render(ComparableProperty.createdAt(Note.BINDING).gt(Instant.EPOCH)
        .and(ComparableProperty.updatedAt(Note.BINDING).isNull()), h2);

    assertThat(sql.sql()).isEqualTo("(\"_created_at\" > ? AND \"_updated_at\" IS NULL)");
    assertThat(sql.params()).extracting(SqlParameter::type).containsExactly(ColumnType.INSTANT);
  }
}
