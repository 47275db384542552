package com.acme.billing.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' Chromium: Debian's {@code chromium} and {@code chromium-driver}, headless, with a
 * profile of its own, and the few page actions the tests share. Every action waits for its element as
 * long as a loaded machine may need; the bound only turns a hang into a failure.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  static final boolean PRESENT = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  static final String HOW_TO_INSTALL = "Skipping the browser test: no Chromium at " + CHROMIUM
      + " or no chromedriver at " + CHROMEDRIVER + ". Install them with: sudo apt-get update && sudo apt-get "
      + "install -y chromium chromium-driver (or point -Dchromium.binary and -Dchromedriver.binary at them)";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** How long a step may take on a busy 2-core machine before the test fails. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final WebDriver driver;

  private HeadlessChromium(WebDriver driver) {
    this.driver = driver;
  }

  /** Starts Chromium with its profile in {@code profile}. */
  static HeadlessChromium start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  WebDriver driver() {
    return driver;
  }

  /** A wait for the page (or anything else the test watches) with the generous bound. */
  WebDriverWait await() {
    return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(200));
  }

  WebElement find(String css) {
    return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void click(String css) {
    await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  void type(String css, String text) {
    WebElement input = find(css);
    input.clear();
    input.sendKeys(text);
  }

  String text(String css) {
    return find(css).getText();
  }

  String value(String css) {
    return find(css).getDomProperty("value");
  }

  /** Waits until the editor shows a revision starting with {@code prefix}, and returns it whole. */
  String awaitRevision(String prefix) {
    return await().until(d -> {
      String rev = d.findElement(By.id("editor-rev")).getText();
      return rev.startsWith(prefix) ? rev : null;
    });
  }

  /** Waits until the element's text is exactly {@code expected}. */
  void awaitText(String css, String expected) {
    await().until(ExpectedConditions.textToBe(By.cssSelector(css), expected));
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
