package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.model.Operation;
import dev.tributary.model.Policy;
import dev.tributary.metrics.PeopleQuery;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitdmFiles;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person who moves between employers, under curated and manual rules that overlap and come out of
 * order, with an alias and Unicode names: the organization of each commit, worked out by hand.
 */
class AffiliationAtDateTest {
    @TempDir
    Path dir;

    static List<String> stints(Store store, String who) {
        store.deriveStale();
        PeopleQuery q = new PeopleQuery(store.connection());
        return q.show(q.individualOf(who).orElseThrow()).orElseThrow().stints().stream()
                .map(s -> s.organization() + " " + s.first() + ".." + s.last() + " " + s.commits()).toList();
    }

    @Test
    void each_commit_gets_the_organization_of_its_date_by_rank_then_latest_start() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Kim", "kim@acme.com", "a", "2019-06-01T10:00:00Z", "2020-06-01T10:00:00Z", "2021-06-01T10:00:00Z");
            r.commits("Kim K.", "kim@home.net", "a", "2021-09-01T10:00:00Z");
            r.commits("Kim", "kim@acme.com", "a", "2022-06-01T10:00:00Z");
            r.commits("李雷", "lilei@example.cn", "b", "2020-01-01T10:00:00Z");
        }
        Path config = GitdmFiles.in(dir.resolve("gitdm")).aliases("kim@home.net kim@acme.com")
                .domainMap("acme.com Acme", "example.cn Société Générale")
                // out of order: the undated line first
                .emailMap("kim@acme.com Globex", "kim@acme.com Initech < 2021-01-01").write();
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            store.curation().setOverrides(new Policy.Overrides(Policy.Rules.TRIBUTARY, null, null, null)); // gitdm's own: GitdmRulesTest
            CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE);
            ImportCurated.run(store, "gitdm", config);
            // the address line (rank 1) beats the domain (rank 2); the alias makes kim@home.net Kim
            assertEquals(List.of("Initech 2019-06-01..2020-06-01 2", "Globex 2021-06-01..2022-06-01 3"), stints(store, "kim@home.net"));
            assertEquals(List.of("Société Générale 2020-01-01..2020-01-01 1"), stints(store, "lilei@example.cn"));

            // manual enrollments (rank 0) overlap the curated ones and each other: the latest start wins
            Resolve.log(store, "test", Operation.Kind.ENROLL,
                    List.of("kim@acme.com", "Umbrella", "2020-01-01", "2020-12-31"));
            Operation hooli = Resolve.log(store, "test", Operation.Kind.ENROLL,
                    List.of("kim@home.net", "Hooli", "2020-03-01", "2020-09-01"));
            assertEquals(List.of("Initech 2019-06-01..2019-06-01 1", "Hooli 2020-06-01..2020-06-01 1",
                    "Globex 2021-06-01..2022-06-01 3"), stints(store, "kim@acme.com"));

            Resolve.log(store, "test", Operation.Kind.UNDO, List.of(Long.toString(hooli.id())));
            assertEquals(List.of("Initech 2019-06-01..2019-06-01 1", "Umbrella 2020-06-01..2020-06-01 1",
                    "Globex 2021-06-01..2022-06-01 3"), stints(store, "kim@acme.com"));

            // a split cuts the alias: kim@home.net is on its own again, with the home.net domain guess
            Resolve.log(store, "test", Operation.Kind.SPLIT, List.of("kim@home.net"));
            assertEquals(List.of("home.net 2021-09-01..2021-09-01 1"), stints(store, "kim@home.net"));
            assertEquals(List.of("Initech 2019-06-01..2019-06-01 1", "Umbrella 2020-06-01..2020-06-01 1",
                    "Globex 2021-06-01..2022-06-01 2"), stints(store, "kim@acme.com"));
        }
    }

    @Test
    void a_subdomain_rule_outside_its_dates_leaves_the_parent_domain_rule_to_apply() throws Exception {
        Path repo = dir.resolve("d");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Lu", "lu@lab.acme.com", "a", "2019-06-01T10:00:00Z", "2021-06-01T10:00:00Z");
        }
        Path map = dir.resolve("domain-map");
        Files.writeString(map, "acme.com Acme\n");
        try (Store store = Store.open(dir.resolve("d.duckdb"))) {
            store.curation().setOverrides(new Policy.Overrides(Policy.Rules.TRIBUTARY, null, null, null)); // gitdm: shortest domain first
            CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE);
            ImportCurated.run(store, "gitdm", map);
            Resolve.log(store, "test", Operation.Kind.ORG_DOMAIN,
                    List.of("lab.acme.com", "Acme Labs", "", "2020-01-01"));
            assertEquals(List.of("Acme Labs 2019-06-01..2019-06-01 1", "Acme 2021-06-01..2021-06-01 1"), stints(store, "lu@lab.acme.com"));
        }
    }
}
