package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.web.Browser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The HTML report of {@link HtmlReportTest}'s hostile history, opened from its file in headless Chromium. */
class ReportBrowserTest {
    @TempDir
    Path dir;

    private Path repo() {
        return dir.resolve("widget");
    }

    /** {@link HtmlReportTest}'s hostile history, built, collected and curated; returns the store's file. */
    private Path hostileHistory() throws Exception {
        Path db = dir.resolve("t.duckdb");
        HtmlReportTest.build(repo());
        HtmlReportTest.collectAndCurate(repo(), db);
        return db;
    }

    /** Writes the HTML report of the history in {@code db} to a file and opens it in {@code b}. */
    private void openReport(Browser b, Path db) {
        Path page = dir.resolve("report.html");
        AnalyzeCommandTest.Run run = tributary("report", "--quiet", "--no-collect", "--db", db.toString(), "--format", "html",
                "--output", page.toString(), repo().toString());
        assertEquals(0, run.code(), run.err());
        b.driver.get(page.toUri().toString());
    }

    @Test
    void the_report_opens_offline_with_no_console_error_draws_its_charts_and_runs_no_script_from_the_data() throws Exception {
        try (Browser b = Browser.start(dir.resolve("profile"))) {
            Path db = hostileHistory();
            openReport(b, db);
            b.waitUpTo(20).until(d -> "6".equals(d.findElement(By.tagName("body")).getAttribute("data-charts-rendered")));
            assertFalse(b.alertOpen(), "a script from a name ran");
            assertEquals(List.of(), b.consoleErrors(), "console errors (a CSP violation would be one)");
            List<WebElement> charts = b.driver.findElements(By.cssSelector(".chart canvas"));
            assertTrue(charts.size() >= 6, "a canvas per chart: " + charts.size());
            for (WebElement c : charts) {
                assertTrue(c.getSize().getWidth() > 100 && c.getSize().getHeight() > 100, "drawn: " + c.getSize());
            }
            // hostile text is shown as text
            assertEquals(2, b.driver.findElements(By.xpath("//td[text()='<script>alert(1)</script>']")).size(), "the organization, in both tables");
            assertTrue(b.driver.findElement(By.id("notes")).getText().contains("(\"><img src=x onerror=alert(1)>)"), "the path");
            assertEquals(0, b.driver.findElements(By.cssSelector("img")).size());
            assertEquals("5", b.driver.findElement(By.cssSelector("#fig-commits dd")).getText());
            // sortable: changesets ascending puts a one-changeset author first, descending puts Ann (2) first
            WebElement changesets = b.driver.findElement(By.xpath("//table[@id='top-people']//th[text()='changesets']"));
            changesets.click();
            assertEquals("1", b.driver.findElement(By.cssSelector("#top-people tbody tr:first-child td:nth-child(4)")).getText());
            changesets.click();
            assertEquals("Ann", b.driver.findElement(By.cssSelector("#top-people tbody tr:first-child td:first-child")).getText());
            b.screenshot("report");
        }
    }

    @Test
    void the_report_draws_the_review_matrix_with_a_coloured_cell_exactly_where_an_organization_reviewed_another() throws Exception {
        try (Browser b = Browser.start(dir.resolve("profile"))) {
            Path db = hostileHistory();
            // the small backup (CollectReviewsTest): bob (no address: Unknown) reviewed #1 by alice and #2 by carol,
            // carol reviewed #1; alice works for Acme, carol for Corp
            String backup = Path.of(getClass().getResource("/github-backup/small").toURI()).toString();
            assertEquals(0, tributary("collect", "github", "o/r", "--backup", backup, "--db", db.toString(), "-q").code());
            assertEquals(0, tributary("affiliations", "enroll", "alice@acme.org", "Acme", "--db", db.toString()).code());
            assertEquals(0, tributary("affiliations", "enroll", "carol@corp.com", "Corp", "--db", db.toString()).code());
            openReport(b, db);
            b.waitUpTo(20).until(d -> d.findElement(By.tagName("body")).getAttribute("data-charts-rendered") != null);
            assertEquals(List.of(), b.consoleErrors());
            List<List<Object>> cells = b.heatmapCells("[data-chart='review-matrix']");
            assertEquals(4, cells.size(), "rows Corp and Unknown, columns Acme and Corp: " + cells);
            long coloured = 0;
            for (List<Object> cell : cells) {
                assertEquals(((Number) cell.get(2)).longValue() > 0, cell.get(3), "cell " + cell + " of " + cells);
                coloured += (Boolean) cell.get(3) ? 1 : 0;
            }
            assertEquals(3, coloured, cells.toString()); // Unknown on Acme and on Corp, Corp on Acme; nobody from Corp on Corp
            assertEquals(3, cells.stream().mapToLong(c -> ((Number) c.get(2)).longValue()).sum());
            b.driver.executeScript("document.querySelector(\"[data-chart='review-matrix']\").scrollIntoView()");
            b.screenshot("report-review-matrix");
        }
    }
}
