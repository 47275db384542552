package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium: an invoice edited in two tabs, the conflict panel in the tab
 * that saved second, and "Merge" resolving it. Uses Debian's {@code chromium} and
 * {@code chromium-driver}; where they are missing the test is skipped, and says how to install them.
 */
class ConflictPageBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final boolean CHROMIUM_PRESENT = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  private static final String HOW_TO_INSTALL = "Skipping the browser test: no Chromium at " + CHROMIUM
      + " or no chromedriver at " + CHROMEDRIVER + ". Install them with: sudo apt-get update && sudo apt-get "
      + "install -y chromium chromium-driver (or point -Dchromium.binary and -Dchromedriver.binary at them)";

  private static Database db;
  private static InvoiceServer server;
  private static ApiClient client;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void startServerAndBrowser(@TempDir Path profile) {
    if (!CHROMIUM_PRESENT) {
      // Said here too, because a skipped test's reason is easy to miss in a build log.
      System.err.println(HOW_TO_INSTALL);
      return;
    }
    db = Pocketto.connect("jdbc:h2:mem:browser-" + UUID.randomUUID());
    server = InvoiceServer.start(db, "127.0.0.1", 0);
    client = new ApiClient(server.port());
    base = "http://127.0.0.1:" + server.port();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
  }

  @BeforeEach
  void requireChromium() {
    Assumptions.assumeTrue(CHROMIUM_PRESENT, HOW_TO_INSTALL);
  }

  @AfterAll
  static void stopBrowserAndServer() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
      db.close();
    }
  }

  @Test
  void aConflictInASecondTabIsShownSideBySideAndResolvedByMerge() throws IOException {
    client.post("/api/invoices", """
        {"number": "INV-0998", "customer": "Globex", "issuedOn": "2026-11-02", "status": "PAID",
         "lines": [{"description": "Support plan", "quantity": 12, "unitPrice": 49.00}]}""");
    client.post("/api/invoices", """
        {"number": "INV-0999", "customer": "Initech", "issuedOn": "2026-11-10", "status": "SENT",
         "lines": [{"description": "Audit", "quantity": 1, "unitPrice": 1500}]}""");

    // Create an invoice on the page.
    driver.get(base + "/");
    click("#new-invoice");
    type("#f-number", "INV-1000");
    type("#f-customer", "Acme Pte Ltd");
    type("#lines tbody tr:nth-child(1) .line-description", "Consulting");
    type("#lines tbody tr:nth-child(1) .line-quantity", "3");
    type("#lines tbody tr:nth-child(1) .line-price", "120");
    click("#add-line");
    type("#lines tbody tr:nth-child(2) .line-description", "Travel");
    type("#lines tbody tr:nth-child(2) .line-quantity", "2");
    type("#lines tbody tr:nth-child(2) .line-price", "45.50");
    assertThat(text("#total")).isEqualTo("451.00");
    click("#save");
    awaitRevision("1-");
    String editUrl = driver.getCurrentUrl();
    String id = editUrl.substring(editUrl.indexOf("#/invoices/") + "#/invoices/".length());

    click("#back");
    await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#invoices tr[data-id='" + id + "']")));
    assertThat(text("#list-summary")).isEqualTo("3 invoices");
    screenshot("invoice-list.png");

    // Open it in two tabs; the first saves a new customer.
    driver.get(editUrl);
    awaitRevision("1-");
    String first = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(editUrl);
    awaitRevision("1-");
    String second = driver.getWindowHandle();

    driver.switchTo().window(first);
    type("#f-customer", "Acme Holdings");
    click("#save");
    awaitRevision("2-");

    // The second tab still started from revision 1: its save meets the conflict panel.
    driver.switchTo().window(second);
    type("#f-number", "INV-1000-A");
    click("#save");
    await().until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
    assertThat(conflictRow("number")).containsExactly("Number\nyou changed it", "INV-1000-A", "INV-1000");
    assertThat(conflictRow("customer")).containsExactly("Customer\nthey changed it", "Acme Pte Ltd", "Acme Holdings");
    assertThat(text("#conflict-summary")).contains("revision 1-", "revision 2-");
    screenshot("conflict-panel.png");

    click("#merge");
    await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
    awaitRevision("3-");

    JsonNode stored = client.get("/api/invoices/" + id).json();
    assertThat(stored.get("number").asText()).isEqualTo("INV-1000-A");
    assertThat(stored.get("customer").asText()).isEqualTo("Acme Holdings");
    assertThat(stored.get("total").decimalValue()).isEqualByComparingTo("451.00");
    assertThat(stored.get("lines")).hasSize(2);
    assertThat(stored.get("_rev").asText()).isEqualTo(text("#editor-rev"));
    assertThat(value("#f-number")).isEqualTo("INV-1000-A");
    assertThat(value("#f-customer")).isEqualTo("Acme Holdings");
    assertThat(text("#message")).startsWith("Merged");
  }

  @Test
  void whileAliceEditsBobSeesAliceIsEditingAndTakesOverWhenSheSaves() throws IOException {
    String id = "inv-lock-" + UUID.randomUUID();
    client.post("/api/invoices", """
        {"id": "%s", "number": "INV-2000", "customer": "Acme Pte Ltd", "issuedOn": "2026-11-20",
         "lines": [{"description": "Consulting", "quantity": 1, "unitPrice": 100}]}""".formatted(id));
    String lock = "/api/invoices/" + id + "/lock";

    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(base + "/?user=Alice#/invoices/" + id);
    awaitRevision("1-");
    await().until(d -> "Alice".equals(client.get(lock).json().get("holder").asText(null)));
    String alice = driver.getWindowHandle();

    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(base + "/?user=Bob#/invoices/" + id);
    awaitRevision("1-");
    assertThat(text("#lock-banner")).isEqualTo("Alice is editing this invoice. You can save once they are done.");
    assertThat(driver.findElement(By.id("save")).isEnabled()).isFalse();
    screenshot("alice-is-editing.png");
    String bob = driver.getWindowHandle();

    driver.switchTo().window(alice);
    assertThat(driver.findElement(By.id("lock-banner")).isDisplayed()).isFalse();
    type("#f-customer", "Acme Holdings");
    click("#save");
    awaitRevision("2-");

    // Released on save: Bob's page sees it, takes the lock and shows what Alice saved.
    driver.switchTo().window(bob);
    await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("lock-banner")));
    awaitRevision("2-");
    assertThat(value("#f-customer")).isEqualTo("Acme Holdings");
    assertThat(driver.findElement(By.id("save")).isEnabled()).isTrue();
    assertThat(client.get(lock).json().get("holder").asText()).isEqualTo("Bob");

    // Released on cancel.
    click("#back");
    await().until(d -> client.get(lock).json().get("holder").isNull());
    assertThat(client.get("/api/invoices/" + id).json().get("customer").asText()).isEqualTo("Acme Holdings");
  }

  private static WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  private static WebElement find(String css) {
    return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static void click(String css) {
    await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  private static void type(String css, String text) {
    WebElement input = find(css);
    input.clear();
    input.sendKeys(text);
  }

  private static String text(String css) {
    return find(css).getText();
  }

  private static String value(String css) {
    return find(css).getDomProperty("value");
  }

  private static void awaitRevision(String prefix) {
    await().until(d -> d.findElement(By.id("editor-rev")).getText().startsWith(prefix));
  }

  /** The cells of the conflict panel's row for {@code field}, as shown. */
  private static List<String> conflictRow(String field) {
    return driver.findElements(By.cssSelector("#conflict-fields tr[data-field='" + field + "'] td")).stream()
        .limit(3).map(WebElement::getText).toList();
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
