package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.model.Scope;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CollectGitTest {
    @TempDir
    Path dir;

    private Summary summary(Store store, int repo) {
        store.deriveStale();
        return new SummaryQuery(store.connection()).run(new Scope(List.of(repo), "HEAD", null, null, false), 10);
    }

    private static long gitCount(Path repo, String... args) throws Exception {
        return Long.parseLong(new String(GitCli.run(repo, args)).trim());
    }

    @Test
    void a_rerun_reads_only_new_commits_and_a_rewritten_history_drops_the_lost_ones() throws Exception {
        Path repoDir = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repoDir); Store store = Store.open(dir.resolve("t.duckdb"))) {
            String c1 = r.commit().by("Ann", "ann@ibm.com", "2020-01-01T10:00:00Z").put("a", "1\n").create();
            String c2 = r.commit().by("Ann", "ann@ibm.com", "2020-01-02T10:00:00Z").put("a", "1\n2\n").create();
            CollectGit.Result first = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE);
            assertEquals(2, first.read());

            CollectGit.Result again = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE);
            assertTrue(again.upToDate());
            assertEquals(0, again.read());

            r.commit().by("Bob", "bob@redhat.com", "2020-01-03T10:00:00Z").put("b", "x\ny\n").create();
            CollectGit.Result third = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE);
            assertEquals(1, third.read());
            assertEquals(3, summary(store, third.repositoryId()).commits());

            // force-push: main goes back to c1 and grows another way
            r.checkout("main", c1);
            r.commit().by("Cy", "cy@suse.de", "2020-01-04T10:00:00Z").put("c", "z\n").create();
            CollectGit.Result rewritten = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE);
            assertEquals(1, rewritten.read());
            Summary s = summary(store, rewritten.repositoryId());
            assertEquals(gitCount(repoDir, "rev-list", "--count", "--no-merges", "HEAD"), s.commits());
            assertEquals(2, s.commits());
            assertEquals(2, s.linesAdded(), "1 line of a + 1 line of c");
            assertFalse(store.storedCommits(rewritten.repositoryId()).contains(c2), "unreachable commit dropped");
        }
    }

    @Test
    void a_run_killed_before_the_contributions_were_derived_leaves_them_stale_and_the_next_derivation_rebuilds_them()
            throws Exception {
        Path repoDir = dir.resolve("k");
        Path db = dir.resolve("k.duckdb");
        Summary before;
        int repo;
        try (TestRepo r = TestRepo.init(repoDir)) {
            for (int i = 0; i < 6; i++) {
                r.commit().by("P" + (i % 3), "p" + (i % 3) + "@acme.com", "2020-01-0" + (i + 1) + "T10:00:00Z")
                        .put("f" + i, "x\n".repeat(i + 1)).create();
            }
        }
        try (Store store = Store.open(db)) {
            repo = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            before = summary(store, repo);
            assertEquals(6, before.commits());
            // what a kill between a write and the derivation leaves: the stale mark, and a half-written relation
            try (var st = store.connection().createStatement()) {
                st.execute("UPDATE derived_state SET stale = true");
                st.execute("DELETE FROM contributions WHERE cid % 2 = 0");
            }
        }
        try (Store store = Store.open(db)) {
            assertEquals(before, summary(store, repo));
            // a merge or split killed halfway: only who the authors are is stale, and half of it is missing
            try (var st = store.connection().createStatement()) {
                st.execute("UPDATE derived_state SET stale = true WHERE name = 'people'");
                st.execute("DELETE FROM contribution_people WHERE aid % 2 = 0");
            }
        }
        try (Store store = Store.open(db)) {
            assertEquals(before, summary(store, repo));
        }
    }

    @Test
    void a_rerun_of_a_range_between_packed_tags_reads_only_the_refs_and_a_moved_tag_is_read_again() throws Exception {
        Path repoDir = dir.resolve("t");
        String[] shas = new String[4];
        try (TestRepo r = TestRepo.init(repoDir)) {
            for (int i = 0; i < 4; i++) {
                shas[i] = r.commit().by("P", "p@acme.com", "2020-01-0" + (i + 1) + "T10:00:00Z").put("f", i + "\n").create();
            }
        }
        GitCli.run(repoDir, "-c", "user.name=T", "-c", "user.email=t@x", "tag", "-a", "-m", "one", "v1", shas[0]);
        GitCli.run(repoDir, "-c", "user.name=T", "-c", "user.email=t@x", "tag", "-a", "-m", "two", "v2", shas[2]);
        GitCli.run(repoDir, "pack-refs", "--all");
        GitCli.run(repoDir, "gc", "-q");
        try (Store store = Store.open(dir.resolve("t.duckdb"))) {
            CollectGit.Result first = CollectGit.run(store, repoDir, GitScope.range("v1..v2"), 1, Progress.NONE);
            assertEquals(2, first.read(), "v1..v2 is the second and third commits, as git rev-list says");
            assertEquals(2, gitCount(repoDir, "rev-list", "--count", "v1..v2"));
            // with every object moved away, a rerun with nothing new still succeeds: it opened no object, only the
            // refs (packed with their peeled ids), which still name what its cursor holds
            Path objects = repoDir.resolve(".git/objects");
            Path aside = dir.resolve("objects-aside");
            java.nio.file.Files.move(objects, aside);
            java.nio.file.Files.createDirectories(objects.resolve("pack"));
            java.nio.file.Files.createDirectories(objects.resolve("info"));
            assertTrue(CollectGit.run(store, repoDir, GitScope.range("v1..v2"), 1, Progress.NONE).upToDate());
            try (var files = java.nio.file.Files.walk(objects)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            java.nio.file.Files.move(aside, objects);
            // v2 moved to the last commit: the refs no longer match, the range is resolved and read again
            GitCli.run(repoDir, "-c", "user.name=T", "-c", "user.email=t@x", "tag", "-f", "-a", "-m", "two again", "v2", shas[3]);
            GitCli.run(repoDir, "pack-refs", "--all");
            CollectGit.Result moved = CollectGit.run(store, repoDir, GitScope.range("v1..v2"), 1, Progress.NONE);
            assertFalse(moved.upToDate());
            assertEquals(1, moved.read(), "only the new commit");
            assertEquals(3, store.storedCommits(moved.repositoryId()).size());
            // a loose tag (not packed) is resolved through the objects, with the same answer
            GitCli.run(repoDir, "-c", "user.name=T", "-c", "user.email=t@x", "tag", "-a", "-m", "loose", "v3", shas[3]);
            CollectGit.Result loose = CollectGit.run(store, repoDir, GitScope.range("v1..v3"), 1, Progress.NONE);
            assertEquals(0, loose.read(), "every commit of v1..v3 is stored already");
            assertTrue(CollectGit.run(store, repoDir, GitScope.range("v1..v3"), 1, Progress.NONE).upToDate());
        }
    }

    @Test
    void summary_counts_people_organizations_and_bots_as_worked_out_by_hand() throws Exception {
        Path repoDir = dir.resolve("s");
        try (TestRepo r = TestRepo.init(repoDir); Store store = Store.open(dir.resolve("s.duckdb"))) {
            // ibm.com: Ann (3 commits, two addresses on one domain tree), Dan (1) -> 4 commits, 2 people
            r.commit().by("Ann", "ann@us.ibm.com", "2020-01-01T10:00:00Z").put("a", "1\n2\n3\n").create();
            r.commit().by("Ann", "ANN@us.ibm.com", "2020-01-02T10:00:00Z").put("a", "1\n").create();
            r.commit().by("Ann B.", "ann@us.ibm.com", "2020-01-03T10:00:00Z").put("b", "1\n").create();
            r.commit().by("Dan", "dan@ibm.com", "2020-01-04T10:00:00Z").put("d", "1\n").create();
            // redhat.com: Bob (2); Unknown: Eve on gmail (1); bot: dependabot (2)
            r.commit().by("Bob", "bob@redhat.com", "2020-01-05T10:00:00Z").put("c", "1\n").create();
            r.commit().by("Bob", "bob@redhat.com", "2020-01-06T10:00:00Z").put("c", "1\n2\n").create();
            r.commit().by("Eve", "eve@gmail.com", "2020-01-07T10:00:00Z").put("e", "1\n").create();
            r.commit().by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "2020-01-08T10:00:00Z").put("f", "1\n").create();
            r.commit().by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "2020-01-09T10:00:00Z").put("f", "2\n").create();
            int repo = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            Summary s = summary(store, repo);
            assertEquals(9, s.commits());
            assertEquals(4, s.contributors(), "Ann, Dan, Bob, Eve; the bot apart");
            assertEquals(2, s.organizations(), "ibm.com and redhat.com");
            assertEquals(1, s.bots());
            assertEquals(2, s.botCommits());
            assertEquals("ibm.com", s.topOrganizations().get(0).name());
            assertEquals(4, s.topOrganizations().get(0).commits());
            assertEquals(2, s.topOrganizations().get(0).contributors());
            assertEquals("Ann", s.topContributors().get(0).name(), "most used name");
            assertEquals(3, s.topContributors().get(0).commits());
            // lines changed: Ann +3, -2 (3 lines to 1), +1 = 6; Bob +1, +1 = 2; Dan 1 and Eve 1 tie, by email
            assertEquals(List.of("ann@us.ibm.com", "bob@redhat.com", "dan@ibm.com", "eve@gmail.com"),
                    s.topContributorsByLines().stream().map(Summary.Contributor::email).toList());
            assertEquals(4, s.topContributorsByLines().get(0).linesAdded());
            assertEquals(2, s.topContributorsByLines().get(0).linesRemoved());
            // the bot is shown apart: 2 commits, f "1" (+1) then "1" -> "2" (+1 -1)
            assertEquals(List.of(new Summary.Bot("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", 2, 2, 1)),
                    s.botAccounts());
            assertEquals(false, s.botsIncluded());
            // 7 human commits: Ann 3 + Bob 2 = 5 >= 3.5 -> pony factor 2; known-org commits 6: ibm 4 >= 3 -> elephant 1
            assertEquals(2, s.ponyFactor());
            assertEquals(1, s.elephantFactor());
            assertEquals(1.0 / 7, s.unknownShare(), 1e-9);
            store.deriveStale();
            Summary window = new SummaryQuery(store.connection()).run(new Scope(List.of(repo), "HEAD",
                    java.time.Instant.parse("2020-01-05T00:00:00Z").getEpochSecond(),
                    java.time.Instant.parse("2020-01-07T00:00:00Z").getEpochSecond(), false), 10);
            assertEquals(2, window.commits(), "Bob's two commits inside [Jan 5, Jan 7)");
        }
    }

    /** Where a mailmap is given: in the repository's work tree (read by the next collect) or as a curated file (imported). */
    enum MailmapIn {
        WORK_TREE, CURATED
    }

    @ParameterizedTest
    @EnumSource(MailmapIn.class)
    void a_mailmap_in_the_work_tree_or_curated_applies_all_four_forms_without_reading_a_commit_again(MailmapIn in) throws Exception {
        Path repoDir = dir.resolve("m");
        try (TestRepo r = TestRepo.init(repoDir); Store store = Store.open(dir.resolve("m.duckdb"))) {
            r.commits("ann", "ann@gmail.com", "a", "2020-01-01T10:00:00Z");
            r.commits("A. Lee", "ann.lee@ibm.com", "a", "2020-01-02T10:00:00Z");
            r.commits("bob", "bob@x.org", "b", "2020-01-03T10:00:00Z");
            r.commits("Cy", "cy@old.org", "c", "2020-01-04T10:00:00Z");
            int repo = CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            assertEquals(4, summary(store, repo).contributors());
            String mailmap = String.join("\n",
                    "Bob Builder <bob@x.org>",                                 // 1: proper name for an address
                    "<cy@new.org> <cy@old.org>",                               // 2: proper address
                    "Ann Lee <ann.lee@ibm.com> <ann@gmail.com>",               // 3: both, by address
                    "Ann Lee <ann.lee@ibm.com> A. Lee <ann.lee@ibm.com>", ""); // 4: both, by name and address
            switch (in) {
                case WORK_TREE -> {
                    java.nio.file.Files.writeString(repoDir.resolve(".mailmap"), mailmap);
                    assertEquals(0, CollectGit.run(store, repoDir, GitScope.HEAD, 2, Progress.NONE).read(), "the mailmap alone is new");
                }
                case CURATED -> ImportCurated.run(store, "mailmap", java.nio.file.Files.writeString(dir.resolve("curated.mailmap"), mailmap));
            }
            Summary s = summary(store, repo);
            assertEquals(3, s.contributors());
            assertEquals(List.of("Ann Lee <ann.lee@ibm.com> 2", "Bob Builder <bob@x.org> 1", "Cy <cy@new.org> 1"),
                    s.topContributors().stream().map(c -> c.name() + " <" + c.email() + "> " + c.commits()).toList());
        }
    }
}
