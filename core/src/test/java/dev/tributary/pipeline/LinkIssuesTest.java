package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.metrics.IssueMetrics;
import dev.tributary.metrics.IssueScope;
import dev.tributary.metrics.Point;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkIssuesTest {
    @TempDir
    Path dir;

    @Test
    void commits_citing_a_jira_key_link_to_it_and_give_the_time_to_the_first_fix() throws Exception {
        Path repoDir = dir.resolve("zk");
        Path jira = Path.of(LinkIssuesTest.class.getResource("/issues/jira-details").toURI());
        try (TestRepo r = TestRepo.init(repoDir); Store store = Store.open(dir.resolve("s.duckdb"))) {
            // ZOOKEEPER-1 was reported 2011-02-23T02:00Z; its first fix lands a day later, a follow-up after that
            r.commit().by("Ben", "ben@apache.org", "2011-02-24T02:00:00Z").committer("Ben", "ben@apache.org", "2011-02-24T02:00:00Z")
                    .message("ZOOKEEPER-1. Leader election hangs (ben)").put("a", "1\n").create();
            r.commit().by("Ben", "ben@apache.org", "2011-02-26T02:00:00Z").committer("Ben", "ben@apache.org", "2011-02-26T02:00:00Z")
                    .message("ZOOKEEPER-1 follow-up; HADOOP-3 is another project; ZOOKEEPER-99 is no stored issue").put("a", "2\n").create();
            CollectGit.run(store, repoDir, GitScope.HEAD, 1, Progress.NONE);
            CollectIssues.run(store, "ZOOKEEPER", TrackerKind.JIRA, List.of(jira), new CollectIssues.Options(false, 1), Progress.NONE);
            assertTrue(LinkIssues.refresh(store));
            assertFalse(LinkIssues.refresh(store), "nothing changed: not rebuilt");
            assertEquals("ZOOKEEPER-1|1298512800\nZOOKEEPER-1|1298685600\n",
                    CollectMailTest.query(store, "SELECT key, ts FROM issue_commits ORDER BY ts"));
            List<Point> p = new IssueMetrics(store.connection()).run(IssueScope.all(),
                    List.of(IssueMetrics.Metric.issues_with_fix, IssueMetrics.Metric.time_to_first_fix_median), null, IssueMetrics.Split.none, 10);
            assertEquals(1.0, p.get(0).value());
            assertEquals(1.0, p.get(1).value(), "one day from report to the first fix");
        }
    }

    @Test
    void a_merged_pull_request_saying_it_fixes_an_issue_is_its_fix() throws Exception {
        Path archive = Path.of(LinkIssuesTest.class.getResource("/issues/github-archive").toURI());
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectIssues.run(store, "o/r", TrackerKind.GITHUB, List.of(archive), new CollectIssues.Options(false, 1), Progress.NONE);
            LinkIssues.refresh(store);
            List<Point> p = new IssueMetrics(store.connection()).run(IssueScope.all(),
                    List.of(IssueMetrics.Metric.issues_with_fix, IssueMetrics.Metric.time_to_first_fix_median), null, IssueMetrics.Split.none, 10);
            assertEquals(1.0, p.get(0).value(), "#1 by pull request #2; #3 was reported after #2 merged, its 'fix' is no fix of it");
            assertEquals(1.5, p.get(1).value(), "#2 merged 2014-01-02T12:00Z, 1.5 days after #1's report");
        }
    }
}
