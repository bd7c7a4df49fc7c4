package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.model.Operation;
import dev.tributary.model.Scope;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.store.Curation;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitdmFiles;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed after a write was committed but before the resolution that the write calls for: the next run
 * (which sees nothing new to collect or import) still resolves, so the figures equal an uninterrupted run's. Each
 * kill is simulated by doing the write step alone and closing the store, as kill -9 would leave it. One history for
 * the class (no test writes to it); each test collects it into stores of its own.
 */
class KilledBeforeResolvingTest {
    @TempDir
    static Path dir;
    static Path repo;

    @BeforeAll
    static void history() throws Exception {
        repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            // acme.com: Ann 2, Bob 1; initech.com: Cy 1 (by hand: 4 commits, 3 people, 2 organizations)
            r.commits("Ann", "ann@acme.com", "a", "2020-01-01T10:00:00Z", "2020-01-02T10:00:00Z");
            r.commits("Bob", "bob@acme.com", "b", "2020-01-03T10:00:00Z");
            r.commits("Cy", "cy@initech.com", "c", "2020-01-04T10:00:00Z");
        }
    }

    private static Summary summary(Store store) {
        Resolve.deriveStale(store);
        return new SummaryQuery(store.connection()).run(new Scope(List.of(1), "HEAD", null, null, false), 10);
    }

    private static java.util.Set<String> organizations(Store store) {
        return summary(store).topOrganizations().stream().map(Summary.Organization::name).collect(java.util.stream.Collectors.toSet());
    }

    private CollectRepositories.Options options() {
        return new CollectRepositories.Options(GitScope.HEAD, 1, 1, false, new RepositoryCache(dir.resolve("cache")));
    }

    @Test
    void collected_but_not_resolved_then_rerun_with_nothing_new_resolves() {
        Path db = dir.resolve("k.duckdb");
        try (Store store = Store.open(db)) {
            CollectGit.collect(store, repo, GitScope.HEAD, 1, Progress.NONE); // killed here: no resolution yet
            assertEquals(Optional.of(Curation.Pending.resolution), store.curation().pending());
        }
        try (Store store = Store.open(db)) {
            CollectRepositories.Result again = CollectRepositories.run(store, List.of(repo.toString()), options(), Progress.NONE);
            assertTrue(again.collected().get(0).upToDate(), "nothing new to read");
            Summary s = summary(store);
            assertEquals(4, s.commits());
            assertEquals(2, s.organizations(), "acme.com and initech.com, as an uninterrupted run says");
            assertEquals(0.0, s.unknownShare(), 1e-9);
            assertEquals(Optional.empty(), store.curation().pending(), "the mark is cleared once resolved");
        }
    }

    @Test
    void a_curated_file_stored_but_not_resolved_is_resolved_by_the_next_run_that_finds_it_unchanged() throws Exception {
        Path config = GitdmFiles.in(dir.resolve("gitdm")).aliases().domainMap("acme.com Acme Inc.").write();
        Path db = dir.resolve("c.duckdb");
        Summary uninterrupted;
        try (Store store = Store.open(dir.resolve("u.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            ImportCurated.run(store, "gitdm", config);
            uninterrupted = summary(store);
        }
        assertEquals("Acme Inc.", uninterrupted.topOrganizations().get(0).name());
        try (Store store = Store.open(db)) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            summary(store);
            ImportCurated.storeIfChanged(store, "gitdm", config.toAbsolutePath()); // killed here
        }
        try (Store store = Store.open(db)) {
            assertTrue(!ImportCurated.storeIfChanged(store, "gitdm", config.toAbsolutePath()).changed(),
                    "the digest says the file is stored already");
            assertEquals(uninterrupted, summary(store));
        }
    }

    @Test
    void a_merge_logged_but_not_applied_is_applied_before_the_next_read() {
        Path db = dir.resolve("m.duckdb");
        try (Store store = Store.open(db)) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(3, summary(store).contributors());
            store.curation().log("test", Operation.Kind.MERGE, List.of("bob@acme.com", "ann@acme.com")); // killed here
        }
        try (Store store = Store.open(db)) {
            assertEquals(2, summary(store).contributors(), "Ann and Bob are one person now; Cy");
        }
    }

    @Test
    void an_operation_logged_but_killed_before_its_resolution_is_applied_by_the_next_read() {
        Path db = dir.resolve("e.duckdb");
        try (Store store = Store.open(db)) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            summary(store);
            store.curation().log("test", Operation.Kind.ENROLL, List.of("cy@initech.com", "Acme Inc.", "", "")); // killed here
            assertEquals(Optional.of(Curation.Pending.resolution), store.curation().pending());
        }
        try (Store store = Store.open(db)) {
            assertEquals(java.util.Set.of("acme.com", "Acme Inc."), organizations(store), "the next read resolved it");
            assertEquals(Optional.empty(), store.curation().pending());
        }
    }

    @Test
    void an_enrollment_and_its_undo_are_each_logged_and_applied_in_one_transaction_so_nothing_is_ever_pending() {
        try (Store store = Store.open(dir.resolve("one.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(java.util.Set.of("acme.com", "initech.com"), organizations(store));
            Operation op = Resolve.log(store, "test", Operation.Kind.ENROLL, List.of("cy@initech.com", "Acme Inc.", "", ""));
            assertEquals(Optional.empty(), store.curation().pending(), "no window between the log and the enrollment");
            assertEquals(java.util.Set.of("acme.com", "Acme Inc."), organizations(store), "Cy counts for Acme Inc. now");
            Operation undo = Resolve.log(store, "test", Operation.Kind.UNDO, List.of(Long.toString(op.id())));
            assertEquals(Optional.empty(), store.curation().pending());
            assertEquals(java.util.Set.of("acme.com", "initech.com"), organizations(store), "Cy is back with initech.com");
            assertEquals(List.of(op.id(), undo.id()), store.curation().operations().stream().map(Operation::id).toList());
        }
    }

    @Test
    void an_enrollment_that_fails_to_apply_is_not_logged() {
        try (Store store = Store.open(dir.resolve("fail.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertThrows(IllegalStateException.class, () -> store.curation().logEnrollment("test",
                    List.of("cy@initech.com", "Acme Inc.", "", ""), op -> {
                        throw new IllegalStateException("killed while applying");
                    }));
            assertEquals(List.of(), store.curation().operations(), "a failed operation leaves no trace in the audit log");
            assertEquals(Optional.empty(), store.curation().pending());
        }
    }
}
