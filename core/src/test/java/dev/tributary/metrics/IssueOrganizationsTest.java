package dev.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.model.Operation;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectIssues;
import dev.tributary.pipeline.Resolve;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reporters and responders by organization at the time, through the individual each account is resolved to. */
class IssueOrganizationsTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(IssueOrganizationsTest.class.getResource("/issues/" + name).toURI());
    }

    static List<String> groups(Store store, IssueMetrics.Split split, IssueMetrics.Metric m) {
        Resolve.deriveStale(store); // as every read site does
        return new IssueMetrics(store.connection()).run(IssueScope.all(), List.of(m), null, split, 10).stream()
                .map(p -> p.group() + "=" + p.value()).toList();
    }

    @Test
    void bugzilla_addresses_give_the_reporters_and_the_responders_organizations() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectIssues.run(store, "gluster", TrackerKind.BUGZILLA, List.of(fixture("bugzilla-perceval-items.json")),
                    new CollectIssues.Options(false, 1), Progress.NONE);
            assertEquals(List.of("all=1.0", "redhat.com=1.0"),
                    groups(store, IssueMetrics.Split.reporter_organization, IssueMetrics.Metric.issues_new));
            assertEquals(List.of("all=6.0", "gluster.org=6.0"),
                    groups(store, IssueMetrics.Split.responder_organization, IssueMetrics.Metric.issue_response_time_median),
                    "jon@gluster.org answered six hours after the report");
        }
    }

    @Test
    void the_organization_is_the_one_at_the_report_and_at_the_response_after_curation() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectIssues.run(store, "gluster", TrackerKind.BUGZILLA, List.of(fixture("bugzilla-perceval-items.json")),
                    new CollectIssues.Options(false, 1), Progress.NONE);
            // bug 1200: reported by ivy@redhat.com on 2016-05-17 09:00, first answered by jon@gluster.org at 15:00
            Resolve.log(store, "test", Operation.Kind.ENROLL, List.of("ivy@redhat.com", "Acme", "2016-01-01", "2016-12-31"));
            Resolve.log(store, "test", Operation.Kind.ENROLL, List.of("ivy@redhat.com", "Initech", "2017-01-01", "2018-12-31"));
            Resolve.log(store, "test", Operation.Kind.ENROLL, List.of("jon@gluster.org", "Red Hat", "2017-01-01", "2020-12-31"));
            assertEquals(List.of("all=1.0", "Acme=1.0"), groups(store, IssueMetrics.Split.reporter_organization, IssueMetrics.Metric.issues_new),
                    "Acme at the report; Initech only from 2017");
            assertEquals(List.of("all=6.0", "gluster.org=6.0"),
                    groups(store, IssueMetrics.Split.responder_organization, IssueMetrics.Metric.issue_response_time_median),
                    "Red Hat only from 2017: at the response, the address's own domain");
            Resolve.log(store, "test", Operation.Kind.ENROLL, List.of("jon@gluster.org", "Gluster Inc", "2015-01-01", "2016-12-31"));
            assertEquals(List.of("all=6.0", "Gluster Inc=6.0"),
                    groups(store, IssueMetrics.Split.responder_organization, IssueMetrics.Metric.issue_response_time_median));
        }
    }

    @Test
    void a_github_login_is_linked_by_a_noreply_commit_address_and_the_unlinked_are_unknown() throws Exception {
        Path repoDir = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repoDir); Store store = Store.open(dir.resolve("s.duckdb"))) {
            r.commit().by("Bob", "1234+bob@users.noreply.github.com", "2014-01-02T00:00:00Z").put("a", "1\n").create();
            CollectGit.run(store, repoDir, GitScope.HEAD, 1, Progress.NONE);
            CollectIssues.run(store, "o/r", TrackerKind.GITHUB, List.of(fixture("github-archive")), new CollectIssues.Options(false, 1),
                    Progress.NONE);
            // a noreply address is webmail: linked, but no organization; the link is what the rule gives
            assertEquals(List.of("all=2.0", "Unknown=2.0"),
                    groups(store, IssueMetrics.Split.reporter_organization, IssueMetrics.Metric.issues_new));
        }
    }
}
