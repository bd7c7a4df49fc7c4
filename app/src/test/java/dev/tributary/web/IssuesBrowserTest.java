package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard's issues page in headless Chromium, over the widgets project and a two-issue GitHub archive: #1
 * reported 2020-03-01 by ann, answered by bob five hours later, closed two days after the report; #2 reported
 * 2020-03-10 by cy, open, unanswered. Neither reporter nor responder shows an address: Unknown.
 */
class IssuesBrowserTest {
    @RegisterExtension
    final WidgetsDashboard dashboard = new WidgetsDashboard();

    @Test
    void the_issues_page_shows_the_hand_counted_figures_charts_and_organizations_and_a_release_narrows_it(Browser b) throws Exception {
        Path items = Widgets.twoIssueArchive(dashboard.dir());
        Widgets.run("collect", "issues", "-q", "--db", dashboard.widgets().db.toString(), "--tracker", "o/<b>r</b>", "--kind",
                "github", items.toString());
        String base = dashboard.serve();
        b.driver.get(base + "/");
        DashboardPage.loaded(b);
        b.driver.findElement(By.linkText("Issues")).click();
        b.waitUpTo(20).until(d -> d.getCurrentUrl().endsWith("/issues"));
        DashboardPage.loaded(b);
        assertEquals("Issues", b.driver.findElement(By.id("title")).getText());
        DashboardPage.assertFigures(b, Map.of("issues-new", "2", "issues-closed", "1", "issue-backlog", "1",
                "issue-response-time-median", "5.0 h", "issues-unanswered", "1", "issue-resolution-duration-median", "2.0 d"));
        assertTrue(b.driver.findElement(By.id("trackers")).getText().contains("o/<b>r</b> github 2 1"),
                "the tracker's name as text: " + b.driver.findElement(By.id("trackers")).getText());
        DashboardPage.assertDrawn(b, "chart-issues-flow", "chart-issues-backlog", "chart-issues-response");
        assertEquals("organization issues reported median response to them issues it answered first\nUnknown 2 5.0 h 1",
                b.driver.findElement(By.id("issue-organizations")).getText());
        b.screenshot("dashboard-issues");

        // release two (2012) holds none of them; the filter stays in the URL
        b.driver.get(base + "/issues?release=two");
        DashboardPage.loaded(b);
        assertEquals("0", DashboardPage.figure(b, "issues-new"));
        assertEquals("—", DashboardPage.figure(b, "issue-response-time-median"));
        assertTrue(b.driver.findElement(By.id("issue-organizations")).getText().startsWith("No organization"));
        assertFalse(b.alertOpen());
    }
}
