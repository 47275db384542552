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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium: an invoice edited in two tabs, the conflict panel in the tab
 * that saved second, and "Merge" resolving it; a new invoice saved with its required fields alone;
 * errors shown next to their inputs; and the editor on a phone-sized screen. Screenshots of each go to
 * {@code target/screenshots/}. Uses Debian's {@code chromium} and {@code chromium-driver}; where they are
 * missing the test is skipped, and says how to install them.
 */
class ConflictPageBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final boolean CHROMIUM_PRESENT = HeadlessChromium.PRESENT;
  private static final String HOW_TO_INSTALL = HeadlessChromium.HOW_TO_INSTALL;

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

    driver = HeadlessChromium.start(profile).driver();
  }

  @BeforeEach
  void requireChromium() {
    Assumptions.assumeTrue(CHROMIUM_PRESENT, HOW_TO_INSTALL);
  }

  @AfterEach
  void backToTheDesktopSizeAndOneTab() {
    if (driver == null) {
      return;
    }
    ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    List<String> tabs = List.copyOf(driver.getWindowHandles());
    for (String tab : tabs.subList(1, tabs.size())) {
      driver.switchTo().window(tab).close();
    }
    driver.switchTo().window(tabs.get(0));
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
    click("#add-line");
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
    // Other tests of this class share the database; the page counts what the API counts.
    assertThat(text("#list-summary")).isEqualTo(client.get("/api/invoices").json().get("total").asInt() + " invoices");
    screenshot("invoice-list.png");
    type("#filter-customer", "initech");
    click("#filter button[type='submit']");
    await().until(d -> d.findElements(By.cssSelector("#invoices tbody tr")).size() == 1);
    assertThat(text("#list-summary")).isEqualTo("1 invoice");
    click("#filter-clear");

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
    for (String button : List.of("#merge", "#keep-mine", "#take-theirs", "#save-choices")) {
      assertThat(onScreen(button)).as("%s visible without scrolling", button).isTrue();
    }
    assertThat(find("#merge").getDomAttribute("class")).as("Merge is the one primary action").isNull();
    assertThat(find("#keep-mine").getDomAttribute("class")).isEqualTo("secondary");
    for (WebElement revision : driver.findElements(By.cssSelector("#conflict-summary code.rev"))) {
      assertThat(script("return arguments[0].getClientRects().length", revision)).as("%s on one line", revision.getText())
          .isEqualTo(1L);
    }
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

  @Test
  void aNewInvoiceStartsWithoutLinesAndSavesWithOnlyItsRequiredFields() throws IOException {
    driver.get(base + "/#/new");
    find("#f-number");
    assertThat(driver.findElements(By.cssSelector("#lines tbody tr"))).isEmpty();
    type("#f-number", "INV-2000");
    type("#f-customer", "Umbrella Corp");
    // A line added and left empty is not a line: it neither blocks the save nor is saved.
    click("#add-line");
    click("#save");
    awaitRevision("1-");

    String id = driver.getCurrentUrl().substring(driver.getCurrentUrl().indexOf("#/invoices/") + "#/invoices/".length());
    JsonNode stored = client.get("/api/invoices/" + id).json();
    assertThat(stored.get("number").asText()).isEqualTo("INV-2000");
    assertThat(stored.get("customer").asText()).isEqualTo("Umbrella Corp");
    assertThat(stored.get("lines")).isEmpty();
    assertThat(text("#message")).startsWith("Created at revision 1-").doesNotContain("HTTP");
    screenshot("new-invoice-saved.png");
  }

  @Test
  void everyErrorAppearsNextToItsFieldInPlainWords() throws IOException {
    driver.get(base + "/#/new");
    click("#add-line");
    type("#lines tbody tr:nth-child(1) .line-price", "12.5");
    click("#save");

    assertThat(fieldError("number")).isEqualTo("Enter the invoice number.");
    assertThat(fieldError("customer")).isEqualTo("Enter the customer's name.");
    assertThat(find("#lines tbody tr:nth-child(1) .field-error[data-for='description']").getText())
        .isEqualTo("Describe this line.");
    assertThat(find("#f-number").getDomAttribute("class")).contains("invalid");
    assertThat(find("#lines tbody tr:nth-child(1) .line-description").getDomAttribute("class")).contains("invalid");
    assertThat(text("#message")).isEqualTo("Not saved: please correct the 3 fields marked in red.").doesNotContain("HTTP");
    assertThat(besideItsInput("number")).isTrue();
    screenshot("field-errors.png");

    // An error only the server finds (an id too long to store) lands next to its input as well.
    type("#f-number", "INV-3000");
    type("#f-customer", "Hooli");
    type("#lines tbody tr:nth-child(1) .line-description", "Design");
    type("#f-id", "x".repeat(300));
    click("#save");
    await().until(d -> !fieldError("id").isEmpty());
    assertThat(fieldError("id")).startsWith("This id cannot be used.").contains("255").doesNotContain("HTTP", "field '");
    assertThat(fieldError("number")).isEmpty();
    assertThat(text("#message")).isEqualTo("Not saved: please correct the field marked in red.");
    screenshot("server-field-error.png");
  }

  @Test
  void pricesKeepEveryDecimalAndShowCentsLikeTheTotal() {
    driver.get(base + "/#/new");
    type("#f-number", "INV-4000");
    type("#f-customer", "Soylent");
    click("#add-line");
    type("#lines tbody tr:nth-child(1) .line-description", "Screws");
    type("#lines tbody tr:nth-child(1) .line-quantity", "6");
    type("#lines tbody tr:nth-child(1) .line-price", "10");
    click("#add-line");
    type("#lines tbody tr:nth-child(2) .line-description", "Washers");
    type("#lines tbody tr:nth-child(2) .line-quantity", "3");
    type("#lines tbody tr:nth-child(2) .line-price", "0.125");
    assertThat(text("#total")).isEqualTo("60.375");
    click("#save");
    awaitRevision("1-");

    assertThat(value("#lines tbody tr:nth-child(1) .line-price")).isEqualTo("10.00");
    assertThat(value("#lines tbody tr:nth-child(2) .line-price")).isEqualTo("0.125");
    assertThat(text("#total")).isEqualTo("60.375");
    String id = driver.getCurrentUrl().substring(driver.getCurrentUrl().indexOf("#/invoices/") + "#/invoices/".length());
    JsonNode stored = client.get("/api/invoices/" + id).json();
    assertThat(stored.get("lines").get(0).get("unitPrice").toString()).isEqualTo("10.00");
    assertThat(stored.get("lines").get(1).get("unitPrice").toString()).isEqualTo("0.125");
    assertThat(stored.get("total").toString()).isEqualTo("60.375");
  }

  @Test
  void onAPhoneSizedScreenTheLineFieldsNeedNoSidewaysScrolling() throws IOException {
    client.post("/api/invoices", """
        {"id": "narrow-1", "number": "INV-5000", "customer": "Wayne Enterprises", "issuedOn": "2026-11-20",
         "lines": [{"description": "Grappling hooks, reinforced", "quantity": 12, "unitPrice": 1499.99},
                   {"description": "Cape repair", "quantity": 1, "unitPrice": 250}]}""");
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 420, "height", 900, "deviceScaleFactor", 1, "mobile", true));

    driver.get(base + "/#/invoices/narrow-1");
    awaitRevision("1-");
    long viewport = (Long) script("return window.innerWidth");
    assertThat(viewport).isEqualTo(420L);
    assertThat((Long) script("return document.documentElement.scrollWidth")).as("page width").isLessThanOrEqualTo(viewport);
    for (String css : List.of(".line-description", ".line-quantity", ".line-price", ".line-amount", ".remove-line")) {
      for (WebElement element : driver.findElements(By.cssSelector("#lines tbody " + css))) {
        assertThat(within(element, viewport)).as("%s within the 420 px screen", css).isTrue();
      }
    }
    screenshot("phone-editor.png");

    // Someone else saves; this page's save meets the conflict panel, which must fit the phone too.
    JsonNode stored = client.get("/api/invoices/narrow-1").json();
    client.send("PATCH", "/api/invoices/narrow-1", "{\"customer\": \"Wayne Foundation\"}", "If-Match",
        "\"" + stored.get("_rev").asText() + "\"");
    type("#f-number", "INV-5000-B");
    click("#save");
    await().until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
    for (String button : List.of("#merge", "#keep-mine", "#take-theirs", "#save-choices")) {
      assertThat(onScreen(button)).as("%s visible without scrolling at 420 px", button).isTrue();
    }
    assertThat((Long) script("return document.documentElement.scrollWidth")).as("page width with the conflict panel")
        .isLessThanOrEqualTo(viewport);
    screenshot("phone-conflict.png");

    driver.get(base + "/");
    find("#invoices tbody tr");
    assertThat((Long) script("return document.documentElement.scrollWidth")).as("list page width")
        .isLessThanOrEqualTo(viewport);
    assertThat((Boolean) script("const box = document.querySelector('.table-scroll'); return box.scrollWidth <= box.clientWidth"))
        .as("the list fits without scrolling its table").isTrue();
    screenshot("phone-list.png");
  }

  @Test
  void theIdPlaceholderFitsItsInput() {
    driver.get(base + "/#/new");
    WebElement id = find("#f-id");
    // The placeholder's width in the input's own font, against the room inside the input.
    Double text = (Double) script("""
        const input = arguments[0], style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.font;
        return context.measureText(input.placeholder).width + 0.0;""", id);
    Double room = (Double) script("""
        const input = arguments[0], style = getComputedStyle(input);
        return input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + 0.0;""", id);
    assertThat(text).as("placeholder width").isLessThanOrEqualTo(room);
  }

  @Test
  void theFaviconIsServed() {
    ApiClient.Response icon = client.get("/favicon.ico");

    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.header("Content-Type")).startsWith("image/");
  }

  private static Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Whether the element is entirely inside the viewport as it is scrolled now. */
  private static boolean onScreen(String css) {
    return (Boolean) script("""
        const r = arguments[0].getBoundingClientRect();
        return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;""",
        find(css));
  }

  private static boolean within(WebElement element, long width) {
    return (Boolean) script("const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= arguments[1];",
        element, width);
  }

  private static String fieldError(String field) {
    return driver.findElement(By.cssSelector("#invoice-form .fields .field-error[data-for='" + field + "']")).getText();
  }

  /** Whether the error of {@code field} sits right under its input, not elsewhere on the page. */
  private static boolean besideItsInput(String field) {
    return (Boolean) script("""
        const input = document.getElementById('f-' + arguments[0]);
        const error = document.querySelector(`.fields .field-error[data-for="${arguments[0]}"]`);
        const a = input.getBoundingClientRect(), b = error.getBoundingClientRect();
        return b.top >= a.bottom && b.top - a.bottom < 20 && Math.abs(b.left - a.left) < 20;""", field);
  }

  /** Waits for the page as long as a loaded machine may need; the bound only turns a hang into a failure. */
  private static WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(60));
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
