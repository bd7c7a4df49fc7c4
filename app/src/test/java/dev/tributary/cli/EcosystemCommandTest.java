package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcosystemCommandTest {
    @TempDir
    Path dir;

    private List<String> repositories(int n, int commits) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("src").resolve("project" + i);
            AnalyzeCommandTest.history(p, commits + 7 * i);
            out.add(p.toString());
        }
        return out;
    }

    @Test
    void a_list_file_with_a_glob_collects_every_folder_and_the_ecosystem_ranks_organizations_across_them() throws Exception {
        List<String> repos = repositories(3, 20);
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# every project\nsrc/project*\n");
        String db = dir.resolve("t.duckdb").toString();
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("analyze", "--quiet", "--format", "json", "--db", db,
                "--repositories", list.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertEquals(3, summary.get("repositories").size());

        AnalyzeCommandTest.Run eco = AnalyzeCommandTest.tributary("ecosystem", "--format", "json", "--db", db,
                "--group", "project1=pair", "--group", "project2=pair");
        assertEquals(0, eco.code(), eco.err());
        JsonNode j = new ObjectMapper().readTree(eco.out());
        assertEquals(2, j.get("projectCount").asInt(), "project0 alone, project1 and project2 together");
        long gitCommits = 0;
        for (String r : repos) {
            gitCommits += Long.parseLong(new String(GitCli.run(Path.of(r), "rev-list", "--count", "--no-merges", "HEAD")).trim());
        }
        assertEquals(gitCommits, j.get("commits").asLong());
        // history(): authors cycle over ibm.com, redhat.com, gmail.com (Unknown), intel.com
        assertEquals(3, j.get("organizations").size());
        long ranked = 0;
        for (JsonNode o : j.get("organizations")) {
            ranked += o.get("commits").asLong();
            long parts = 0;
            for (JsonNode p : o.get("projects")) {
                parts += p.get("commits").asLong();
            }
            assertEquals(o.get("commits").asLong(), parts, "an organization's projects add up to its commits");
        }
        assertEquals(gitCommits - j.get("unknownCommits").asLong(), ranked);
        for (JsonNode p : j.get("projects")) {
            assertTrue(p.get("topOrganizationShare").asDouble() > 0.3, p.toString());
        }
        Path html = dir.resolve("eco.html");
        AnalyzeCommandTest.Run page = AnalyzeCommandTest.tributary("ecosystem", "--format", "html", "--output", html.toString(),
                "--db", db);
        assertEquals(0, page.code(), page.err());
        String text = Files.readString(html);
        assertTrue(text.contains("<h2>Top organization per project</h2>") && text.contains(">" + j.get("organizations").get(0)
                .get("name").asText() + "<"), text);
        assertTrue(!text.contains("<script"), "no script: the page opens anywhere");
    }

    @Test
    void the_parquet_export_has_every_commit_partitioned_by_repository_and_reads_back_in_duckdb() throws Exception {
        List<String> repos = repositories(2, 15);
        String db = dir.resolve("t.duckdb").toString();
        List<String> args = new ArrayList<>(List.of("analyze", "--quiet", "--db", db));
        args.addAll(repos);
        assertEquals(0, AnalyzeCommandTest.tributary(args.toArray(String[]::new)).code());
        Path out = dir.resolve("parquet");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("export", "--format", "parquet", "--db", db, out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isDirectory(out.resolve("contributions").resolve("repository=project0")));
        assertTrue(Files.isDirectory(out.resolve("contributions").resolve("repository=project1")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT repository, count(*), sum(lines_added)::BIGINT FROM read_parquet('"
                        + out.resolve("contributions") + "/*/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1")) {
            for (String r : repos) {
                assertTrue(rs.next());
                assertEquals(Path.of(r).getFileName().toString(), rs.getString(1));
                assertEquals(Long.parseLong(new String(GitCli.run(Path.of(r), "rev-list", "--count", "HEAD")).trim()), rs.getLong(2));
                long added = GitCli.numstat(Path.of(r)).values().stream().flatMap(List::stream).mapToLong(GitCli.Numstat::added).sum();
                assertEquals(added, rs.getLong(3));
            }
        }
        // files: every (commit, path) git's numstat lists, with its lines, partitioned the same way
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT repository, count(*), sum(lines_added)::BIGINT, sum(lines_removed)::BIGINT"
                        + " FROM read_parquet('" + out.resolve("files") + "/*/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1")) {
            for (String r : repos) {
                assertTrue(rs.next());
                assertEquals(Path.of(r).getFileName().toString(), rs.getString(1));
                var numstat = GitCli.numstat(Path.of(r)).values().stream().flatMap(List::stream).toList();
                assertEquals(numstat.size(), rs.getLong(2), "one row per file of each commit");
                assertEquals(numstat.stream().mapToLong(GitCli.Numstat::added).sum(), rs.getLong(3));
                assertEquals(numstat.stream().mapToLong(GitCli.Numstat::removed).sum(), rs.getLong(4));
            }
        }
        AnalyzeCommandTest.Run again = AnalyzeCommandTest.tributary("export", "--format", "parquet", "--db", db, out.toString());
        assertEquals(3, again.code(), "a folder that is not empty is refused, nothing overwritten");
    }

    @Test
    void many_repositories_killed_at_any_moment_then_rerun_give_the_uninterrupted_result() throws Exception {
        List<String> repos = repositories(6, 400);
        List<String> args = new ArrayList<>(List.of("analyze", "--quiet", "--format", "json", "--jobs", "2"));
        Path clean = dir.resolve("clean.duckdb");
        List<String> first = new ArrayList<>(args);
        first.addAll(List.of("--db", clean.toString()));
        first.addAll(repos);
        AnalyzeCommandTest.Run expected = AnalyzeCommandTest.tributary(first.toArray(String[]::new));
        assertEquals(0, expected.code(), expected.err());

        List<String> killedArgs = new ArrayList<>(args);
        killedArgs.addAll(List.of("--db", dir.resolve("killed.duckdb").toString()));
        killedArgs.addAll(repos);
        int kills = 0;
        for (long delayMs : new long[] {400, 700, 1000, 1500, 2000}) {
            Process p = java(killedArgs);
            if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
                kills++;
            }
        }
        Process last = java(killedArgs);
        String out = new String(last.getInputStream().readAllBytes());
        assertEquals(0, last.waitFor());
        assertTrue(kills > 0, "no run was killed mid-way: make the fixture larger");
        assertEquals(new ObjectMapper().readTree(expected.out()), new ObjectMapper().readTree(out));
    }

    private static Process java(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
