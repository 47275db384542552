package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SampleApp;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link SampleApp#main} in a child JVM, stopped by SIGTERM as a container or Ctrl+C would: only the
 * app's shutdown hook closes the server and then the database (H2 is told not to close it on exit), so
 * without the hook the log lines and the clean close this test expects are missing.
 */
class SampleAppShutdownHookTest {
  private static final Pattern LISTENING = Pattern.compile("open http://localhost:(\\d+)/");

  @Test
  void sigtermClosesTheServerAndThenTheDatabaseThroughTheShutdownHook(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("billing") + ";DB_CLOSE_ON_EXIT=FALSE";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process app = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.log.com.acme.billing=info",
        "-cp", System.getProperty("java.class.path"), SampleApp.class.getName(), "--db", url, "--port", "0")
        .redirectErrorStream(true)
        .start();
    List<String> log = new ArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (log) {
            log.add(line);
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      } finally {
        port.completeExceptionally(new AssertionError("the app ended before it listened: " + log));
      }
    }, "sample-app-output");
    reader.start();
    try {
      ApiClient client = new ApiClient(port.get(2, TimeUnit.MINUTES));
      ApiClient.Response created = client.post("/api/invoices",
          ApiTestSupport.invoiceJson("hook-1", "INV-HOOK", "Shutdown Hook Ltd"));
      assertThat(created.status()).as(created.text()).isEqualTo(201);

      // SIGTERM through the handle: Process.destroy() would also close our end of the app's output.
      assertThat(app.toHandle().destroy()).as("SIGTERM sent").isTrue();
      assertThat(app.waitFor(2, TimeUnit.MINUTES)).as("the app exited after SIGTERM").isTrue();
    } finally {
      app.toHandle().destroyForcibly();
    }
    reader.join(TimeUnit.MINUTES.toMillis(1));

    String output;
    synchronized (log) {
      output = String.join("\n", log);
    }
    assertThat(output).as("exit %d, output:%n%s", app.exitValue(), output).contains("Shutdown requested", "Web server stopped", "closed. Bye.");
    assertThat(output.indexOf("Web server stopped")).as("the server stops before the database closes")
        .isLessThan(output.indexOf("closed. Bye."));
    try (Database db = Pocketto.connect(url)) {
      assertThat(com.acme.billing.SalesInvoice.in(db).find("hook-1")).get()
          .extracting(invoice -> invoice.getNumber()).isEqualTo("INV-HOOK");
    }
  }
}
