package io.pocketto.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.bench.model.ScaleInvoice;
import io.pocketto.query.Slice;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seek-page benchmark compares like with like: from every position, Pocketto's slice and the JDBC
 * statement return the same invoices in the same order, and agree on whether a next page exists; Pocketto's
 * read after the last record returns the same rows as the JDBC statement, the one past the page included.
 */
class SeekPageBenchmarkTest {

  @ParameterizedTest
  @EnumSource(Backend.class)
  @SuppressWarnings("unchecked")
  void bothVariantsReadTheSamePageAfterEveryPosition(Backend backend) throws Exception {
    SeekPageBenchmark pages = new SeekPageBenchmark();
    pages.backend = backend.name();
    pages.open();
    try {
      for (int i = 0; i < SeekPageBenchmark.positions(); i++) {
        pages.variant = "pocketto";
        Slice<ScaleInvoice> slice = (Slice<ScaleInvoice>) pages.page(i);
        pages.variant = "pocketto-record";
        List<ScaleInvoice> records = (List<ScaleInvoice>) pages.page(i);
        pages.variant = "jdbc";
        List<ScaleSuite.Row> rows = (List<ScaleSuite.Row>) pages.page(i);

        assertThat(slice.items()).hasSize(ScaleSuite.PAGE);
        assertThat(slice.items().stream().map(ScaleInvoice::getId).toList())
            .isEqualTo(rows.stream().limit(ScaleSuite.PAGE).map(ScaleSuite.Row::id).toList());
        assertThat(slice.items().stream().map(ScaleInvoice::getNumber).toList())
            .isEqualTo(rows.stream().limit(ScaleSuite.PAGE).map(ScaleSuite.Row::number).toList());
        assertThat(slice.hasNext()).isEqualTo(rows.size() > ScaleSuite.PAGE);
        assertThat(records.stream().map(ScaleInvoice::getId).toList())
            .isEqualTo(rows.stream().map(ScaleSuite.Row::id).toList());
        assertThat(records).hasSize(ScaleSuite.PAGE + 1);
      }
    } finally {
      pages.close();
    }
  }
}
