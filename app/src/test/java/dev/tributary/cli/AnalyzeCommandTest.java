package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run tributary(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static void history(Path repoDir, int commits) throws Exception {
        try (TestRepo r = TestRepo.init(repoDir)) {
            String[] emails = {"ann@ibm.com", "bob@redhat.com", "cy@gmail.com", "di@intel.com"};
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < commits; i++) {
                content.append("line ").append(i).append('\n');
                String email = emails[i % emails.length];
                r.commit().by(email.substring(0, email.indexOf('@')), email, String.format("2020-01-01T00:%02d:%02dZ", (i / 60) % 60, i % 60))
                        .put("f" + (i % 7) + ".txt", content.toString()).message("commit " + i).create();
            }
        }
    }

    @Test
    void json_output_has_the_documented_fields_and_git_numbers() throws Exception {
        Path repo = dir.resolve("repo");
        history(repo, 40);
        Run run = tributary("analyze", "--quiet", "--format", "json", "--db", dir.resolve("t.duckdb").toString(), repo.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        for (String field : List.of("commits", "merges", "contributors", "organizations", "linesAdded", "linesRemoved",
                "elephantFactor", "ponyFactor", "topContributors", "topOrganizations", "warnings")) {
            assertTrue(j.has(field), "missing field " + field);
        }
        assertEquals(40, j.get("commits").asLong());
        long added = 0;
        long removed = 0;
        for (var e : GitCli.numstat(repo).values()) {
            for (GitCli.Numstat n : e) {
                added += n.added();
                removed += n.removed();
            }
        }
        assertEquals(added, j.get("linesAdded").asLong());
        assertEquals(removed, j.get("linesRemoved").asLong());
        assertEquals(4, j.get("contributors").asLong());
        assertEquals(3, j.get("organizations").asLong(), "ibm.com, redhat.com, intel.com; gmail is Unknown");
        JsonNode top = j.get("topContributors").get(0);
        for (String field : List.of("name", "commits", "linesAdded", "linesRemoved")) {
            assertTrue(top.has(field), "topContributors lacks " + field);
        }
    }

    @Test
    void a_path_that_is_not_a_repository_is_a_one_line_error_with_exit_code_3() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Run run = tributary("analyze", "--quiet", "--db", dir.resolve("t.duckdb").toString(), plain.toString());
        assertEquals(3, run.code());
        assertTrue(run.err().startsWith("tributary: ") && run.err().contains("not a git repository"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        Run bad = tributary("analyze", "--since", "2020-13-01", "--db", dir.resolve("t.duckdb").toString(), plain.toString());
        assertEquals(3, bad.code());
        assertEquals(2, tributary("analyze", "--no-such-option").code());
        assertEquals(0, tributary("analyze", "--help").code());
    }

    @Test
    void a_run_killed_at_any_moment_then_rerun_gives_the_uninterrupted_result() throws Exception {
        Path repo = dir.resolve("big");
        history(repo, 3000);
        Path clean = dir.resolve("clean.duckdb");
        Run expected = tributary("analyze", "--quiet", "--format", "json", "--db", clean.toString(), repo.toString());
        assertEquals(0, expected.code(), expected.err());

        Path db = dir.resolve("killed.duckdb");
        int kills = 0;
        for (long delayMs : new long[] {300, 500, 700, 900, 1200, 1600, 2000}) {
            Process p = java("analyze", "--quiet", "--threads", "1", "--db", db.toString(), repo.toString());
            if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
                kills++;
            }
        }
        Process last = java("analyze", "--quiet", "--format", "json", "--db", db.toString(), repo.toString());
        String out = new String(last.getInputStream().readAllBytes());
        assertEquals(0, last.waitFor());
        assertTrue(kills > 0, "no run was killed mid-way: make the fixture larger");
        assertEquals(new ObjectMapper().readTree(expected.out()), new ObjectMapper().readTree(out));
    }

    private static Process java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
