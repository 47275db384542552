package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import io.pocketto.Database;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The seed's eventual conflict on the page, in a real headless Chromium: one server and two replicas
 * (each its own in-memory database, {@link Replication} live over HTTP and page), all in this JVM. Both
 * replicas are paused with the page's switch; the same invoice, at revision 9, is edited on each; the
 * replicas resume one after the other; the second shows the conflict with the first's revision
 * {@code 10-...} in the conflict panel and merges it; all three converge on one revision and the same
 * fields. Also: a field changed on both sides, which Merge alone cannot resolve, resolved by choosing a side
 * per field; and the master's page. Every step waits on a condition, never on a clock. Screenshots go to
 * {@code target/screenshots/}.
 */
class ReplicaPageBrowserTest {
  private static final String ID = "seed-1";
  /** Quick, so that the test spends its time on what it checks; the live loop is the same as a replica's. */
  private static final Duration SYNC_INTERVAL = Duration.ofMillis(300);

  private final Opened opened = new Opened();
  private HeadlessChromium browser;
  private WebDriver driver;

  @BeforeEach
  void requireChromium(@TempDir Path profile) {
    Assumptions.assumeTrue(HeadlessChromium.PRESENT, HeadlessChromium.HOW_TO_INSTALL);
    browser = open(HeadlessChromium.start(profile));
    driver = browser.driver();
  }

  @AfterEach
  void closeAll() throws Exception {
    opened.close();
  }

  private <T extends AutoCloseable> T open(T closeable) {
    return opened.open(closeable);
  }

  private Database memory(String name) {
    return opened.memory(name);
  }

  /** A replica as {@code --replicate-from} runs it: its own database, syncing live, serving the page. */
  private record Replica(Database db, Replication sync, ApiClient api, String url) {}

  private Replica replica(String name, InvoiceServer server) {
    Database db = memory(name);
    Replication sync = open(Replication.of(db, Remote.http(URI.create("http://127.0.0.1:" + server.port() + "/api/sync")))
        .models(SalesInvoice.class)
        .build());
    InvoiceServer web = open(InvoiceServer.start(db, "127.0.0.1", 0, sync));
    sync.start(SYNC_INTERVAL);
    return new Replica(db, sync, new ApiClient(web.port()), "http://127.0.0.1:" + web.port() + "/");
  }

  @Test
  void twoPausedReplicasEditTheSameInvoiceAndTheSecondMergesTheFirstsRevisionThenAllThreeConverge() throws IOException {
    Database master = memory("server");
    InvoiceServer server = open(InvoiceServer.start(master, "127.0.0.1", 0));
    ApiClient serverApi = new ApiClient(server.port());
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId(ID);
    invoice.setNumber("INV-001");
    invoice.setCustomer("Acme");
    invoice.setIssuedOn(java.time.LocalDate.of(2026, 11, 25));
    invoice.addLine("Consulting", 3, new java.math.BigDecimal("120.00"));
    invoice.saveTo(master);
    for (int i = 2; i <= 9; i++) {
      invoice.setCustomer("Acme " + i);
      invoice.save();
    }
    String nine = invoice.meta().rev();
    assertThat(nine).startsWith("9-");
    Replica a = replica("replica-a", server);
    Replica b = replica("replica-b", server);

    // 1. Both replicas hold revision 9, then are paused with the page's switch.
    driver.get(a.url());
    String tabA = driver.getWindowHandle();
    String tabB = openTab(b.url());
    for (String tab : List.of(tabA, tabB)) {
      Replica replica = tab.equals(tabA) ? a : b;
      driver.switchTo().window(tab);
      browser.await().until(d -> nine.equals(localRev(replica)));
      browser.awaitText("#sync-state", "Online");
      assertThat(browser.find("#sync-switch").isSelected()).isTrue();
      browser.click("#sync-switch");
      browser.awaitText("#sync-state", "Paused: working offline");
      assertThat(replica.sync().status().paused()).isTrue();
      // A sync that began before the pause finishes; this one waits for it, and no other starts while paused.
      replica.sync().syncOnce();
    }
    driver.switchTo().window(tabA);
    browser.screenshot("replica-paused.png");

    // 2. The same invoice edited on each: A changes the customer, B the number.
    String x = editOffline(tabA, a, "#f-customer", "Acme Holdings", nine);
    String y = editOffline(tabB, b, "#f-number", "INV-002", nine);
    assertThat(y).isNotEqualTo(x);
    assertThat(masterRev(serverApi)).as("nothing left a paused replica").isEqualTo(nine);

    // 3. The replicas resume: A first, so the server takes A's revision.
    driver.switchTo().window(tabA);
    browser.click("#sync-switch");
    browser.await().until(d -> x.equals(masterRev(serverApi)));
    browser.awaitText("#sync-pending", "No pending changes");
    browser.awaitText("#sync-state", "Online");

    // 4. B resumes: its push meets 10-x, and the conflict panel of the open invoice shows it.
    driver.switchTo().window(tabB);
    browser.click("#sync-switch");
    browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
    assertThat(browser.text("#conflict-title")).isEqualTo("This invoice changed on the server while this replica was offline");
    assertThat(revisions("#conflict-summary")).containsExactly(nine, x);
    assertThat(conflictRow("number")).containsExactly("Number\nyou changed it", "INV-002", "INV-001");
    assertThat(conflictRow("customer")).containsExactly("Customer\nthey changed it", "Acme 9", "Acme Holdings");
    assertThat(driver.findElements(By.cssSelector("#conflict-fields thead th")).stream()
        .map(th -> th.getText().toLowerCase(java.util.Locale.ROOT)).toList())
        .containsExactly("field", "on this replica", "on the server", "keep");
    assertThat(revisions("#sync-conflicts")).containsExactly(x);
    assertThat(b.sync().conflicts()).hasSize(1);
    assertThat(b.sync().conflicts().get(0).error().revision()).isEqualTo(x);
    assertThat(masterRev(serverApi)).isEqualTo(x);
    browser.screenshot("replica-conflict.png");

    browser.click("#merge");
    browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
    String merged = browser.awaitRevision("11-");
    assertThat(browser.text("#message")).startsWith("Merged");
    assertThat(browser.value("#f-number")).isEqualTo("INV-002");
    assertThat(browser.value("#f-customer")).isEqualTo("Acme Holdings");

    // 5. All three converge on B's merge: one revision and the same fields.
    browser.await().until(d -> merged.equals(masterRev(serverApi)) && merged.equals(localRev(a)));
    browser.awaitText("#sync-pending", "No pending changes");
    assertThat(driver.findElements(By.cssSelector("#sync-conflicts li"))).isEmpty();
    JsonNode onServer = serverApi.get("/api/invoices/" + ID).json();
    assertThat(a.api().get("/api/invoices/" + ID).json()).isEqualTo(onServer);
    assertThat(b.api().get("/api/invoices/" + ID).json()).isEqualTo(onServer);
    assertThat(onServer.get("_rev").asText()).isEqualTo(merged);
    assertThat(onServer.get("number").asText()).isEqualTo("INV-002");
    assertThat(onServer.get("customer").asText()).isEqualTo("Acme Holdings");
    assertThat(onServer.get("total").decimalValue()).isEqualByComparingTo("360.00");
    driver.switchTo().window(tabA);
    driver.navigate().refresh();
    browser.awaitRevision(merged);
    assertThat(browser.value("#f-number")).isEqualTo("INV-002");
    browser.screenshot("replica-converged.png");
  }

  @Test
  void aFieldChangedOnBothSidesIsMarkedAndTheChoiceSavedResolvesIt() {
    Database master = memory("server");
    InvoiceServer server = open(InvoiceServer.start(master, "127.0.0.1", 0));
    ApiClient serverApi = new ApiClient(server.port());
    ApiClient.Response created = serverApi.post("/api/invoices",
        "{\"id\": \"" + ID + "\", \"number\": \"INV-001\", \"customer\": \"Acme\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String one = created.json().get("_rev").asText();
    Replica replica = replica("replica", server);

    browser.await().until(d -> one.equals(localRev(replica)));
    driver.get(replica.url() + "#/invoices/" + ID);
    browser.awaitRevision(one);
    browser.awaitText("#sync-state", "Online");
    browser.click("#sync-switch");
    browser.awaitText("#sync-state", "Paused: working offline");
    replica.sync().syncOnce(); // waits for a sync begun before the pause
    browser.type("#f-number", "INV-001-R");
    browser.type("#f-customer", "Acme Replica");
    browser.click("#save");
    browser.awaitRevision("2-");
    ApiClient.Response onServer = serverApi.send("PATCH", "/api/invoices/" + ID, "{\"number\": \"INV-001-S\"}",
        "If-Match", "\"" + one + "\"");
    assertThat(onServer.status()).as(onServer.text()).isEqualTo(200);
    String theirs = onServer.json().get("_rev").asText();

    browser.click("#sync-switch");
    browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
    assertThat(conflictRow("number")).containsExactly("Number\nboth changed it", "INV-001-R", "INV-001-S");
    assertThat(conflictRow("customer")).containsExactly("Customer\nyou changed it", "Acme Replica", "Acme");
    // The server answers a merge that meets a true conflict with the conflict again, and the page draws the
    // panel anew: wait for that before reading or clicking it, or the test holds the old panel's elements.
    WebElement shownBefore = driver.findElement(By.cssSelector("#conflict-fields tr[data-field='number']"));
    browser.click("#merge");
    browser.await().until(ExpectedConditions.stalenessOf(shownBefore));
    browser.await().until(d -> browser.text("#conflict-summary").contains("Both of you changed Number"));
    assertThat(driver.findElement(By.cssSelector("#conflict-fields tr[data-field='number']")).getDomAttribute("class"))
        .isEqualTo("both");
    assertThat(browser.find("#conflict").isDisplayed()).as("Merge alone cannot resolve it").isTrue();

    browser.click("#conflict-fields input[name='keep-number'][value='theirs']");
    browser.click("#save-choices");
    browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
    String resolved = browser.awaitRevision("3-");
    assertThat(browser.value("#f-number")).isEqualTo("INV-001-S");
    assertThat(browser.value("#f-customer")).isEqualTo("Acme Replica");
    browser.await().until(d -> resolved.equals(masterRev(serverApi)));
    JsonNode stored = serverApi.get("/api/invoices/" + ID).json();
    assertThat(stored.get("number").asText()).isEqualTo("INV-001-S");
    assertThat(stored.get("customer").asText()).isEqualTo("Acme Replica");
    assertThat(replica.api().get("/api/invoices/" + ID).json()).isEqualTo(stored);
    assertThat(theirs).startsWith("2-");
  }

  @Test
  void onTheMasterThePanelSaysItIsTheMaster() {
    Database master = memory("server");
    InvoiceServer server = open(InvoiceServer.start(master, "127.0.0.1", 0));

    driver.get("http://127.0.0.1:" + server.port() + "/");

    assertThat(browser.text("#sync-master")).startsWith("This server is the master");
    assertThat(driver.findElement(By.id("sync-replica")).isDisplayed()).isFalse();
  }

  @Test
  void aReplicaSignedInAsAUserSaysWhoInItsHeaderAndOneWithoutAUserSaysNothing() {
    InvoiceServer server = open(InvoiceServer.start(memory("server"), "127.0.0.1", 0));
    Database aliceDb = memory("alice");
    Replication aliceSync = open(Replication.of(aliceDb,
            Remote.http(URI.create("http://127.0.0.1:" + server.port() + "/api/sync")))
        .models(SalesInvoice.class)
        .build());
    InvoiceServer alicePage = open(InvoiceServer.start(aliceDb, "127.0.0.1", 0, aliceSync, "alice"));
    Replica anonymous = replica("anonymous", server);

    driver.get("http://127.0.0.1:" + alicePage.port() + "/");
    assertThat(browser.text("#signed-in-as")).isEqualTo("Signed in as alice");

    driver.get(anonymous.url());
    assertThat(browser.text("#sync-state")).isNotEmpty(); // waits until the page has shown the replica's state
    assertThat(anonymous.api().get("/api/replica").json().get("signedInAs").isNull()).isTrue();
    assertThat(driver.findElements(By.id("signed-in-as"))).isEmpty();
  }

  /** Opens the invoice on a paused replica's page, changes one input and saves; returns the new revision. */
  private String editOffline(String tab, Replica replica, String input, String value, String from) {
    driver.switchTo().window(tab);
    driver.get(replica.url() + "#/invoices/" + ID);
    browser.awaitRevision(from);
    browser.type(input, value);
    browser.click("#save");
    String saved = browser.awaitRevision("10-");
    browser.awaitText("#sync-pending", "1 pending change");
    return saved;
  }

  private String openTab(String url) {
    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(url);
    return driver.getWindowHandle();
  }

  private static String localRev(Replica replica) {
    return SalesInvoice.in(replica.db()).find(ID).map(i -> i.meta().rev()).orElse(null);
  }

  private static String masterRev(ApiClient serverApi) {
    return serverApi.get("/api/invoices/" + ID).json().path("_rev").asText(null);
  }

  /** The revisions named in an element, in order. */
  private List<String> revisions(String css) {
    return browser.find(css).findElements(By.cssSelector("code.rev")).stream().map(WebElement::getText).toList();
  }

  /** The cells of the conflict panel's row for {@code field}, as shown. */
  private List<String> conflictRow(String field) {
    return driver.findElements(By.cssSelector("#conflict-fields tr[data-field='" + field + "'] td")).stream()
        .limit(3).map(WebElement::getText).toList();
  }
}
