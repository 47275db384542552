package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file database is opened with a page cache and a sort memory sized to the heap, not H2's fixed
 * defaults (16 MiB of cache, 40,000 rows sorted in memory), unless the URL sets them itself: read back
 * from the database's own settings.
 */
class H2FileSettingsTest {
  private static final long GIB = 1L << 30;

  @Test
  void aFileDatabaseGetsAPageCacheOfAQuarterOfTheHeapAndASortMemoryToMatch(@TempDir Path dir) throws Exception {
    double heapGib = Runtime.getRuntime().maxMemory() / (double) GIB;
    assertThat(heapGib).as("a heap larger than H2's defaults are for").isGreaterThan(0.25);

    assertThat(settingsAfterOpening(dir, "")).containsEntry("CACHE_SIZE", quarterOfTheHeapInKib())
        .containsEntry("MAX_MEMORY_ROWS", Math.max(40_000, (long) (heapGib * 250_000)));
  }

  @Test
  void aCacheSizeOrSortMemoryInTheUrlIsKept(@TempDir Path dir) throws Exception {
    assertThat(settingsAfterOpening(dir, ";CACHE_SIZE=12345;MAX_MEMORY_ROWS=54321;QUERY_CACHE_SIZE=9"))
        .containsEntry("CACHE_SIZE", 12345L).containsEntry("MAX_MEMORY_ROWS", 54321L);
  }

  @Test
  void anotherCacheSettingInTheUrlDoesNotStandForThePageCache(@TempDir Path dir) throws Exception {
    assertThat(settingsAfterOpening(dir, ";QUERY_CACHE_SIZE=9")).containsEntry("CACHE_SIZE", quarterOfTheHeapInKib());
  }

  /** CACHE_SIZE and MAX_MEMORY_ROWS of a file database Pocketto opened with these settings after its path. */
  private static Map<String, Long> settingsAfterOpening(Path dir, String settings) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath();
    try (Database db = Pocketto.connect(url + settings)) {
      Invoice.in(db).count();
      try (Connection c = DriverManager.getConnection(url)) {
        return Map.of("CACHE_SIZE", setting(c, "CACHE_SIZE"), "MAX_MEMORY_ROWS", setting(c, "MAX_MEMORY_ROWS"));
      }
    }
  }

  private static long quarterOfTheHeapInKib() {
    return Math.max(16 * 1024, (long) (Runtime.getRuntime().maxMemory() / (double) GIB * 256 * 1024));
  }

  private static long setting(Connection c, String name) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as(name).isTrue();
        return Long.parseLong(rs.getString(1));
      }
    }
  }
}
