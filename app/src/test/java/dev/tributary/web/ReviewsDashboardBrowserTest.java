package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.pipeline.CollectReviews;
import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard's code-review page over the widgets project ({@link Widgets}) and the small GitHub backup (test
 * resources github-backup/small, whose figures {@code CollectReviewsTest} works out by hand), in headless Chromium.
 */
class ReviewsDashboardBrowserTest {
    @RegisterExtension
    final WidgetsDashboard dashboard = new WidgetsDashboard();

    @Test
    void the_reviews_page_shows_the_figures_the_organizations_and_draws_the_matrix_cells_where_the_reviews_are(Browser b) throws Exception {
        try (Store store = Store.open(dashboard.widgets().db)) { // closed again: the enrollments below are the CLI's
            CollectReviews.importGitHubBackup(store, Path.of(getClass().getResource("/github-backup/small").toURI()), "github/o/r",
                    Progress.NONE);
        }
        // alice (the author of #1) works for Acme, carol (#2, and a reviewer) for Corp; bob has no address: Unknown
        for (String[] e : List.of(new String[] {"alice@acme.org", "Acme"}, new String[] {"carol@corp.com", "Corp"})) {
            Widgets.run("affiliations", "enroll", e[0], e[1], "--db", dashboard.widgets().db.toString());
        }
        String base = dashboard.serve();
        b.driver.get(base + "/reviews");
        DashboardPage.loaded(b);
        assertEquals("Code review", b.driver.findElement(By.id("title")).getText());
        // three pull requests: #1 merged, #2 closed, #3 open; 3 reviews by bob and carol
        DashboardPage.assertFigures(b, Map.of("change-requests", "3", "accepted", "1", "declined", "1", "open", "1",
                "reviews", "3", "reviewers", "2",
                // first responses at 4 h, 96 h and 3 h: median 4 h, p90 96 h; first reviews 6 h and 96 h; #1 merged after 48 h
                "first-response", "4.0 h", "first-response-p90", "96.0 h", "first-review", "51.0 h", "duration", "48.0 h"));
        DashboardPage.assertDrawn(b, "chart-review-requests", "chart-first-response", "chart-review-matrix");
        String orgs = b.driver.findElement(By.id("review-organizations-table")).getText();
        // bob: an approval and a request for changes, on 2 changes, and a comment; carol: a comment review and 2 comments
        assertTrue(orgs.contains("Unknown 2 1 1 0 2 1"), orgs);
        assertTrue(orgs.contains("Corp 1 0 0 1 1 2"), orgs);
        // the heatmap: a cell drawn in colour where each pair of organizations has reviews, background elsewhere
        List<List<Object>> cells = cells(b, "#chart-review-matrix");
        // rows Unknown, Corp; columns Acme, Corp: bob reviewed #1 (Acme) and #2 (Corp), carol #1 (Acme)
        assertEquals(4, cells.size(), cells.toString());
        assertEquals(3, cells.stream().filter(c -> (Boolean) c.get(3)).count(), cells.toString());
        assertTrue(cells.stream().anyMatch(c -> !(Boolean) c.get(3)), "the empty cell is background: " + cells);
        b.screenshot("dashboard-reviews");

        // a window: from February only #2 and #3 are opened
        b.driver.get(base + "/reviews?since=2024-02-01");
        DashboardPage.loaded(b);
        assertEquals("2", DashboardPage.figure(b, "change-requests"));
        assertFalse(b.alertOpen());
    }

    /** The heatmap's cells ({@link Browser#heatmapCells}), each checked: coloured exactly when it holds reviews. */
    static List<List<Object>> cells(Browser b, String selector) {
        List<List<Object>> cells = b.heatmapCells(selector);
        for (List<Object> cell : cells) {
            assertEquals(((Number) cell.get(2)).longValue() > 0, cell.get(3), "cell " + cell + " of " + cells);
        }
        return cells;
    }
}
