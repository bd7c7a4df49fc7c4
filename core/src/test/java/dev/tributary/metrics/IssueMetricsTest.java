package dev.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.pipeline.CollectIssues;
import dev.tributary.source.Progress;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the small GitHub archive, worked out by hand: issue #1 (alice, 2014-01-01, closed by bob
 * two days later; comments by alice herself at +1 h, a bot at +2 h, bob at +5 h), pull request #2 (carol,
 * fixes #1 and #3), issue #3 (dave, 2014-02-01, open, no comments); #4 moved away, #5 truncated.
 */
class IssueMetricsTest {
    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void load() throws Exception {
        store = Store.open(dir.resolve("s.duckdb"));
        Path archive = Path.of(IssueMetricsTest.class.getResource("/issues/github-archive").toURI());
        CollectIssues.run(store, "o/r", TrackerKind.GITHUB, List.of(archive), new CollectIssues.Options(false, 1), Progress.NONE);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    Map<String, Double> values(IssueScope scope) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Point p : new IssueMetrics(store.connection()).run(scope, IssueMetrics.all(), null, IssueMetrics.Split.none, 10)) {
            out.put(p.metric(), p.value());
        }
        return out;
    }

    @Test
    void the_whole_history_has_the_hand_counted_figures() {
        Map<String, Double> v = values(IssueScope.all());
        assertEquals(2.0, v.get("issues-new"), "pull requests are left out");
        assertEquals(1.0, v.get("issues-open"));
        assertEquals(1.0, v.get("issues-closed-now"));
        assertEquals(5.0, v.get("issue-response-time-median"), "alice herself and the bot do not count as responses");
        assertEquals(1.0, v.get("issues-responded"));
        assertEquals(1.0, v.get("issues-unanswered"));
        assertEquals(2.0, v.get("issue-resolution-duration-median"));
        assertEquals(3.0, v.get("issue-comments"));
        assertEquals(2.0, v.get("issue-commenters"), "alice and bob; not the bot");
        assertEquals(2.0, v.get("newcomer-issues"));
        assertEquals(1.0, v.get("newcomer-issues-answered"));
        assertEquals(1.0, v.get("new-issue-closers"), "bob");
        assertEquals(1.0, v.get("issue-backlog"));
    }

    @Test
    void pull_requests_count_when_asked() {
        assertEquals(3.0, values(new IssueScope(List.of("o/r"), null, null, true, null, 365)).get("issues-new"));
    }

    @Test
    void a_monthly_series_puts_each_figure_in_its_month() {
        List<Point> points = new IssueMetrics(store.connection()).run(IssueScope.all(),
                List.of(IssueMetrics.Metric.issues_new, IssueMetrics.Metric.issues_closed, IssueMetrics.Metric.issue_backlog,
                        IssueMetrics.Metric.abandoned_issues), Interval.month,
                IssueMetrics.Split.none, 10);
        Map<String, Double> v = new TreeMap<>();
        points.stream().filter(p -> p.period().startsWith("2014-01") || p.period().startsWith("2014-02"))
                .forEach(p -> v.put(p.period() + " " + p.metric(), p.value()));
        // January: #1 reported, and closed on the 3rd, so no backlog (#3 is not reported yet); February: #3 reported and
        // left open; neither month has an issue quiet for over a year
        assertEquals(Map.of(
                "2014-01 issues-new", 1.0, "2014-01 issues-closed", 1.0, "2014-01 issue-backlog", 0.0, "2014-01 abandoned-issues", 0.0,
                "2014-02 issues-new", 1.0, "2014-02 issues-closed", 0.0, "2014-02 issue-backlog", 1.0, "2014-02 abandoned-issues", 0.0), v);
        String lastMonth = points.get(points.size() - 1).period();
        assertEquals(lastMonth.compareTo("2015-02") > 0 ? 1.0 : 0.0, points.stream()
                .filter(p -> p.period().equals(lastMonth) && p.metric().equals("abandoned-issues")).findFirst().get().value(),
                "quiet for over a year by now");
    }

    @Test
    void a_window_and_a_label_narrow_the_issues() {
        long feb = Instant.parse("2014-02-01T00:00:00Z").getEpochSecond();
        assertEquals(1.0, values(IssueScope.all().withWindow(feb, null)).get("issues-new"));
        Map<String, Double> bug = values(new IssueScope(List.of(), null, null, false, "A-bug", 365));
        assertEquals(1.0, bug.get("issues-new"));
        assertEquals(5.0, bug.get("issue-response-time-median"));
        List<Point> byLabel = new IssueMetrics(store.connection()).run(IssueScope.all(), List.of(IssueMetrics.Metric.issues_new),
                null, IssueMetrics.Split.label, 10);
        assertEquals(List.of("all=2.0", "A-bug=1.0", "A-docs=1.0"), byLabel.stream().map(p -> p.group() + "=" + p.value()).toList());
    }

    @Test
    void quantiles_interpolate_between_ranks_as_numpy_does() {
        assertEquals(2.5, IssueMetrics.quantile(List.of(4.0, 1.0, 2.0, 3.0), 0.5));
        assertEquals(3.7, IssueMetrics.quantile(List.of(1.0, 2.0, 3.0, 4.0), 0.9), 1e-12);
        assertEquals(null, IssueMetrics.quantile(List.of(), 0.5));
    }
}
