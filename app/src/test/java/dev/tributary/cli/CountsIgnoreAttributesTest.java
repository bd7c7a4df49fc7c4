package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line counts come from the repository alone: a checkout whose .gitattributes says {@code -diff}, the folder
 * tributary runs in, the user's own attributes file and GIT_* variables that point elsewhere change nothing, so a checkout counts as its bare clone
 * (the oracle: git log --numstat in that bare clone).
 */
class CountsIgnoreAttributesTest {
    @TempDir
    Path dir;

    @Test
    void a_checkout_counts_as_its_bare_clone_wherever_tributary_runs() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        Files.writeString(repo.resolve(".gitattributes"), "*.txt -diff\n");
        Files.writeString(repo.resolve("notes.txt"), "a\nb\nc\n");
        Files.writeString(repo.resolve("data.csv"), "x,1\ny,2\n");
        commit(repo, "one", "2021-01-01T00:00:00Z");
        Files.writeString(repo.resolve("notes.txt"), "a\nB\nc\nd\n");
        Files.writeString(repo.resolve("data.csv"), "x,1\ny,3\nz,4\n");
        commit(repo, "two", "2021-01-02T00:00:00Z");
        git(dir, "clone", "-q", "--bare", "repo", "bare.git");
        long[] bare = totals(GitCli.numstat(dir.resolve("bare.git")));
        assertEquals(List.of(1L + 3 + 2 + 2 + 2, 1L + 1), List.of(bare[0], bare[1]),
                "one: .gitattributes +1, notes +3, data +2; two: notes +2 -1, data +2 -1");
        assertNotEquals(bare[0], totals(GitCli.numstat(repo))[0], "in the checkout git itself would honour -diff");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve(".gitattributes"), "* -diff\n");
        Path config = Files.createDirectories(dir.resolve("config/git"));
        Files.writeString(config.resolve("attributes"), "* binary\n");
        // and the variables a git hook or an IDE sets, pointing at another repository, its objects, a work tree, an index
        Path other = Files.createDirectories(dir.resolve("other"));
        git(other, "init", "-q");
        Files.writeString(other.resolve("x.txt"), "x\n");
        commit(other, "other", "2021-02-01T00:00:00Z");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "GIT_DIR", other.resolve(".git").toString(), "GIT_OBJECT_DIRECTORY", other.resolve(".git/objects").toString(),
                "GIT_WORK_TREE", elsewhere.toString(), "GIT_INDEX_FILE", repo.resolve(".git/index").toString());
        for (Path target : List.of(repo, dir.resolve("bare.git"))) {
            for (Path cwd : List.of(elsewhere, repo)) {
                Files.deleteIfExists(dir.resolve("t.duckdb"));
                Files.deleteIfExists(dir.resolve("t.duckdb.wal"));
                String[] r = WorkingFolderTest.run(cwd, env, "analyze", "--quiet", "--format", "json", "--db",
                        dir.resolve("t.duckdb").toString(), target.toString());
                assertEquals("0", r[0], r[2]);
                JsonNode j = new ObjectMapper().readTree(r[1]);
                assertEquals(List.of(bare[0], bare[1]), List.of(j.get("linesAdded").asLong(), j.get("linesRemoved").asLong()),
                        target.getFileName() + " collected in " + cwd.getFileName());
            }
        }
    }

    private static long[] totals(Map<String, List<GitCli.Numstat>> numstat) {
        long[] t = new long[2];
        numstat.values().forEach(files -> files.forEach(f -> {
            t[0] += Math.max(0, f.added());
            t[1] += Math.max(0, f.removed());
        }));
        return t;
    }

    private static void commit(Path repo, String message, String date) throws Exception {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=Ann", "-c", "user.email=ann@example.org", "commit", "-q", "--date=" + date, "-m", message);
    }

    private static void git(Path where, String... args) throws Exception {
        GitCli.run(where, args);
    }
}
