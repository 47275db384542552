package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Pocketto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs {@link Pocketto#connect(String)} refuses before touching any database. */
class ConnectTest {

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:derby:memory:x", "jdbc:sqlite:app.db", "h2:mem:x", "jdbc:mysql://localhost/app"})
  void unsupportedUrlIsRejectedNamingTheSupportedPrefixes(String url) {
    assertThatThrownBy(() -> Pocketto.connect(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(url)
        .hasMessageContaining("jdbc:h2:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankUrlIsRejected(String url) {
    assertThatThrownBy(() -> Pocketto.connect(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:h2:");
  }

  @Test
  void nullUrlIsRejected() {
    assertThatThrownBy(() -> Pocketto.connect((String) null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullDataSourceIsRejected() {
    assertThatThrownBy(() -> Pocketto.connect((javax.sql.DataSource) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DataSource");
  }

  @Test
  void aUrlAndADataSourceTogetherAreRejected() {
    assertThatThrownBy(() -> Pocketto.builder().url("jdbc:h2:mem:never").dataSource(new org.h2.jdbcx.JdbcDataSource()).connect())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("give a JDBC URL or a DataSource, not both");
  }

  @Test
  void poolSizeBelowOneIsRejected() {
    assertThatThrownBy(() -> Pocketto.connect("jdbc:h2:mem:never", null, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPoolSize");
  }
}
