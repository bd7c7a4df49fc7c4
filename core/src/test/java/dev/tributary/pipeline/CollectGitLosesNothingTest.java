package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repositories that look empty, shallow or broken never cost stored history; git's own answers are the oracle. */
class CollectGitLosesNothingTest {
    @TempDir
    Path dir;

    private static long commits(Store store, int repo) {
        store.deriveStale();
        return new SummaryQuery(store.connection()).run(new Scope(List.of(repo), "HEAD", null, null, false), 10).commits();
    }

    private Path threeCommits() throws Exception {
        return TestRepo.threeCommits(dir.resolve("r"));
    }

    @Test
    void a_head_naming_a_deleted_branch_is_bad_input_naming_head_and_drops_nothing() throws Exception {
        Path repo = threeCommits();
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            assertEquals(3, commits(store, id));
            Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/gone\n");
            TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                    () -> CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE));
            assertTrue(e.getMessage().contains("HEAD points to refs/heads/gone, which does not exist"), e.getMessage());
            assertEquals(3, commits(store, id), "nothing dropped");
            Files.writeString(repo.resolve(".git/HEAD"), "garbage\n");
            e = assertThrows(TributaryException.InvalidInput.class, () -> CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE));
            assertTrue(e.getMessage().contains("HEAD"), e.getMessage());
            assertEquals(3, commits(store, id));
        }
    }

    @Test
    void an_unborn_head_on_a_first_run_says_what_is_wrong_as_git_does() throws Exception {
        Path repo = dir.resolve("empty");
        try (TestRepo r = TestRepo.init(repo)) {
            // no commit yet
        }
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                    () -> CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE));
            assertTrue(e.getMessage().contains("HEAD points to refs/heads/"), e.getMessage());
        }
        assertThrows(java.io.IOException.class, () -> GitCli.run(repo, "log"), "git log refuses an unborn HEAD too");
    }

    @Test
    void a_deepened_shallow_clone_is_read_again_and_its_boundary_corrected() throws Exception {
        Path full = threeCommits();
        Path shallow = dir.resolve("shallow");
        GitCli.run(dir, "clone", "-q", "--depth", "2", "file://" + full.toAbsolutePath(), shallow.toString());
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, shallow, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            assertEquals(2, commits(store, id));
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM warnings WHERE kind = 'shallow'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the boundary commit is named as partial");
            }
            GitCli.run(shallow, "fetch", "-q", "--unshallow");
            CollectGit.run(store, shallow, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(3, commits(store, id), "as a fresh store, and as git rev-list --count HEAD");
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT sum(lines_added), (SELECT count(*) FROM warnings) FROM commits")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "1 + 1 + 1 lines: the old boundary is now diffed against its parent");
                assertEquals(0, rs.getInt(2));
            }
        }
    }

    @Test
    void a_commit_read_without_a_missing_blob_is_read_again_once_the_blob_is_restored() throws Exception {
        Path repo = threeCommits();
        ObjectId blob;
        try (var r = org.eclipse.jgit.storage.file.FileRepositoryBuilder.create(repo.resolve(".git").toFile())) {
            blob = r.resolve("HEAD:b");
        }
        Path loose = repo.resolve(".git/objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2));
        byte[] saved = Files.readAllBytes(loose);
        Files.delete(loose);
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            assertEquals(1, store.partialCommits(id).size(), "the commit that added b is partial");
            Files.write(loose, saved);
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(List.of(), List.copyOf(store.partialCommits(id)));
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT sum(lines_added), count(*) FROM commits")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "b's line is counted now");
                assertEquals(3, rs.getInt(2), "replaced, not stored twice");
            }
        }
    }

    @Test
    void a_requested_reread_replaces_every_commit_and_keeps_the_rest_of_the_store() throws Exception {
        Path repo = threeCommits();
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            assertEquals(3, CollectGit.requestReread(store, repo));
            CollectGit.Result again = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(3, again.read());
            assertEquals(3, commits(store, id));
            assertEquals(List.of(), List.copyOf(store.partialCommits(id)));
        }
    }

    private static String insertRaw(Path repo, String rawHeaderAndMessage) throws Exception {
        try (var r = org.eclipse.jgit.storage.file.FileRepositoryBuilder.create(repo.resolve(".git").toFile());
             ObjectInserter ins = r.newObjectInserter()) {
            ObjectId tree = r.resolve("HEAD^{tree}");
            ObjectId parent = r.resolve("HEAD");
            ObjectId id = ins.insert(Constants.OBJ_COMMIT, ("tree " + tree.name() + "\nparent " + parent.name() + "\n"
                    + rawHeaderAndMessage).getBytes(StandardCharsets.UTF_8));
            ins.flush();
            RefUpdate u = r.updateRef("refs/heads/main");
            u.setNewObjectId(id);
            u.setForceUpdate(true);
            u.forceUpdate();
            return id.name();
        }
    }

    @Test
    void malformed_author_or_committer_lines_are_warnings_and_the_collection_goes_on() throws Exception {
        Path repo = threeCommits();
        String noCommitter = insertRaw(repo, "author Cy <cy@example.com> 1600001000 +0000\n\nno committer line\n");
        String noAuthor = insertRaw(repo, "committer Dee <dee@example.com> 1600001200 +0000\n\nno author line\n");
        String broken = insertRaw(repo, "author Missing Bracket example.com 1600001400 +0000\n"
                + "committer Eve <eve@example.com> 1600001500 +0100\n\nbroken author line\n");
        assertEquals("6", new String(GitCli.run(repo, "rev-list", "--count", "HEAD")).trim(), "git reads them all");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT sha, author_name, author_email, author_epoch, committer_name, committer_email,"
                         + " committer_offset FROM commits ORDER BY author_epoch DESC LIMIT 3")) {
                rs.next();
                assertEquals(broken, rs.getString(1));
                assertEquals("Missing Bracket example.com", rs.getString(2));
                assertEquals("", rs.getString(3));
                assertEquals(1600001400L, rs.getLong(4));
                assertEquals("Eve", rs.getString(5), "the next header is not swallowed");
                assertEquals("eve@example.com", rs.getString(6));
                assertEquals(60, rs.getInt(7));
                rs.next();
                assertEquals(noAuthor, rs.getString(1));
                assertEquals("dee@example.com", rs.getString(3), "the committer stands in");
                rs.next();
                assertEquals(noCommitter, rs.getString(1));
                assertEquals("cy@example.com", rs.getString(6), "the author stands in");
            }
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(DISTINCT sha) FROM warnings WHERE kind = 'malformed-commit'")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "each named in a warning");
            }
            assertEquals(List.of(), List.copyOf(store.partialCommits(id)), "what the commit says is not repaired by reading it again");
        }
    }

    @Test
    void impossible_dates_are_flagged_and_every_series_spans_the_real_activity() throws Exception {
        Path repo = threeCommits();
        String far = insertRaw(repo, "author Far <far@example.com> 99999999999999 +0000\ncommitter Far <far@example.com> 99999999999999 +0000\n\nfar\n");
        String y9999 = insertRaw(repo, "author Late <late@example.com> 253402214400 +0000\ncommitter Late <late@example.com> 1578045600 +0000\n\nlate\n");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT list(sha ORDER BY sha) FROM warnings WHERE kind = 'impossible-date'")) {
                rs.next();
                assertEquals(java.util.stream.Stream.of(far, y9999).sorted().toList().toString(), rs.getString(1));
            }
            Scope scope = new Scope(List.of(id), "HEAD", null, null, false);
            for (dev.tributary.metrics.Interval interval : dev.tributary.metrics.Interval.values()) {
                store.deriveStale();
                List<dev.tributary.metrics.Point> points = new dev.tributary.metrics.Health(store.connection())
                        .run(scope, List.of(dev.tributary.metrics.Health.Metric.commits), interval, dev.tributary.metrics.Split.none, 10);
                String last = points.get(points.size() - 1).period();
                assertTrue(last.compareTo(String.valueOf(java.time.Year.now().getValue() + 1)) < 0, interval + " ends at " + last);
                assertEquals(5.0, points.stream().mapToDouble(dev.tributary.metrics.Point::value).sum(), 1e-9,
                        "every commit is counted once");
            }
            assertEquals(5, commits(store, id));
        }
    }

    private static long rows(Store store, String sql) throws Exception {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void fileChangesRefusing(Store store, String check) throws Exception {
        try (Statement st = store.connection().createStatement()) {
            st.execute("DROP TABLE file_changes");
            st.execute("CREATE TABLE file_changes(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, path VARCHAR NOT NULL"
                    + check + ", added INTEGER, removed INTEGER, is_binary BOOLEAN)");
        }
    }

    @Test
    void a_batch_whose_write_fails_half_way_stores_none_of_it_and_the_next_collect_reads_it_whole() throws Exception {
        Path repo = threeCommits();
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            // the store refuses the files of the batch after taking its commits, as a disk that fills up would
            fileChangesRefusing(store, " CHECK (path <> 'b')");
            TributaryException e = assertThrows(TributaryException.class, () -> CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE));
            assertTrue(e.getMessage().contains("writing a batch of 3 commits"), e.getMessage());
            assertEquals(0, rows(store, "SELECT count(*) FROM commits"), "no commit is stored without its files");
            assertEquals(0, rows(store, "SELECT count(*) FROM file_changes"));
            fileChangesRefusing(store, "");
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            assertEquals(3, commits(store, id));
            // git's own count of the files the three commits changed
            long files = new String(GitCli.run(repo, "log", "--numstat", "--format="), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).count();
            assertEquals(files, rows(store, "SELECT count(*) FROM file_changes"));
        }
    }
}
