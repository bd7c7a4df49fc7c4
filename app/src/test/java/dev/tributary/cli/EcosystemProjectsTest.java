package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The releases and modules of an ecosystem file's projects ({@code projects: [{releases, modules}]}) read with
 * {@code --in PROJECT}: the same answers as the project's own single-project file (the oracle, in a store of its own),
 * the git CLI's counts, and clear errors before any store is opened. Fixture: {@link EcosystemFixture}.
 */
class EcosystemProjectsTest {
    @TempDir
    Path dir;

    static AnalyzeCommandTest.Run run(String... args) {
        return AnalyzeCommandTest.tributary(args);
    }

    static String ok(String... args) {
        AnalyzeCommandTest.Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
        return r.out();
    }

    private static String[] with(String[] head, String... more) {
        List<String> out = new ArrayList<>(List.of(head));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    @Test
    void a_release_of_one_project_reports_as_that_projects_own_file_and_a_name_in_two_projects_is_not_confused() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        String eco = dir.resolve("eco.duckdb").toString();
        for (String[] p : new String[][] {{"alpha", f.alpha().toString(), "a1"}, {"beta", f.beta().toString(), "b1"}}) {
            String fromEcosystem = ok("report", "--quiet", "--db", eco, "--project", f.ecosystem().toString(), "--in", p[0],
                    "--release", "r1", "--format", "json");
            String fromOwnFile = ok("report", "--quiet", "--db", dir.resolve(p[0] + ".duckdb").toString(), "--project", p[1],
                    "--release", "r1", "--format", "json");
            assertEquals(fromOwnFile, fromEcosystem, p[0]);
            JsonNode j = new ObjectMapper().readTree(fromEcosystem);
            long git = Long.parseLong(new String(GitCli.run(dir.resolve(p[2]), "rev-list", "--count", "--no-merges", "v1..v2")).trim());
            assertEquals(git, j.get("changesets").asLong(), p[0] + ": the project's own range, v1..v2 of " + p[2]);
            assertEquals(p[0] + " r1", j.get("title").asText());
        }
        // hand-worked: alpha r1 = 2 changesets by bob and ann; beta r1 = 3 by di and ed
        JsonNode alpha = new ObjectMapper().readTree(ok("report", "--quiet", "--db", eco, "--project", f.ecosystem().toString(),
                "--in", "alpha", "--release", "r1", "--format", "json", "--no-collect"));
        assertEquals(2, alpha.get("changesets").asInt());
        assertEquals(2, alpha.get("developers").asInt());
        JsonNode beta = new ObjectMapper().readTree(ok("report", "--quiet", "--db", eco, "--project", f.ecosystem().toString(),
                "--in", "beta", "--release", "r1", "--format", "json", "--no-collect"));
        assertEquals(3, beta.get("changesets").asInt());
        java.util.Set<String> orgs = new java.util.TreeSet<>();
        beta.get("byOrganization").forEach(o -> orgs.add(o.get("name").asText()));
        assertEquals(java.util.Set.of("ibm.com", "intel.com"), orgs, "beta's organizations are its own: di and ed");
    }

    @Test
    void a_module_of_one_project_counts_its_own_globs_as_that_projects_own_file() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        String eco = dir.resolve("eco.duckdb").toString();
        ok("analyze", "--quiet", "--db", eco, "--project", f.ecosystem().toString());
        for (String[] p : new String[][] {{"alpha", f.alpha().toString()}, {"beta", f.beta().toString()}}) {
            String fromEcosystem = ok("metrics", "--db", eco, "--project", f.ecosystem().toString(), "--in", p[0], "--no-collect",
                    "--module", "docs", "--format", "json");
            String single = dir.resolve(p[0] + ".duckdb").toString();
            ok("analyze", "--quiet", "--db", single, "--project", p[1]);
            assertEquals(ok("metrics", "--db", single, "--project", p[1], "--no-collect", "--module", "docs", "--format", "json"),
                    fromEcosystem, p[0]);
        }
        // hand-worked: alpha's docs (doc/**) at HEAD are commits 1, 2 and 4; beta's (README*) commits 1, 2 and 4 of b1,
        // and alpha's release r1 keeps commit 2 only
        assertEquals(3.0, commits(ok("metrics", "--db", eco, "--project", f.ecosystem().toString(), "--in", "beta", "--no-collect",
                "--module", "docs", "--format", "json")));
        assertEquals(1.0, commits(ok("metrics", "--db", eco, "--project", f.ecosystem().toString(), "--in", "alpha", "--no-collect",
                "--release", "r1", "--module", "docs", "--format", "json")));
        JsonNode r = new ObjectMapper().readTree(ok("report", "--db", eco, "--project", f.ecosystem().toString(), "--in", "alpha",
                "--no-collect", "--release", "r1", "--module", "docs", "--format", "json"));
        assertEquals(1, r.get("changesets").asInt());
        assertEquals("bob", r.get("byDeveloper").get(0).get("name").asText());
    }

    private static double commits(String json) throws Exception {
        for (JsonNode p : new ObjectMapper().readTree(json)) {
            if (p.get("metric").asText().equals("commits") && p.get("group").asText().equals("all")) {
                return p.get("value").asDouble();
            }
        }
        throw new AssertionError("no commits in " + json);
    }

    @Test
    void the_html_report_of_one_project_trends_its_own_releases() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        String eco = dir.resolve("eco.duckdb").toString();
        Path a = dir.resolve("alpha.html");
        Path b = dir.resolve("beta.html");
        ok("report", "--quiet", "--db", eco, "--project", f.ecosystem().toString(), "--in", "alpha", "--format", "html", "--output", a.toString());
        ok("report", "--quiet", "--db", eco, "--project", f.ecosystem().toString(), "--in", "beta", "--format", "html", "--output", b.toString());
        String alpha = Files.readString(a);
        String beta = Files.readString(b);
        assertTrue(alpha.contains("alphaonly20"), "alpha's date release is in its trends");
        assertFalse(beta.contains("alphaonly20"), "beta has no release 'alphaonly20'");
        assertTrue(beta.contains("r1"), "beta's own r1");
    }

    @Test
    void an_unknown_project_release_or_module_is_refused_with_the_known_names_before_a_store_is_opened() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        Path db = dir.resolve("never.duckdb");
        String[] base = {"--db", db.toString(), "--project", f.ecosystem().toString()};
        AnalyzeCommandTest.Run r = run(with(with(new String[] {"report"}, base), "--in", "alpha", "--release", "nope"));
        assertEquals(3, r.code(), "exit code of the existing unknown-release error");
        assertTrue(r.err().contains("eco.yaml: project 'alpha': no release named 'nope' (known: [r1, alphaonly20])"), r.err());

        r = run(with(with(new String[] {"report"}, base), "--release", "r1"));
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no release named 'r1' (known: [])") && r.err().contains("'r1' is a release of projects alpha, beta"),
                r.err());

        r = run(with(with(new String[] {"report"}, base), "--in", "beta", "--release", "alphaonly20"));
        assertEquals(3, r.code(), "alpha's release is not beta's");
        assertTrue(r.err().contains("project 'beta': no release named 'alphaonly20' (known: [r1])"), r.err());

        r = run(with(with(new String[] {"metrics"}, base), "--in", "alpha", "--module", "nope"));
        assertEquals(3, r.code());
        assertTrue(r.err().contains("project 'alpha': no module 'nope'; modules: docs"), r.err());

        r = run(with(with(new String[] {"metrics"}, base), "--in", "gamma"));
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no project named 'gamma' (known: [alpha, beta])"), r.err());

        r = run("report", "--db", db.toString(), "--in", "alpha", dir.resolve("a1").toString());
        assertEquals(2, r.code(), "--in without --project is a usage error");
        assertFalse(Files.exists(db), "nothing was opened or written");
    }

    @Test
    void a_projects_release_over_another_projects_repository_is_refused_with_its_place_before_a_store_is_opened() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(f.ecosystem()).replace("{name: r1, ranges: {b1: v1..v2}}", "{name: r1, ranges: {a1: v1..v2}}"));
        Path db = dir.resolve("never.duckdb");
        AnalyzeCommandTest.Run r = run("report", "--db", db.toString(), "--project", bad.toString(), "--in", "alpha", "--release", "r1");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("bad.yaml:13:9: release 'r1' of project 'beta': range for unknown repository 'a1' "
                + "('a1' is a repository of project 'alpha')"), r.err());
        assertFalse(Files.exists(db), "the whole file is checked before any store is opened");
        for (String command : List.of("analyze", "mail", "reviews", "issues")) {
            r = run(command, "--db", db.toString(), "--project", bad.toString());
            assertEquals(3, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("range for unknown repository 'a1'"), command + ": " + r.err());
            assertFalse(Files.exists(db), command + " opened no store");
        }

        Files.writeString(bad, Files.readString(f.ecosystem()).replace("docs: [README*]", "docs: []"));
        r = run("ecosystem", "--db", db.toString(), "--project", bad.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("module 'docs' of project 'beta' needs a list of path globs"), r.err());
        assertFalse(Files.exists(db));
    }

    @Test
    void the_ecosystem_ranks_organizations_over_the_files_projects_with_their_releases_collected() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        String db = dir.resolve("eco.duckdb").toString();
        ok("analyze", "--quiet", "--db", db, "--project", f.ecosystem().toString());
        JsonNode j = new ObjectMapper().readTree(ok("ecosystem", "--db", db, "--project", f.ecosystem().toString(), "--format", "json", "--top", "0"));
        assertEquals(2, j.get("projectCount").asInt());
        assertEquals(8, j.get("commits").asInt(), "4 commits in each project's HEAD");
        // IBM: ann 2 in alpha, ed 2 in beta; Intel: cy 1 in alpha, di 2 in beta; Red Hat: bob 1 in alpha
        JsonNode first = j.get("organizations").get(0);
        assertEquals("ibm.com", first.get("name").asText(), j.toString());
        assertEquals(4, first.get("commits").asInt());
        assertEquals(0.5, first.get("projects").get(0).get("share").asDouble());
        // every project's release ranges were collected by analyze: the release reports from the store alone
        assertEquals(2, new ObjectMapper().readTree(ok("report", "--db", db, "--project", f.ecosystem().toString(), "--in", "alpha",
                "--release", "r1", "--no-collect", "--format", "json")).get("changesets").asInt());
    }
}
