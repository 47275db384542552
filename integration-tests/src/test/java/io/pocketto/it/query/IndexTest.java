package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @Index} and {@code @Model(indexes)} create their indexes with the table, under derived names. */
class IndexTest {

  @Test
  void declaredIndexesAreCreatedWithTheTableUnderDerivedNames() throws Exception {
    try (Database db = Pocketto.connect("jdbc:h2:mem:index-test")) {
      Invoice.in(db).count();
      try (Connection c = DriverManager.getConnection("jdbc:h2:mem:index-test")) {
        Map<String, List<String>> indexes = indexColumns(c, "query_invoices");
        assertThat(indexes).containsEntry("query_invoices_number__id_idx", List.of("number", "_id"));
        assertThat(indexes).containsEntry("query_invoices_customer_issued_on__id_idx",
            List.of("customer", "issued_on", "_id"));
      }
    }
  }

  @Test
  void reopeningTheDatabaseKeepsTheSameIndexes(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath();
    try (Database first = Pocketto.connect(url)) {
      Invoice.in(first).count();
    }
    try (Database again = Pocketto.connect(url)) {
      Invoice.in(again).count();
      try (Connection c = DriverManager.getConnection(url)) {
        assertThat(indexColumns(c, "query_invoices").keySet())
            .filteredOn(name -> name.endsWith("_idx") && !name.endsWith("_pos_idx"))
            .containsExactlyInAnyOrder("query_invoices_number__id_idx", "query_invoices_customer_issued_on__id_idx");
      }
    }
  }

  @Test
  void aDatabaseWithTheIndexesOfAnOlderVersionGetsTheNewOnesNextToThemOnItsNextStart(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath();
    try (Database first = Pocketto.connect(url)) {
      Invoice.in(first).count();
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      // What versions before the id tie-breaker created: the fields alone, in the database's null order.
      s.execute("DROP INDEX \"query_invoices_number__id_idx\"");
      s.execute("DROP INDEX \"query_invoices_customer_issued_on__id_idx\"");
      s.execute("CREATE INDEX \"query_invoices_number_idx\" ON \"query_invoices\" (\"number\")");
      s.execute("CREATE INDEX \"query_invoices_customer_issued_on_idx\" ON \"query_invoices\" "
          + "(\"customer\", \"issued_on\")");
    }
    try (Database again = Pocketto.connect(url)) {
      Invoice.in(again).count();
      try (Connection c = DriverManager.getConnection(url)) {
        Map<String, List<String>> indexes = indexColumns(c, "query_invoices");
        assertThat(indexes)
            .containsEntry("query_invoices_number__id_idx", List.of("number", "_id"))
            .containsEntry("query_invoices_customer_issued_on__id_idx", List.of("customer", "issued_on", "_id"))
            .containsEntry("query_invoices_number_idx", List.of("number"))
            .containsEntry("query_invoices_customer_issued_on_idx", List.of("customer", "issued_on"));
      }
    }
  }

  private static Map<String, List<String>> indexColumns(Connection c, String table) throws Exception {
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
      while (rs.next()) {
        indexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
      }
    }
    return indexes;
  }
}
