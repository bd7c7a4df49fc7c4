package dev.tributary.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by Selenium
 * with both paths given, so that Selenium Manager never looks for (or downloads) a browser or driver. Tests
 * that need it are skipped, by assumption, where the packages are not installed ({@code .ci/run} installs
 * them). Screenshots go to {@code app/target/browser-artifacts/}. One per test; not thread-safe.
 */
public final class Browser implements AutoCloseable {
    /** Debian's paths; {@code -Dtributary.chromium=...} and {@code -Dtributary.chromedriver=...} override them. */
    static final Path CHROMIUM = Path.of(System.getProperty("tributary.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tributary.chromedriver", "/usr/bin/chromedriver"));
    public static final Path ARTIFACTS = Path.of("target", "browser-artifacts");

    public final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /** Why a browser test is skipped with these paths (what is missing, and how to install it), or null to run it. */
    static String whySkipped(Path chromium, Path chromedriver) {
        String missing = !Files.isExecutable(chromium) ? chromium + " (package chromium)"
                : !Files.isExecutable(chromedriver) ? chromedriver + " (package chromium-driver)" : null;
        return missing == null ? null : "browser test skipped: no " + missing + "; install with: apt-get install -y chromium chromium-driver "
                + "(or give -Dtributary.chromium=PATH -Dtributary.chromedriver=PATH)";
    }

    /** Starts one, or skips the test when Debian's chromium or chromedriver is missing. */
    public static Browser start(Path profile) {
        String why = whySkipped(CHROMIUM, CHROMEDRIVER);
        if (why != null) {
            System.err.println("[tributary] " + why); // said where a build log shows it: surefire alone only counts a skipped test
            assumeTrue(false, why);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1800", "--user-data-dir=" + profile.toAbsolutePath());
        o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, o), service);
    }

    /** The page's console messages at SEVERE level (errors, CSP violations, failed loads) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /**
     * Every cell of the ECharts heatmap drawn in the element {@code selector} names, as
     * {@code [column, row, value, coloured]}: its value in the chart's data (0 where it has none), and whether the
     * canvas shows a coloured pixel (neither transparent nor near white) a few pixels off the cell's centre, where
     * a label would be. A heatmap is drawn right when exactly the cells with a value are coloured.
     */
    @SuppressWarnings("unchecked")
    public List<List<Object>> heatmapCells(String selector) {
        Object out = driver.executeScript("var box = document.querySelector(arguments[0]);"
                + "var c = echarts.getInstanceByDom(box), o = c.getOption();"
                + "var canvas = box.querySelector('canvas'), g = canvas.getContext('2d'), dpr = canvas.width / canvas.clientWidth;"
                + "var cols = o.xAxis[0].data.length, rows = o.yAxis[0].data.length, values = {}, res = [];"
                + "o.series[0].data.forEach(function (d) { values[d[0] + ',' + d[1]] = d[2]; });"
                + "for (var x = 0; x < cols; x++) { for (var y = 0; y < rows; y++) {"
                + "  var px = c.convertToPixel({ seriesIndex: 0 }, [x, y]);"
                + "  var p = g.getImageData(Math.round((px[0] + 8) * dpr), Math.round((px[1] + 8) * dpr), 1, 1).data;"
                + "  var coloured = p[3] > 0 && !(p[0] > 240 && p[1] > 240 && p[2] > 240);"
                + "  res.push([x, y, values[x + ',' + y] === undefined ? 0 : values[x + ',' + y], coloured]); } }"
                + "return res;", selector);
        return (List<List<Object>>) out;
    }

    /** Whether a JavaScript dialog (alert, confirm) is open: a script from the data ran. */
    public boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /**
     * A wait that also outlasts a page re-rendering what it reads (an element found, then replaced before its text is
     * read: a stale reference), as the dashboard does when an answer arrives.
     */
    public WebDriverWait waitUpTo(int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Phone (390 x 844, an iPhone 12-14's CSS pixels) and desktop (1280 x 1800) widths. */
    public void phone() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    }

    public void desktop() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1800));
    }

    /** Keeps a full-length screenshot of the page (the window grown to the page's height) as a test artifact. */
    public void fullScreenshot(String name) throws Exception {
        org.openqa.selenium.Dimension was = driver.manage().window().getSize();
        Object h = driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        int height = Math.min(12000, Math.max(was.getHeight(), ((Number) h).intValue() + 140));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(was.getWidth(), height));
        Thread.sleep(300); // charts redraw on resize
        screenshot(name);
        driver.manage().window().setSize(was);
    }

    /** Keeps a screenshot of the page as a test artifact. */
    public void screenshot(String name) throws Exception {
        Files.createDirectories(ARTIFACTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), ARTIFACTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
