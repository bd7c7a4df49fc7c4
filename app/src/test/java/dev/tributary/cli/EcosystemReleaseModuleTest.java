package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ecosystem --release NAME --module NAME}: each project's own release and module of that name, counted as
 * the hand-worked {@link EcosystemFixture} says, agreeing with each project's own {@code report --in P --release}, and
 * projects without the release named as left out. The fixture is collected once for the class: every test only reads
 * its store (a test that needs another store makes its own beside it).
 */
class EcosystemReleaseModuleTest {
    @TempDir
    static Path dir;

    static EcosystemFixture f;
    static String db;

    @BeforeAll
    static void collect() throws Exception {
        f = EcosystemFixture.create(dir);
        db = dir.resolve("eco.duckdb").toString();
        EcosystemProjectsTest.ok("analyze", "--quiet", "--db", db, "--project", f.ecosystem().toString());
    }

    private JsonNode ecosystem(String... more) throws Exception {
        String[] head = {"ecosystem", "--db", db, "--project", f.ecosystem().toString(), "--format", "json"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(head), java.util.Arrays.stream(more)).toArray(String[]::new);
        return new ObjectMapper().readTree(EcosystemProjectsTest.ok(args));
    }

    private static Map<String, Long> commitsByProject(JsonNode view) {
        Map<String, Long> out = new LinkedHashMap<>();
        view.get("projects").forEach(p -> out.put(p.get("name").asText(), p.get("commits").asLong()));
        return out;
    }

    private static Map<String, Long> commitsByOrganization(JsonNode view) {
        Map<String, Long> out = new LinkedHashMap<>();
        view.get("organizations").forEach(o -> out.put(o.get("name").asText(), o.get("commits").asLong()));
        return out;
    }

    @Test
    void a_release_counts_each_projects_own_range_as_its_release_report_does() throws Exception {
        JsonNode v = ecosystem("--release", "r1");
        // hand-worked: alpha v1..v2 = bob, ann; beta v1..v2 = di, ed, ed
        assertEquals(Map.of("beta", 3L, "alpha", 2L), commitsByProject(v));
        assertEquals(Map.of("ibm.com", 3L, "intel.com", 1L, "redhat.com", 1L), commitsByOrganization(v));
        assertEquals(5, v.get("commits").asLong());
        assertEquals("r1", v.get("release").asText());
        assertEquals(0, v.get("projectsLeftOut").size());
        for (String p : new String[] {"alpha", "beta"}) {
            JsonNode report = new ObjectMapper().readTree(EcosystemProjectsTest.ok("report", "--db", db, "--project", f.ecosystem().toString(),
                    "--in", p, "--release", "r1", "--format", "json", "--no-collect"));
            assertEquals(report.get("changesets").asLong(), commitsByProject(v).get(p), p + ": as its own release report");
        }
        JsonNode beta = v.get("projects").get(0);
        assertEquals("ibm.com", beta.get("topOrganization").asText());
        assertEquals(0.6667, beta.get("topOrganizationShare").asDouble());
    }

    @Test
    void a_module_keeps_the_commits_that_changed_each_projects_own_module_files() throws Exception {
        // alpha docs = doc/**: commits 1, 2, 4 at HEAD; beta docs = README*: commits 1, 2, 4
        assertEquals(Map.of("alpha", 3L, "beta", 3L), commitsByProject(ecosystem("--module", "docs")));
        // in r1: alpha commit 2 (bob); beta commits 2 (di) and 4 (ed)
        JsonNode both = ecosystem("--release", "r1", "--module", "docs");
        assertEquals(Map.of("beta", 2L, "alpha", 1L), commitsByProject(both));
        assertEquals(Map.of("ibm.com", 1L, "intel.com", 1L, "redhat.com", 1L), commitsByOrganization(both));
        assertEquals("docs", both.get("module").asText());
    }

    @Test
    void a_project_without_the_release_is_left_out_and_named_and_one_window_gives_new_and_leaving() throws Exception {
        JsonNode v = ecosystem("--release", "alphaonly20");
        // alpha's HEAD in [2020-03-01, 2020-06-01): ann (ibm) 3, cy (intel) 4
        assertEquals(Map.of("alpha", 2L), commitsByProject(v));
        assertEquals("[\"beta\"]", v.get("projectsLeftOut").toString());
        // the window before, of the same length: ann and bob; intel is new, redhat left
        assertEquals("intel.com", v.get("newOrganizations").get(0).get("name").asText());
        assertEquals(1, v.get("newOrganizations").size());
        assertEquals("redhat.com", v.get("leavingOrganizations").get(0).get("name").asText());
        assertEquals(1, v.get("leavingOrganizations").size());
        String table = EcosystemProjectsTest.ok("ecosystem", "--db", db, "--project", f.ecosystem().toString(), "--release", "alphaonly20");
        assertTrue(table.contains("Release alphaonly20") && table.contains("Left out (no such release or module): beta"), table);
    }

    @Test
    void the_view_without_release_or_module_keeps_its_json_fields() throws Exception {
        JsonNode v = ecosystem();
        assertEquals(Map.of("alpha", 4L, "beta", 4L), commitsByProject(v));
        assertTrue(!v.has("release") && !v.has("module") && !v.has("projectsLeftOut"), v.toString());
    }

    @Test
    void an_unknown_release_or_a_release_without_a_project_file_is_a_usage_error() {
        AnalyzeCommandTest.Run r = EcosystemProjectsTest.run("ecosystem", "--db", db, "--project", f.ecosystem().toString(), "--release", "nope");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("no project has a release named 'nope'") && r.err().contains("r1, alphaonly20"), r.err());
        AnalyzeCommandTest.Run bare = EcosystemProjectsTest.run("ecosystem", "--db", db, "--module", "docs");
        assertEquals(2, bare.code(), bare.err());
        assertTrue(bare.err().contains("--module needs --project (modules are declared there)"), bare.err());
    }

    @Test
    void a_release_range_that_was_never_collected_is_refused_and_names_the_command_that_collects_it() throws Exception {
        // the repositories collected by path alone: HEAD only, no release range
        String heads = dir.resolve("heads.duckdb").toString();
        EcosystemProjectsTest.ok("analyze", "--quiet", "--db", heads, dir.resolve("a1").toString(), dir.resolve("b1").toString());
        AnalyzeCommandTest.Run r = EcosystemProjectsTest.run("ecosystem", "--db", heads, "--project", f.ecosystem().toString(),
                "--release", "r1", "--format", "json");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("a1 range:v1..v2") && r.err().contains("tributary analyze --project FILE"), r.err());
        assertEquals("", r.out(), "nothing printed before the refusal");
        // a release of dates reads HEAD, which was collected
        assertEquals(Map.of("alpha", 2L), commitsByProject(new ObjectMapper().readTree(EcosystemProjectsTest.ok("ecosystem", "--db", heads,
                "--project", f.ecosystem().toString(), "--release", "alphaonly20", "--format", "json"))));
    }
}
