package dev.tributary.metrics;

import dev.tributary.model.Scope;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule each for a person's display name and main organization, the same in every listing (summary,
 * report, credits, series, curation listing), on a history whose answers are worked out by hand below.
 */
class OneRuleEachTest {
    @TempDir
    Path dir;

    @Test
    void every_listing_names_a_person_by_the_most_used_name_then_the_latest_then_the_first() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            // rob@x.org: "Robert Smith" 3 times (2019), "Bob" twice, later (2020): the most used wins
            r.commits("Robert Smith", "rob@x.org", "a", "2019-01-10T10:00:00Z", "2019-02-10T10:00:00Z", "2019-03-01T10:00:00Z");
            r.commits("Bob", "rob@x.org", "a", "2020-01-10T10:00:00Z");
            // ann@x.org: "Ann B" and "Annie" once each; "Annie" is the later: the latest wins a tie
            r.commits("Ann B", "ann@x.org", "b", "2019-03-10T10:00:00Z");
            r.commits("Annie", "ann@x.org", "b", "2019-04-10T10:00:00Z");
            // zed@x.org: "Zed" and "Al" twice each, each pair at the same second: the alphabetically first wins
            r.commits("Zed", "zed@x.org", "c", "2019-05-10T10:00:00Z");
            r.commit().by("Al", "zed@x.org", "2019-05-10T10:00:00Z").put("c", "2\n")
                    // credits: carol (no commits) by her most used trailer name; Robert by his display name
                    .message("Fix c\n\nReviewed-by: Carol Q <carol@x.org>\nAcked-by: rob <rob@x.org>\n").create();
            r.commit().by("Zed", "zed@x.org", "2019-06-10T10:00:00Z").put("c", "3\n")
                    .message("More c\n\nReviewed-by: carol <carol@x.org>\n").create();
            r.commits("Al", "zed@x.org", "c", "2019-06-10T10:00:00Z"); // 2 each, latest at the same second
            r.commit().by("Bob", "rob@x.org", "2020-02-10T10:00:00Z").put("a", "4\n")
                    .message("More a\n\nReviewed-by: Carol Q <carol@x.org>\n").create();
        }
        Map<String, String> expected = Map.of("rob@x.org", "Robert Smith", "ann@x.org", "Annie", "zed@x.org", "Al");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            store.deriveStale();
            Scope all = new Scope(List.of(id), "HEAD", null, null, false);
            Summary summary = new SummaryQuery(store.connection()).run(all, 10);
            assertEquals(expected, summary.topContributors().stream()
                    .collect(Collectors.toMap(Summary.Contributor::email, Summary.Contributor::name)));
            Report report = new ReportQuery(store.connection()).run("t", all, 10);
            assertEquals(expected, report.byDeveloper().stream()
                    .collect(Collectors.toMap(Report.Developer::email, Report.Developer::name)));
            assertEquals(new TreeMap<>(expected), new PeopleQuery(store.connection()).list(false, 10, null).stream()
                    .collect(Collectors.toMap(PeopleQuery.Person::individual, PeopleQuery.Person::name, (a, b) -> a, TreeMap::new)));
            List<Point> byPerson = new Health(store.connection()).run(all, List.of(Health.Metric.commits), null, Split.person, 10);
            assertEquals(List.of("Robert Smith", "Al", "Annie"), byPerson.stream().filter(p -> !p.group().equals("all"))
                    .map(Point::group).toList(), "5, 4 and 2 commits");
            // Carol: "Carol Q" twice, "carol" once; the Acked-by names Robert "rob", but he has his display name
            assertEquals(Map.of("Reviewed-by", "Carol Q", "Acked-by", "Robert Smith"), report.credits().stream()
                    .collect(Collectors.toMap(Report.Credit::kind, Report.Credit::name)));
        }
    }

    @Test
    void a_person_main_organization_is_where_most_of_their_commits_in_scope_went_ties_alphabetically() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            // dee: 2 commits at Zeta (before March), 2 at Acme: a tie, Acme first; eve: 1 at Zeta, 2 at Acme: Acme
            r.commits("Dee", "dee@x.org", "a", "2020-01-10T10:00:00Z", "2020-02-10T10:00:00Z", "2020-03-10T10:00:00Z");
            r.commit().by("Dee", "dee@x.org", "2020-04-10T10:00:00Z").put("a", "4\n")
                    .message("Fix\n\nReviewed-by: Eve <eve@x.org>\n").create();
            r.commit().by("Fay", "fay@y.org", "2020-01-20T10:00:00Z").put("b", "1\n")
                    .message("Fix b\n\nReviewed-by: Dee <dee@x.org>\n").create();
            r.commit().by("Fay", "fay@y.org", "2020-04-20T10:00:00Z").put("b", "2\n")
                    .message("Fix b again\n\nReviewed-by: Dee <dee@x.org>\n").create();
        }
        Path map = dir.resolve("email-map");
        Files.writeString(map, "dee@x.org Zeta < 2020-03-01\ndee@x.org Acme\neve@x.org Acme\n");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            ImportCurated.run(store, "gitdm", map);
            store.deriveStale();
            Scope all = new Scope(List.of(id), "HEAD", null, null, false);
            Summary summary = new SummaryQuery(store.connection()).run(all, 10);
            assertEquals("Acme", summary.topContributors().stream().filter(c -> c.email().equals("dee@x.org")).findFirst()
                    .orElseThrow().organization());
            Report report = new ReportQuery(store.connection()).run("t", all, 10);
            assertEquals("Acme", report.byDeveloper().stream().filter(c -> c.email().equals("dee@x.org")).findFirst()
                    .orElseThrow().organization());
            // Dee credited twice: once at Zeta (January), once at Acme (April): a tie, Acme first
            assertEquals("Acme", report.credits().stream().filter(c -> c.name().equals("Dee")).findFirst().orElseThrow().organization());
        }
    }
}
