package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.metrics.Health;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small backup (test resources github-backup/small) holds three good pull requests and three bad files;
 * every figure below was worked out by hand from those files (see the comments).
 */
class CollectReviewsTest {
    @TempDir
    Path dir;

    static Path small() throws URISyntaxException {
        return Path.of(CollectReviewsTest.class.getResource("/github-backup/small").toURI());
    }

    /** Every review metric over the whole store, by name. */
    static Map<String, Double> values(Store store) {
        Map<String, Double> out = new HashMap<>();
        for (ReviewMetrics.Point p : new ReviewMetrics(store.connection()).run(new ReviewMetrics.ReviewScope(List.of(), null, null),
                ReviewMetrics.all(), null, Split.none, 0)) {
            out.put(p.metric(), p.value());
        }
        return out;
    }

    @Test
    void a_backup_gives_the_figures_worked_out_by_hand_and_names_its_bad_files() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectReviews.Result r = CollectReviews.importGitHubBackup(store, small(), "github/o/r", Progress.NONE);
            assertEquals(3, r.stored());
            // 4.json has no created_at, 5.json is cut short, 10.json is an issue filed under pulls/
            assertEquals(Map.of("bad-backup-file", 2, "bad-pull", 1), r.warningsByKind());
            assertEquals(3, r.reviews()); // the pending review of #1 is not one
            Map<String, Double> v = values(store);
            assertEquals(3.0, v.get("change-requests-new"));
            assertEquals(1.0, v.get("change-requests-accepted"));
            assertEquals(1.0, v.get("change-requests-declined"));
            assertEquals(1.0, v.get("change-requests-open"));
            assertEquals(0.5, v.get("acceptance-ratio"));
            assertEquals(48.0, v.get("duration-median-hours")); // #1: Jan 1 to Jan 3
            // first responses: #1 carol's inline comment at 4 h (the bot at 1 h and the author at 2 h do not count),
            // #2 bob's review at 96 h (the author's comment does not count), #3 bob's comment at 3 h
            assertEquals(4.0, v.get("first-response-median-hours"));
            assertEquals(96.0, v.get("first-response-p90-hours"));
            assertEquals(0.0, v.get("unresponded"));
            assertEquals(51.0, v.get("first-review-median-hours")); // 6 h and 96 h
            assertEquals(3.0, v.get("reviews"));
            assertEquals(4.0, v.get("comments")); // alice, carol inline, carol on #2, bob on #3; not the bot
            assertEquals(2.0, v.get("reviewers"));
            assertEquals(1.0, v.get("reviewers-per-change")); // (2 + 1 + 0) / 3
            assertEquals(0.0, v.get("self-merged-share"));
            assertEquals(4.0 / 3, v.get("iterations-per-change"), 1e-9); // #1: 1 + a force push
            assertEquals(1.0, v.get("core-reviewers")); // bob's 2 of 3 reviews
        }
    }

    @Test
    void logins_link_to_the_addresses_of_their_pull_requests_commits_and_take_their_organization() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectReviews.importGitHubBackup(store, small(), "github/o/r", Progress.NONE);
            Map<String, String> links = new HashMap<>();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT key, email FROM review_links")) {
                while (rs.next()) {
                    links.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(Map.of("github:alice", "alice@acme.org", "github:carol", "carol@corp.com"), links);
            List<ReviewMetrics.ReviewerRow> rows = new ReviewMetrics(store.connection()).reviewers(
                    new ReviewMetrics.ReviewScope(List.of(), null, null), Split.person, 0);
            assertEquals("bob", rows.get(0).name());
            assertEquals(Map.of("APPROVED", 1L, "CHANGES_REQUESTED", 1L), rows.get(0).byState());
            assertEquals("corp.com", rows.get(1).organization());
            // the matrix: carol (corp.com) reviewed alice's (acme.org) change, bob (Unknown) both
            List<ReviewMetrics.MatrixCell> m = new ReviewMetrics(store.connection()).matrix(new ReviewMetrics.ReviewScope(List.of(), null, null));
            assertEquals(List.of(new ReviewMetrics.MatrixCell("Unknown", "acme.org", 1), new ReviewMetrics.MatrixCell("Unknown", "corp.com", 1),
                    new ReviewMetrics.MatrixCell("corp.com", "acme.org", 1)), m);
        }
    }

    @Test
    void importing_again_stores_nothing_twice() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectReviews.importGitHubBackup(store, small(), "github/o/r", Progress.NONE);
            CollectReviews.Result again = CollectReviews.importGitHubBackup(store, small(), "github/o/r", Progress.NONE);
            assertEquals(0, again.stored());
            assertEquals(3, again.unchanged());
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM change_reviews)")) {
                rs.next();
                assertEquals(3, rs.getInt(1));
                assertEquals(3, rs.getInt(2));
            }
        }
    }

    @Test
    void an_empty_window_has_no_median_rather_than_zero() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectReviews.importGitHubBackup(store, small(), "github/o/r", Progress.NONE);
            List<ReviewMetrics.Point> p = new ReviewMetrics(store.connection()).run(new ReviewMetrics.ReviewScope(List.of(),
                    java.time.Instant.parse("2030-01-01T00:00:00Z").getEpochSecond(), null),
                    List.of(ReviewMetrics.Metric.duration_median_hours, ReviewMetrics.Metric.change_requests_open), null, Split.none, 0);
            assertNull(p.get(0).value());
            assertEquals(1.0, p.get(1).value()); // #3 is still open
            assertTrue(p.size() == 2);
        }
    }
}
