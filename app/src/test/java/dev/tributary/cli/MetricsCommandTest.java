package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.GitdmFiles;
import dev.tributary.testkit.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics} by module and {@code organizations show}, end to end through the CLI, checked against git. */
class MetricsCommandTest {
    @TempDir
    Path dir;
    Path repo;
    Path project;
    String db;

    @BeforeEach
    void project() throws Exception {
        repo = dir.resolve("nova");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commit().by("Ann", "ann@acme.com", "2021-01-01T10:00:00Z").put("nova/compute/api.py", "1\n2\n").create();
            r.commit().by("Bob", "bob@initech.com", "2021-01-02T10:00:00Z").put("nova/virt/driver.py", "1\n").create();
            r.commit().by("Ann", "ann@acme.com", "2021-02-01T10:00:00Z").put("nova/compute/api.py", "1\n3\n")
                    .put("doc/api.rst", "x\n").create();
            r.commit().by("Cy", "cy@acme.com", "2021-02-02T10:00:00Z").put("nova/compute/manager.py", "m\n").create();
        }
        GitdmFiles.in(dir).domainMap("acme.com Acme", "initech.com Initech").write();
        project = Files.writeString(dir.resolve("tributary.yaml"), """
                name: nova
                repositories: [nova]
                affiliations:
                  - gitdm: gitdm.config
                modules:
                  compute: [nova/compute/**]
                  virt: nova/virt
                """);
        db = dir.resolve("t.duckdb").toString();
    }

    private Map<String, Double> groups(String json, String metric, String period) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(json)) {
            if (p.get("metric").asText().equals(metric) && p.get("period").asText().equals(period)) {
                out.put(p.get("group").asText(), p.get("value").asDouble());
            }
        }
        return out;
    }

    private long gitCommits(String path) throws Exception {
        return Long.parseLong(new String(GitCli.run(repo, "rev-list", "--no-merges", "--full-history", "--count", "HEAD", "--", path),
                StandardCharsets.UTF_8).trim());
    }

    @Test
    void metrics_by_module_give_each_module_what_git_log_of_its_paths_gives() throws Exception {
        var run = tributary("metrics", "commits", "contributors", "--project", project.toString(), "--db", db, "-q",
                "--by", "module", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(Map.of("all", 4.0, "compute", (double) gitCommits("nova/compute"), "virt", (double) gitCommits("nova/virt")),
                groups(run.out(), "commits", "all"));
        assertEquals(Map.of("all", 3.0, "compute", 2.0, "virt", 1.0), groups(run.out(), "contributors", "all"));
        // as a series, each module gets every period of the scope: virt, quiet in February, has a 0 there
        run = tributary("metrics", "commits", "--project", project.toString(), "--db", db, "-q", "--no-collect",
                "--by", "module", "--interval", "month", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(Map.of("all", 2.0, "compute", 1.0, "virt", 1.0), groups(run.out(), "commits", "2021-01"));
        assertEquals(Map.of("all", 2.0, "compute", 2.0, "virt", 0.0), groups(run.out(), "commits", "2021-02"));
        // one module as a filter, by month: January has Ann's first commit, February Ann's second and Cy's
        run = tributary("metrics", "commits", "--project", project.toString(), "--db", db, "-q", "--no-collect",
                "--module", "compute", "--interval", "month", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(Map.of("all", 1.0), groups(run.out(), "commits", "2021-01"));
        assertEquals(Map.of("all", 2.0), groups(run.out(), "commits", "2021-02"));
    }

    @Test
    void an_organization_view_lists_its_people_periods_and_modules() throws Exception {
        var run = tributary("organizations", "show", "Acme", "--project", project.toString(), "--db", db, "-q", "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode v = new ObjectMapper().readTree(run.out());
        assertEquals(3, v.get("commits").asLong());
        assertEquals(4, v.get("projectCommits").asLong());
        assertEquals(2, v.get("contributors").asLong());
        assertEquals("Ann", v.get("people").get(0).get("name").asText());
        assertTrue(v.get("modulesUsed").asBoolean());
        assertEquals("compute", v.get("areas").get(0).get("name").asText());
        assertEquals(3, v.get("areas").get(0).get("commits").asLong());
        assertEquals(1.0, v.get("areas").get(0).get("share").asDouble(), 1e-9, "every compute commit is Acme's");
    }

    @Test
    void wrong_scope_options_name_what_is_wrong_with_a_usage_or_input_exit_code() {
        var run = tributary("metrics", "--project", project.toString(), "--db", db, "-q", "--module", "nope");
        assertEquals(3, run.code());
        assertTrue(run.err().contains("no module 'nope'; modules: compute, virt"), run.err());
        run = tributary("metrics", "--db", db, "-q", "--by", "module", repo.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--by module needs a project file that declares modules"), run.err());
        run = tributary("metrics", "--db", db, "-q", "--by", "team", repo.toString());
        assertEquals(2, run.code());
        run = tributary("organizations", "show", "Initrode", "--db", db, "-q", repo.toString());
        assertEquals(3, run.code());
        assertTrue(run.err().contains("organization 'Initrode' has no commits in this scope"), run.err());
        assertEquals(0, tributary("organizations", "show", "--help").code());
    }

    @Test
    void an_organization_arriving_late_is_listed_under_its_metric_with_zeros_before_it_arrived() {
        java.util.List<dev.tributary.metrics.Point> points = java.util.List.of(
                new dev.tributary.metrics.Point("2010", "commits", "all", 5),
                new dev.tributary.metrics.Point("2010", "commits", "Acme", 4),
                new dev.tributary.metrics.Point("2010", "commits", "Other", 1),
                new dev.tributary.metrics.Point("2010", "retained-after-1", "all", 1),
                new dev.tributary.metrics.Point("2011", "commits", "all", 3),
                new dev.tributary.metrics.Point("2011", "commits", "Initech", 3)); // no Acme, no Other, no retention yet
        java.io.StringWriter text = new java.io.StringWriter();
        Series.print(points, Series.Format.table, new java.io.PrintWriter(text, true));
        assertEquals(String.format("%-34s%10s%10s%n", "metric", "2010", "2011")
                + String.format("%-34s%10s%10s%n", "commits", "5", "3")
                + String.format("%-34s%10s%10s%n", "  commits: Acme", "4", "0")
                + String.format("%-34s%10s%10s%n", "  commits: Initech", "0", "3")
                + String.format("%-34s%10s%10s%n", "  commits: Other", "1", "0")
                + String.format("%-34s%10s%10s%n", "retained-after-1", "1", ""), text.toString(),
                "Initech right under commits (not after the last metric), 0 where a group made none, blank where the metric has no value");
    }
}
