package dev.tributary.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import dev.tributary.model.Commit;
import dev.tributary.model.FileChange;
import dev.tributary.model.Trailer;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every per-file count and binary flag equals {@code git log --no-merges --numstat --no-renames}. */
class GitSourceMatchesGitCliTest {
    @TempDir
    Path dir;

    /** A history with the edge cases numstat has: renames, binaries, merges, roots, empty commits, odd names. */
    static TestRepo edgeCases(Path dir) throws Exception {
        TestRepo r = TestRepo.init(dir);
        String root = r.commit().by("Ann Lee", "ann@us.ibm.com", "2019-03-01T09:00:00+09:00")
                .put("README", "hello\nworld\n").put("src/a.c", "int a;\nint b;\nint c;\n")
                .put("no-newline.txt", "last line without newline")
                .message("Initial import\n\nSigned-off-by: Ann Lee <ann@us.ibm.com>\n").create();
        String c2 = r.commit().by("Bob", "bob@gmail.com", "2019-03-02T10:00:00-05:00")
                .put("src/a.c", "int a;\nint B;\nint c;\nint d;\n")
                .put("no-newline.txt", "last line without newline\nnow one more\n")
                .rename("README", "docs/README.md")
                .put("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3}, FileMode.REGULAR_FILE)
                .message("Edit, rename, add a binary\n\nReviewed-by: Cy <cy@redhat.com>\nCo-authored-by: Di <di@suse.de>\n")
                .create();
        r.commit().by("Bob", "bob@gmail.com", "2019-03-03T10:00:00-05:00").message("empty commit").create();
        r.commit().by("陈伟", "chen@huawei.com", "2019-03-04T10:00:00+08:00")
                .put("文档/说明.txt", "第一行\n第二行\n")
                .putRaw("caf\u00e9-latin1.txt".getBytes(StandardCharsets.ISO_8859_1), "x\n".getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE)
                .put("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 9, 9}, FileMode.REGULAR_FILE)
                .chmod("src/a.c", FileMode.EXECUTABLE_FILE)
                // names that mimic the lines the git CLI engine reads: its end-of-list line, and a commit header
                .put("tributary-end-of-list\n", "one\n")
                .put("commit 0123456789012345678901234567890123456789", "two\nlines\n")
                .message("CJK and Latin-1 names, binary edit, mode change, names like git's own output").create();
        String side = r.commit().by("Eve", "eve@intel.com", "2019-03-05T10:00:00Z")
                .put("src/b.c", "b\n".repeat(50)).symlink("link", "src/a.c").message("side work").create();
        r.checkout("topic", c2);
        String topic = r.commit().by("Fay", "fay@intel.com", "2019-03-06T10:00:00Z")
                .put("src/a.c", "rewritten\n").delete("no-newline.txt").submodule("vendor/lib", root)
                .message("topic").create();
        r.checkout("main", side);
        r.commit().by("Ann Lee", "ann@us.ibm.com", "2019-03-07T10:00:00Z").merging(topic)
                .put("src/a.c", "rewritten\n").delete("no-newline.txt").submodule("vendor/lib", root)
                .message("Merge topic").create();
        r.commit().by("Gus", "gus@intel.com", "2019-03-08T10:00:00Z")
                .delete("link").put("link", "now a file\nof two lines\n").submodule("vendor/lib", c2)
                .put("big.txt", "line\n".repeat(20_000)).message("typechange, submodule bump").create();
        String bigEdit = r.commit().by("Gus", "gus@intel.com", "2019-03-09T10:00:00Z")
                .put("big.txt", ("line\n".repeat(9_000) + "changed\n" + "line\n".repeat(10_999)))
                .message("one line in a big file").create();
        String orphan = r.commit().by("Hal", "hal@intel.com", "2019-03-10T10:00:00Z").root().put("other", "x\n")
                .message("second root").create();
        r.checkout("main", bigEdit);
        r.commit().by("Hal", "hal@intel.com", "2019-03-11T10:00:00Z").merging(orphan).put("other", "x\n")
                .message("Merge the second root").create();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GitSource.DiffEngine.class)
    void every_file_count_and_binary_flag_equals_git_numstat(GitSource.DiffEngine engine) throws Exception {
        try (TestRepo r = edgeCases(dir); GitSource git = GitSource.open(dir).engine(engine)) {
            Map<String, List<GitCli.Numstat>> expected = GitCli.numstat(dir);
            Map<String, Commit> commits = read(git, GitScope.HEAD, new ArrayList<>());
            int nonMerges = 0;
            for (Commit c : commits.values()) {
                if (c.merge()) {
                    assertTrue(c.files().isEmpty());
                    continue;
                }
                nonMerges++;
                assertEquals(asMap(expected.get(c.sha())), asMap(toNumstat(c.files())), "files of " + c.sha() + " " + c.subject());
            }
            assertEquals(expected.size(), nonMerges, "non-merge commits");
            assertEquals(9, nonMerges, "the fixture's non-merge commits, roots included");
            assertEquals(Integer.parseInt(new String(GitCli.run(dir, "rev-list", "--count", "HEAD")).trim()), commits.size());
        }
    }

    @Test
    void metadata_and_trailers_equal_git_log() throws Exception {
        try (TestRepo r = edgeCases(dir); GitSource git = GitSource.open(dir)) {
            Map<String, Commit> commits = read(git, GitScope.HEAD, new ArrayList<>());
            String log = new String(GitCli.run(dir, "log", "--format=%H%x09%an%x09%ae%x09%at%x09%ai%x09%P%x09%s"), StandardCharsets.UTF_8);
            for (String line : log.split("\n")) {
                String[] f = line.split("\t", -1);
                Commit c = commits.get(f[0]);
                assertEquals(f[1], c.author().name());
                assertEquals(f[2], c.author().email());
                assertEquals(Long.parseLong(f[3]), c.author().epochSeconds());
                String tz = f[4].substring(f[4].length() - 5);
                int offset = (tz.charAt(0) == '-' ? -1 : 1) * (Integer.parseInt(tz.substring(1, 3)) * 60 + Integer.parseInt(tz.substring(3)));
                assertEquals(offset, c.author().offsetMinutes());
                assertEquals(f[5], String.join(" ", c.parents()));
                assertEquals(f[6], c.subject());
            }
            Commit edit = commits.values().stream().filter(c -> c.subject().startsWith("Edit, rename")).findFirst().orElseThrow();
            assertEquals(List.of(new Trailer(Trailer.Kind.REVIEWED_BY, "Cy", "cy@redhat.com"),
                    new Trailer(Trailer.Kind.CO_AUTHORED_BY, "Di", "di@suse.de")), edit.trailers());
        }
    }

    @Test
    void a_commit_parsed_from_what_the_walk_kept_equals_the_one_read_from_the_pack() throws Exception {
        try (TestRepo r = edgeCases(dir); GitSource git = GitSource.open(dir)) {
            java.util.Set<String> toRead = new java.util.HashSet<>();
            List<ObjectId> walked = git.walk(git.resolve(GitScope.HEAD), id -> id.name().compareTo("8") < 0 && toRead.add(id.name()));
            assertTrue(git.kept() > 0 && git.kept() < walked.size(), "some kept, some not: " + git.kept() + " of " + walked.size());
            assertEquals(toRead.size(), git.kept());
            Map<String, Commit> fromWalk = new HashMap<>();
            git.read(walked, 2, (c, w) -> fromWalk.put(c.sha(), c), Progress.NONE); // kept ones parsed, the others read
            assertEquals(0, git.kept(), "a read drops what the walk kept");
            Map<String, Commit> fromPack = new HashMap<>();
            git.read(walked, 2, (c, w) -> fromPack.put(c.sha(), c), Progress.NONE); // every one read from the pack
            assertEquals(walked.size(), fromWalk.size());
            assertEquals(fromPack, fromWalk, "messages, trailers, signatures and files alike");
        }
    }

    @Test
    void a_range_reads_only_what_b_reaches_and_a_does_not() throws Exception {
        try (TestRepo r = edgeCases(dir); GitSource git = GitSource.open(dir)) {
            String all = new String(GitCli.run(dir, "rev-list", "--count", "topic..main")).trim();
            assertEquals(Integer.parseInt(all), git.walk(git.resolve(GitScope.range("topic..main"))).size());
            String every = new String(GitCli.run(dir, "rev-list", "--count", "--all")).trim();
            assertEquals(Integer.parseInt(every), git.walk(git.resolve(GitScope.ALL)).size());
            assertEquals(0, git.kept(), "a walk that only lists keeps no body in memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GitSource.DiffEngine.class)
    void a_missing_blob_is_a_warning_naming_object_and_commit_and_the_run_finishes(GitSource.DiffEngine engine) throws Exception {
        String lost;
        try (TestRepo r = edgeCases(dir)) {
            lost = r.repository().resolve("HEAD^1~1:big.txt").name();
        }
        deleteLooseObject(lost);
        try (GitSource git = GitSource.open(dir).engine(engine)) {
            List<Warning> warnings = new ArrayList<>();
            Map<String, Commit> commits = read(git, GitScope.HEAD, warnings);
            assertEquals(Integer.parseInt(new String(GitCli.run(dir, "rev-list", "--count", "HEAD")).trim()), commits.size());
            assertTrue(warnings.size() >= 1, "warnings: " + warnings);
            for (Warning w : warnings) {
                assertEquals("missing-object", w.kind());
                assertTrue(w.message().contains(lost), w.message());
                assertTrue(commits.containsKey(w.location()), w.location());
            }
            // every other commit is counted as git counts it
            java.util.Set<String> warned = blamed(warnings);
            int checked = 0;
            for (Commit c : commits.values()) {
                if (!c.merge() && !warned.contains(c.sha())) {
                    assertEquals(asMap(GitCli.numstat(dir, "-1", c.sha()).get(c.sha())), asMap(toNumstat(c.files())), c.sha());
                    checked++;
                }
            }
            assertTrue(checked >= 7, "checked " + checked);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GitSource.DiffEngine.class)
    void a_missing_tree_is_blamed_on_the_commits_that_need_it_and_no_other(GitSource.DiffEngine engine) throws Exception {
        String tree;
        String owner;
        String child;
        try (TestRepo r = edgeCases(dir)) {
            owner = r.repository().resolve("HEAD~2").name();
            child = r.repository().resolve("HEAD~1").name();
            tree = r.repository().resolve("HEAD~2^{tree}").name();
        }
        deleteLooseObject(tree);
        try (GitSource git = GitSource.open(dir).engine(engine)) {
            List<Warning> warnings = new ArrayList<>();
            Map<String, Commit> commits = read(git, GitScope.HEAD, warnings);
            java.util.Set<String> blamed = blamed(warnings);
            assertTrue(java.util.Set.of(owner, child).containsAll(blamed) && !blamed.isEmpty(), "blamed " + blamed + ", " + warnings);
            for (Commit c : commits.values()) {
                if (!c.merge() && !blamed.contains(c.sha())) {
                    assertEquals(asMap(GitCli.numstat(dir, "-1", c.sha()).get(c.sha())), asMap(toNumstat(c.files())), c.sha());
                }
            }
        }
    }

    @Test
    void the_git_workers_chunks_are_consecutive_runs_covering_each_commit_once_and_shrinking_to_the_minimum() {
        List<ObjectId> commits = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            commits.add(ObjectId.fromRaw(new int[] {i, 0, 0, 0, 0}));
        }
        List<List<ObjectId>> chunks = GitSource.chunks(commits, 2);
        assertEquals(commits, chunks.stream().flatMap(List::stream).toList(), "every commit once, in the walk's order");
        assertEquals(1_250, chunks.get(0).size(), "the first chunk: a quarter of the commits for two workers");
        for (int i = 1; i < chunks.size(); i++) {
            assertTrue(chunks.get(i).size() <= chunks.get(i - 1).size(), "chunk " + i + " no longer than the one before");
        }
        assertEquals(GitSource.MIN_CHUNK, chunks.get(chunks.size() - 2).size(), "the short chunks end the run");
        assertEquals(List.of(commits.subList(0, 100)), GitSource.chunks(commits.subList(0, 100), 2), "a short history: one chunk");
        assertEquals(List.of(commits), GitSource.chunks(commits, 1), "a single worker: the whole history in one git process");
    }

    @Test
    void a_history_of_many_chunks_read_by_two_git_workers_gives_each_commit_once_with_git_numstat() throws Exception {
        sevenHundredCommits(dir).close();
        try (GitSource git = GitSource.open(dir).engine(GitSource.DiffEngine.GIT)) {
            Map<String, List<GitCli.Numstat>> expected = GitCli.numstat(dir);
            Map<String, Integer> times = new HashMap<>();
            Map<String, Commit> commits = new HashMap<>();
            List<ObjectId> walked = git.walk(git.resolve(GitScope.HEAD));
            assertEquals(6, GitSource.chunks(walked, 2).size(), "the fixture spans several chunks: 175, 132, 128, 128, 128, 9");
            git.read(walked, 2, (c, w) -> {
                times.merge(c.sha(), 1, Integer::sum);
                commits.put(c.sha(), c);
                assertTrue(w.isEmpty(), w.toString());
            }, Progress.NONE);
            assertEquals(700, times.size());
            assertTrue(times.values().stream().allMatch(t -> t == 1), "each commit handed over once");
            for (Commit c : commits.values()) {
                assertEquals(asMap(expected.get(c.sha())), asMap(toNumstat(c.files())), "files of " + c.subject());
            }
        }
    }

    @Test
    void a_blob_missing_in_a_middle_chunk_is_blamed_on_its_two_commits_and_git_goes_on_with_the_rest() throws Exception {
        sevenHundredCommits(dir).close();
        // commit 400 writes f1.txt; commit 407 is the next to change it: the only two whose diff needs that blob
        List<String> ids = List.of(new String(GitCli.run(dir, "rev-parse", "HEAD~299:f1.txt", "HEAD~299", "HEAD~292")).split("\n"));
        String added = ids.get(1);
        String replaced = ids.get(2);
        deleteLooseObject(ids.get(0));
        try (GitSource git = GitSource.open(dir).engine(GitSource.DiffEngine.GIT)) {
            List<Warning> warnings = new ArrayList<>();
            Map<String, Commit> commits = read(git, GitScope.HEAD, warnings);
            assertEquals(700, commits.size());
            java.util.Set<String> blamed = blamed(warnings);
            assertEquals(new java.util.TreeSet<>(List.of(added, replaced)), blamed, warnings.toString());
            // git's own numstat of the rest: the commits before 400 and after 407 in two runs, the six between one by one
            Map<String, List<GitCli.Numstat>> expected = new HashMap<>(GitCli.numstat(dir, added + "^"));
            expected.putAll(GitCli.numstat(dir, replaced + "..HEAD"));
            for (Commit c : commits.values()) {
                if (!blamed.contains(c.sha())) {
                    List<GitCli.Numstat> theirs = expected.containsKey(c.sha()) ? expected.get(c.sha())
                            : GitCli.numstat(dir, "-1", c.sha()).get(c.sha());
                    assertEquals(asMap(theirs), asMap(toNumstat(c.files())), c.subject());
                }
            }
        }
    }

    @Test
    void a_commit_missing_from_the_history_stops_the_walk_before_anything_is_read_naming_the_commit() throws Exception {
        sevenHundredCommits(dir).close();
        String missing = new String(GitCli.run(dir, "rev-parse", "HEAD~299")).trim();
        deleteLooseObject(missing);
        try (GitSource git = GitSource.open(dir).engine(GitSource.DiffEngine.GIT)) {
            TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                    () -> git.walk(git.resolve(GitScope.HEAD), id -> true));
            assertEquals(git.location() + ": missing commit " + missing + "; the history behind it cannot be walked", e.getMessage());
            assertEquals(0, git.kept(), "no body kept for a read that will not come");
        }
    }

    private void deleteLooseObject(String id) throws java.io.IOException {
        java.nio.file.Files.delete(dir.resolve(".git/objects/" + id.substring(0, 2) + "/" + id.substring(2)));
    }

    /** The commits the warnings name. */
    private static java.util.Set<String> blamed(List<Warning> warnings) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        warnings.forEach(w -> out.add(w.location()));
        return out;
    }

    /** Commit i (from 0) rewrites f(i mod 7).txt as lines 0 to i: every blob is new, each file changes every 7th commit. */
    private static TestRepo sevenHundredCommits(Path dir) throws Exception {
        TestRepo r = TestRepo.init(dir);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            text.append("line ").append(i).append('\n');
            r.commit().by("Ann Lee", "ann@us.ibm.com", "2019-03-01T09:00:00Z").put("f" + (i % 7) + ".txt", text.toString())
                    .message("commit " + i).create();
        }
        return r;
    }

    static Map<String, Commit> read(GitSource git, GitScope scope, List<Warning> warnings) {
        Map<String, Commit> out = new HashMap<>();
        git.read(git.walk(git.resolve(scope)), 2, (c, w) -> {
            out.put(c.sha(), c);
            warnings.addAll(w);
        }, Progress.NONE);
        return out;
    }

    private static List<GitCli.Numstat> toNumstat(List<FileChange> files) {
        List<GitCli.Numstat> out = new ArrayList<>();
        for (FileChange f : files) {
            out.add(f.binary() ? new GitCli.Numstat(f.path(), -1, -1) : new GitCli.Numstat(f.path(), f.added(), f.removed()));
        }
        return out;
    }

    private static Map<String, GitCli.Numstat> asMap(List<GitCli.Numstat> list) {
        Map<String, GitCli.Numstat> m = new TreeMap<>();
        for (GitCli.Numstat n : list) {
            m.put(n.path(), n);
        }
        return m;
    }
}
