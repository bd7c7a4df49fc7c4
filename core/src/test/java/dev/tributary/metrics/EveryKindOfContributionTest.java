package dev.tributary.metrics;

import dev.tributary.model.Scope;
import dev.tributary.model.Kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tributary.TributaryException;
import dev.tributary.model.Operation;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectIssues;
import dev.tributary.pipeline.CollectReviews;
import dev.tributary.pipeline.Resolve;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import dev.tributary.testkit.EveryKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code review and issue trackers as rows of the one read model: the contributor metrics over each kind and
 * over every kind at once, on {@link EveryKind} (a repository, a github-metadata-backup folder and saved Jira
 * issues), every figure worked out by hand from its javadoc table; the source's own metrics (ReviewMetrics,
 * IssueMetrics) agree with the read model's counts; a curation merge moves the cross-kind counts at once; a
 * collect of reviews re-derives only the review source.
 */
class EveryKindOfContributionTest {
    @TempDir
    Path dir;

    /** The store ids a scope of every kind needs: the repository, the review container and the tracker. */
    record Ids(int repo, int review, int tracker) {
    }

    private Ids collect(Store store, EveryKind k) {
        int repo = CollectGit.run(store, k.repository(), GitScope.HEAD, 1, Progress.NONE).repositoryId();
        CollectReviews.importGitHubBackup(store, k.backup(), "github/o/r", Progress.NONE);
        CollectIssues.run(store, "ZK", TrackerKind.JIRA, List.of(k.jira()), CollectIssues.Options.defaults(), Progress.NONE);
        return new Ids(repo, store.reviews().findContainer("github/o/r").orElseThrow(), store.issues().find("ZK").orElseThrow().id());
    }

    /** {@link EveryKind} written under the test's folder, collected into {@code store} and derived. */
    private Ids collectedAndDerived(Store store) throws IOException {
        Ids ids = collect(store, EveryKind.create(dir));
        store.deriveStale();
        return ids;
    }

    private static Scope all(Ids ids) {
        return Scope.all(List.of(Scope.Part.of(Kinds.REPOSITORY, ids.repo(), "HEAD"), Scope.Part.of(Kinds.REVIEW, ids.review(), null),
                Scope.Part.of(Kinds.TRACKER, ids.tracker(), null)), null, null, false, false);
    }

    /** metric → value for the whole window, or "period metric" → value for a series. */
    private static Map<String, Double> run(Store store, Scope scope, Interval interval, Health.Metric... metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Point p : new Health(store.connection()).run(scope, List.of(metrics), interval, Split.none, 10)) {
            out.put(interval == null ? p.metric() : p.period() + " " + p.metric(), p.value());
        }
        return out;
    }

    private static String query(Store store, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    out.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void each_kind_counts_its_own_contributors_and_all_counts_one_individual_once_across_git_review_and_tracker() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            Ids ids = collectedAndDerived(store);
            // rows: 3 commits; 2 changes, 3 reviews (the approval, the changes requested, dee's COMMENTED), 2 review
            // comments (the bot's, dee's inline one); 2 issues, 3 issue comments
            assertEquals("change|2\ncommit|3\nissue|2\nissue_comment|2\nreview|3\nreview_comment|2\n",
                    query(store, "SELECT kind, count(*) FROM contributions GROUP BY 1 ORDER BY 1"));
            // a review answers its change, and knows the change's author: bob's change request is #1, ann's #2
            assertEquals("1|ann@acme.com|bob@initech.com\n2|bob@initech.com|ann@acme.com\n2|github:dee|ann@acme.com\n",
                    query(store, "SELECT c.subject_item, p.individual, sp.individual FROM contributions c"
                            + " JOIN contribution_people p ON p.aid = c.actor JOIN contribution_people sp ON sp.aid = c.subject_actor"
                            + " WHERE c.kind = 'review' ORDER BY 1, 2"));
            Health.Metric contributors = Health.Metric.contributors;
            Map<String, Double> byKind = new LinkedHashMap<>();
            byKind.put("commit", run(store, new Scope(List.of(ids.repo()), "HEAD", null, null, false), null, contributors).get("contributors"));
            for (String kind : List.of("change", "review", "review_comment")) {
                byKind.put(kind, run(store, Scope.of(kind, List.of(ids.review()), null, null, false), null, contributors).get("contributors"));
            }
            for (String kind : List.of("issue", "issue_comment")) {
                byKind.put(kind, run(store, Scope.of(kind, List.of(ids.tracker()), null, null, false), null, contributors).get("contributors"));
            }
            byKind.put("all", run(store, all(ids), null, contributors).get("contributors"));
            // commits: Ann, Bob, Cy. changes: bob, ann. reviews: ann, bob, dee. review comments: dee (the bot left out).
            // issues: erin, dlee. issue comments: cyc (Cy), erin. All: Ann, Bob, Cy, github:dee, Erin, Dee Lee = 6
            // (cyc is Cy by the address Jira shows; bob and ann are their addresses by their own pull requests' commits)
            assertEquals(Map.of("commit", 3.0, "change", 2.0, "review", 3.0, "review_comment", 1.0, "issue", 2.0, "issue_comment", 2.0,
                    "all", 6.0), byKind);

            // the sources' own metrics agree with the read model on the same fixture
            Map<String, Double> reviews = new LinkedHashMap<>();
            new ReviewMetrics(store.connection()).run(new ReviewMetrics.ReviewScope(List.of(), null, null), ReviewMetrics.all(), null,
                    Split.none, 0).forEach(p -> reviews.put(p.metric(), p.value()));
            assertEquals(byKind.get("review"), reviews.get("reviewers"), "ReviewMetrics' reviewers");
            assertEquals(byKind.get("change"), reviews.get("change-request-authors"), "ReviewMetrics' change-request authors");
            Map<String, Double> issues = new LinkedHashMap<>();
            new IssueMetrics(store.connection()).run(IssueScope.all(), IssueMetrics.all(), null, IssueMetrics.Split.none, 10)
                    .forEach(p -> issues.put(p.metric(), p.value()));
            assertEquals(byKind.get("issue"), issues.get("issue-reporters"), "IssueMetrics' reporters");
            assertEquals(byKind.get("issue_comment"), issues.get("issue-commenters"), "IssueMetrics' commenters");

            assertThrows(TributaryException.InvalidInput.class, () -> run(store, all(ids), null, Health.Metric.commits),
                    "commit-only metrics refuse every kind");
        }
    }

    @Test
    void newcomers_inactive_and_retention_across_kinds_count_a_first_review_or_issue_as_the_start() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            Ids ids = collectedAndDerived(store);
            Health.Metric[] m = {Health.Metric.contributors, Health.Metric.new_contributors, Health.Metric.inactive_contributors,
                    Health.Metric.retained_after_1};
            // Jan: erin 01-02 (issue), Cy 01-03 (a Jira comment), bob 01-05 (change), ann 01-06 (review): 4, all new.
            // Feb: ann (change), bob (review), dee (review, comment), Dee Lee (issue), Cy (commit): 5; new only dee and
            // Dee Lee (Cy's first commit is not his start); inactive: erin. Mar: ann's commit; new none (her first was a
            // review in January); inactive: bob, dee, Cy, Dee Lee. Retained after 1: of January's 4, ann, bob and Cy
            // are active in February; of February's 2, none in March.
            Map<String, Double> v = run(store, all(ids), Interval.month, m);
            assertEquals(4.0, v.get("2024-01 contributors"));
            assertEquals(4.0, v.get("2024-01 new-contributors"));
            assertEquals(0.0, v.get("2024-01 inactive-contributors"));
            assertEquals(3.0, v.get("2024-01 retained-after-1"));
            assertEquals(5.0, v.get("2024-02 contributors"));
            assertEquals(2.0, v.get("2024-02 new-contributors"));
            assertEquals(1.0, v.get("2024-02 inactive-contributors"));
            assertEquals(0.0, v.get("2024-02 retained-after-1"));
            assertEquals(1.0, v.get("2024-03 contributors"));
            assertEquals(0.0, v.get("2024-03 new-contributors"));
            assertEquals(4.0, v.get("2024-03 inactive-contributors"));
            // commits alone: bob new in January, Cy in February, Ann in March
            Map<String, Double> c = run(store, new Scope(List.of(ids.repo()), "HEAD", null, null, false), Interval.month,
                    Health.Metric.new_contributors);
            assertEquals(Map.of("2024-01 new-contributors", 1.0, "2024-02 new-contributors", 1.0, "2024-03 new-contributors", 1.0), c);
            // a window from February: Cy and ann started before it, so February's newcomers stay dee and Dee Lee
            Scope fromFeb = all(ids).withWindow(dev.tributary.model.Dates.parse("2024-02-01"), dev.tributary.model.Dates.parse("2024-04-01"));
            assertEquals(2.0, run(store, fromFeb, null, Health.Metric.new_contributors).get("new-contributors"));
        }
    }

    @Test
    void the_marks_of_a_review_or_issue_collect_outlive_the_process_that_wrote_them() throws Exception {
        EveryKind k = EveryKind.create(dir);
        Path file = dir.resolve("s.duckdb");
        try (Store store = Store.open(file)) {
            store.deriveStale();
            CollectReviews.importGitHubBackup(store, k.backup(), "github/o/r", Progress.NONE);
            CollectIssues.run(store, "ZK", TrackerKind.JIRA, List.of(k.jira()), CollectIssues.Options.defaults(), Progress.NONE);
        } // closed before deriving, as a killed run leaves it: the marks were written with the data
        try (Store store = Store.open(file)) {
            assertEquals(List.of("review", "issues", "people"), store.deriveStale());
            assertEquals("change|2\nissue|2\nissue_comment|2\nreview|3\nreview_comment|2\n",
                    query(store, "SELECT kind, count(*) FROM contributions GROUP BY 1 ORDER BY 1"));
        }
    }

    @Test
    void a_merge_in_curation_moves_the_counts_of_every_kind_at_once_and_a_review_collect_re_derives_only_reviews() throws Exception {
        EveryKind k = EveryKind.create(dir);
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            store.deriveStale(); // a new store: every source stale
            Ids ids = collect(store, k);
            assertEquals(List.of("git", "review", "issues", "people"), store.deriveStale(), "each collect marked its own source");
            assertEquals(6.0, run(store, all(ids), null, Health.Metric.contributors).get("contributors"));
            // Erin reports issues from the address of Bob, who commits and reviews: one individual once merged
            Resolve.log(store, "test", Operation.Kind.MERGE, List.of("bob@initech.com", "erin@initech.com"));
            assertEquals(List.of("people"), store.deriveStale(), "a merge re-derives who the actors are, no contribution");
            assertEquals(5.0, run(store, all(ids), null, Health.Metric.contributors).get("contributors"));
            Map<String, Double> v = run(store, all(ids), Interval.month, Health.Metric.new_contributors);
            assertEquals(3.0, v.get("2024-01 new-contributors"), "erin-bob, Cy, ann");
            assertEquals(2.0, run(store, Scope.of("issue", List.of(ids.tracker()), null, null, false), null, Health.Metric.contributors)
                    .get("contributors"), "issues: erin (now Bob) and Dee Lee");

            // a third pull request, by dee, collected: only the review source and the people are derived again
            Files.writeString(k.backup().resolve("pulls/3.json"), Files.readString(k.backup().resolve("pulls/2.json"))
                    .replace("\"number\":2", "\"number\":3").replace("\"login\":\"ann\",\"id\":2", "\"login\":\"dee\",\"id\":3"));
            CollectReviews.importGitHubBackup(store, k.backup(), "github/o/r", Progress.NONE);
            assertEquals(List.of("review", "people"), store.deriveStale());
            CollectReviews.importGitHubBackup(store, k.backup(), "github/o/r", Progress.NONE);
            assertEquals(List.of("people"), store.deriveStale(), "nothing new: no review row derived (the resolution ran again)");
            assertEquals("change|3\ncommit|3\n", query(store, "SELECT kind, count(*) FROM contributions WHERE kind IN ('change', 'commit')"
                    + " GROUP BY 1 ORDER BY 1"));
        }
    }
}
