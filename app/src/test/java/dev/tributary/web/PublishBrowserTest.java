package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.cli.Main;
import dev.tributary.project.Project;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The report and the dashboard as people will see them, in headless Chromium at phone and desktop widths,
 * with screenshots kept under {@code app/target/browser-artifacts/} (CI keeps that folder).
 */
class PublishBrowserTest {
    @TempDir
    Path dir;

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    private static void loaded(Browser b) {
        b.waitUpTo(30).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertTrue(b.driver.findElement(By.id("error")).getAttribute("hidden") != null,
                "no error shown: " + b.driver.findElement(By.id("error")).getText());
        assertEquals(List.of(), b.consoleErrors());
    }

    @Test
    void the_release_page_of_two_clones_both_in_folders_called_repo_works_at_both_widths() throws Exception {
        try (Browser b = Browser.start(dir.resolve("profile"))) {
            TwoClones t = TwoClones.create(dir);
            Path db = dir.resolve("t.duckdb");
            // the whole project (HEAD of each repository) as well as the release: 'report --release' alone now collects
            // only the release's ranges, and the dashboard's pages outside a release read the HEAD scope
            run("analyze", "--quiet", "--db", db.toString(), "--project", t.project.toString());
            run("report", "--quiet", "--db", db.toString(), "--project", t.project.toString(), "--release", "epoxy");
            try (WebServer server = WebServer.start(WebServer.Options.file(db, Project.load(t.project), "127.0.0.1", 0, null,
                    Duration.ofHours(1)))) {
                String base = Widgets.base(server);
                b.desktop();
                b.driver.get(base + "/release");
                loaded(b);
                String list = b.driver.findElement(By.id("releases")).getText();
                assertTrue(list.contains("nova range:v1..v2") || list.contains("nova v1..v2"), "the release list shows its ranges: " + list);
                b.driver.findElement(By.linkText("epoxy")).click();
                b.waitUpTo(20).until(d -> d.getCurrentUrl().contains("release=epoxy"));
                loaded(b); // was: "Loading…" for ever, the API answering "repository 'keystone' is not in the store"
                assertEquals("openstack epoxy", b.driver.findElement(By.id("title")).getText());
                assertEquals("3", b.driver.findElement(By.cssSelector("#fig-changesets dd")).getText(), "nova's 2 and keystone's 1");
                assertFalse(b.driver.findElements(By.cssSelector("#chart-release-share canvas")).isEmpty(), "the share chart is drawn");
                assertFalse(b.driver.findElements(By.cssSelector("#chart-release-commits canvas")).isEmpty());
                b.fullScreenshot("dashboard-release-desktop");
                b.phone();
                b.driver.navigate().refresh();
                loaded(b);
                WebElement form = b.driver.findElement(By.id("filters"));
                assertTrue(form.getSize().getHeight() < 60, "the filters stay on one line on a phone: " + form.getSize());
                b.fullScreenshot("dashboard-release-phone");
                // an empty state: a release with nothing in it says so
                b.desktop();
                b.driver.get(base + "/?since=2030-01-01");
                b.waitUpTo(30).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
                b.fullScreenshot("dashboard-empty");
            }
        }
    }

    @Test
    void the_report_reads_at_phone_and_desktop_widths_with_bars_and_trends_drawn() throws Exception {
        try (Browser b = Browser.start(dir.resolve("profile"))) {
            Widgets w = Widgets.create(dir);
            dev.tributary.testkit.GitCli.run(dir.resolve("widget"), "tag", "v0", "HEAD~5");
            Files.writeString(w.project, Files.readString(w.project).replace("releases:\n",
                    "releases:\n  - name: one\n    ranges: { widget: v0..v1 }\n").replace("name: widgets\n",
                    "name: widgets\nreport:\n  title: Widgets contributors\n  subtitle: Who builds each release\n"));
            Path page = dir.resolve("report.html");
            run("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(), "--release", "two",
                    "--format", "html", "--output", page.toString());
            for (String width : List.of("desktop", "phone")) {
                if (width.equals("phone")) {
                    b.phone();
                } else {
                    b.desktop();
                }
                b.driver.get(page.toUri().toString());
                b.waitUpTo(30).until(d -> "7".equals(d.findElement(By.tagName("body")).getAttribute("data-charts-rendered")));
                assertEquals(List.of(), b.consoleErrors(), width);
                assertFalse(b.driver.findElements(By.cssSelector("#chart-org-share canvas")).isEmpty(), "the share bars");
                assertFalse(b.driver.findElements(By.cssSelector("#chart-release-trends canvas")).isEmpty(), "the trends");
                long overflow = (Long) b.driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertTrue(overflow <= 0, width + ": the page scrolls sideways by " + overflow + " px");
                assertTrue(b.driver.findElement(By.tagName("footer")).getText().contains("Generated"), "the footer");
                b.fullScreenshot("report-" + width);
            }
        }
    }

    @Test
    void the_curation_page_enrolls_shows_the_audit_log_and_undoes() throws Exception {
        try (Browser b = Browser.start(dir.resolve("profile"))) {
            Widgets w = Widgets.create(dir);
            String token = "curation-token-0123456789";
            try (WebServer server = WebServer.start(WebServer.Options.file(w.db, Project.load(w.project), "127.0.0.1", 0, token,
                    Duration.ofHours(1)))) {
                String base = Widgets.base(server);
                b.desktop();
                b.driver.get(base + "/admin");
                loaded(b);
                b.driver.findElement(By.id("token-value")).sendKeys(token);
                b.driver.findElement(By.id("token-submit")).click();
                b.waitUpTo(20).until(d -> d.findElement(By.id("admin-status")).getText().equals("Token accepted."));
                b.driver.findElement(By.id("enroll-person")).sendKeys("cy@initech.com");
                b.driver.findElement(By.id("enroll-organization")).sendKeys("Acme Labs");
                b.driver.findElement(By.id("enroll-submit")).click();
                b.waitUpTo(20).until(d -> d.findElement(By.id("admin-status")).getText().contains("Acme Labs"));
                // the audit log is drawn again when the edit's answer arrives: read it once it shows the edit
                String log = b.waitUpTo(20).until(d -> {
                    String text = d.findElement(By.id("audit-log-table")).getText();
                    return text.contains("Acme Labs") ? text : null;
                });
                assertTrue(log.contains("Acme Labs") && log.contains("tributary serve: POST /api/v1/admin/enroll"), log);
                // the edit is served at once: Cy now counts for Acme Labs
                b.driver.get(base + "/organization?name=Acme%20Labs");
                loaded(b);
                assertEquals("2", b.driver.findElement(By.cssSelector("#fig-changesets dd")).getText(), "Ann's 2012 changeset and now Cy's (was 1)");
                b.driver.get(base + "/admin");
                loaded(b);
                b.driver.findElement(By.cssSelector("button.undo")).click();
                b.waitUpTo(20).until(d -> d.findElement(By.id("audit-log-table")).getText().contains("(undone)"));
                b.fullScreenshot("dashboard-admin");
                assertFalse(b.alertOpen());
            }
        }
    }
}
