package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time from report to release, worked out by hand. Repository {@code app} (every commit's author and committer time
 * the same): c1 2020-01-01 (tag v1); c2 2020-01-05 "Fixes #1"; c3 2020-01-10 "Resolves #2" (tag v2); c4 2020-02-01
 * "Fixes #3", "Closes-Bug: 1001" and "Fixes #1" again; c5 2020-03-01 (tag v3); c6 2020-04-01 "Fixes #4". Repository
 * {@code zk}: z1 2011-02-20 (tag z1); z2 2011-03-05 "ZOOKEEPER-2. Fix"; z3 2011-03-10 (tag z3).
 *
 * <p>Releases, in the file's order: r1 = app v1..v2 (c2, c3: dated 2020-01-10), r2 = app v2..v3 (c4, c5: 2020-03-01),
 * r3 = the window [2020-03-15, 2020-05-01) over every repository (c6: 2020-04-01), zk-3.3.1 = zk z1..z3 (z2, z3:
 * 2011-03-10).
 *
 * <p>GitHub issues: #1 reported 2020-01-02 (first fix c2, in r1: 8 days), #2 2020-01-03 (c3, r1: 7 days), #3 2020-01-20
 * (c4, r2: 41 days), #4 2020-01-04 (c6, r3: 88 days), #5 2020-01-06 (no fix). Released 4; median of 7, 8, 41, 88 = 24.5.
 * Jira (REST v2 issue objects): ZOOKEEPER-2 reported 2011-03-01, fixed by z2, in zk-3.3.1: 9 days; ZOOKEEPER-1 has no
 * fix. Launchpad (a Perceval item): bug 1001 reported 2013-05-01T10:00, fixed by c4, in r2 (2020-03-01T00:00):
 * 2,495.583333 days.
 */
class IssueReleasesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    Path db;
    Path project;

    static void issue(Path items, int n, String created) throws Exception {
        Files.writeString(items.resolve("%06d-main.json".formatted(n)), "{\"number\":" + n + ",\"title\":\"t\",\"user\":{\"login\":\"u" + n
                + "\",\"type\":\"User\"},\"state\":\"open\",\"created_at\":\"" + created + "T00:00:00Z\",\"labels\":[],\"pull_request\":null}");
    }

    @BeforeEach
    void build() throws Exception {
        try (TestRepo r = TestRepo.init(dir.resolve("app"))) {
            r.tag("v1", r.commit().by("A", "a@acme.com", "2020-01-01T00:00:00Z").put("a", "1\n").create());
            r.commit().by("A", "a@acme.com", "2020-01-05T00:00:00Z").put("a", "2\n").message("Stop the crash\n\nFixes #1\n").create();
            r.tag("v2", r.commit().by("A", "a@acme.com", "2020-01-10T00:00:00Z").put("b", "1\n").message("Resolves #2\n").create());
            r.commit().by("A", "a@acme.com", "2020-02-01T00:00:00Z").put("c", "1\n")
                    .message("Fix the rest\n\nFixes #3, fixes #1\nCloses-Bug: 1001\n").create();
            r.tag("v3", r.commit().by("A", "a@acme.com", "2020-03-01T00:00:00Z").put("d", "1\n").create());
            r.commit().by("A", "a@acme.com", "2020-04-01T00:00:00Z").put("e", "1\n").message("Fixes #4\n").create();
        }
        try (TestRepo r = TestRepo.init(dir.resolve("zk"))) {
            r.tag("z1", r.commit().by("Z", "z@apache.org", "2011-02-20T00:00:00Z").put("a", "1\n").create());
            r.commit().by("Z", "z@apache.org", "2011-03-05T00:00:00Z").put("a", "2\n").message("ZOOKEEPER-2. Fix the election\n").create();
            r.tag("z3", r.commit().by("Z", "z@apache.org", "2011-03-10T00:00:00Z").put("b", "1\n").create());
        }
        Path items = Files.createDirectories(dir.resolve("items"));
        issue(items, 1, "2020-01-02");
        issue(items, 2, "2020-01-03");
        issue(items, 3, "2020-01-20");
        issue(items, 4, "2020-01-04");
        issue(items, 5, "2020-01-06");
        Path jira = Files.createDirectories(dir.resolve("jira"));
        for (String[] j : new String[][] {{"1", "2011-02-23"}, {"2", "2011-03-01"}}) {
            Files.writeString(jira.resolve("ZOOKEEPER-" + j[0] + ".json"), "{\"id\":\"10" + j[0] + "\",\"key\":\"ZOOKEEPER-" + j[0]
                    + "\",\"fields\":{\"summary\":\"s\",\"created\":\"" + j[1] + "T00:00:00.000+0000\",\"updated\":\"" + j[1]
                    + "T00:00:00.000+0000\",\"status\":{\"name\":\"Open\"},\"creator\":{\"name\":\"cid\"},\"labels\":[],"
                    + "\"components\":[],\"fixVersions\":[],\"comment\":{\"comments\":[]}}}");
        }
        // a Launchpad bug as Perceval writes it (the shape of its tests/data/launchpad)
        Files.writeString(dir.resolve("launchpad.json"), "[{\"backend_name\":\"Launchpad\",\"category\":\"issue\","
                + "\"origin\":\"https://launchpad.net/nova\",\"uuid\":\"x\",\"data\":{\"bug_link\":\"https://api.launchpad.net/1.0/bugs/1001\","
                + "\"bug_target_name\":\"nova\",\"status\":\"New\",\"is_complete\":false,\"date_created\":\"2013-05-01T10:00:00.000000+00:00\","
                + "\"owner_link\":\"https://api.launchpad.net/1.0/~gil\",\"title\":\"Bug #1001 in nova: boom\",\"bug_data\":{\"id\":1001,"
                + "\"title\":\"boom\",\"owner_link\":\"https://api.launchpad.net/1.0/~gil\",\"date_created\":\"2013-05-01T10:00:00.000000+00:00\","
                + "\"date_last_updated\":\"2013-05-01T10:00:00.000000+00:00\",\"tags\":[]},\"messages_data\":[],\"activity_data\":[]}}]");
        project = Files.writeString(dir.resolve("tributary.yaml"), """
                name: p
                repositories: [app, zk]
                releases:
                  - {name: r1, ranges: {app: v1..v2}}
                  - {name: r2, ranges: {app: v2..v3}}
                  - {name: r3, since: 2020-03-15, until: 2020-05-01}
                  - {name: zk-3.3.1, ranges: {zk: z1..z3}}
                trackers:
                  - {name: o/app, kind: github, paths: [items]}
                  - {name: ZOOKEEPER, kind: jira, paths: [jira]}
                  - {name: nova, kind: launchpad, paths: [launchpad.json]}
                """);
        db = dir.resolve("s.duckdb");
        AnalyzeCommandTest.Run a = tributary("analyze", "--quiet", "--db", db.toString(), "--project", project.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals("", a.err());
    }

    Map<String, Double> figures(String... args) throws Exception {
        String[] all = new String[args.length + 7];
        System.arraycopy(new String[] {"issues", "--db", db.toString(), "--format", "json", "issues-released", "time-to-release-median"}, 0, all, 0, 7);
        System.arraycopy(args, 0, all, 7, args.length);
        AnalyzeCommandTest.Run r = tributary(all);
        assertEquals(0, r.code(), r.err());
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode p : JSON.readTree(r.out())) {
            out.put(p.get("metric").asText(), p.get("value").asDouble());
        }
        return out;
    }

    @Test
    void the_time_to_release_is_from_the_report_to_the_first_release_holding_the_first_fix_commit() throws Exception {
        assertEquals(Map.of("issues-released", 4.0, "time-to-release-median", 24.5),
                figures("--project", project.toString(), "--no-collect", "--tracker", "o/app"));
        assertEquals(Map.of("issues-released", 1.0, "time-to-release-median", 9.0),
                figures("--project", project.toString(), "--no-collect", "--tracker", "ZOOKEEPER"));
        Map<String, Double> lp = figures("--project", project.toString(), "--no-collect", "--tracker", "nova");
        assertEquals(1.0, lp.get("issues-released"));
        assertEquals(2495.583333, lp.get("time-to-release-median"), 1e-6);
        assertEquals(Map.of("issues-released", 2.0, "time-to-release-median", 7.5),
                figures("--project", project.toString(), "--no-collect", "--tracker", "o/app", "--until", "2020-01-04"),
                "#1 and #2 are the issues reported in the window");
    }

    @Test
    void without_a_project_there_are_no_releases_and_no_such_figures() throws Exception {
        assertEquals(Map.of(), figures("--tracker", "o/app"));
        AnalyzeCommandTest.Run fix = tributary("issues", "--db", db.toString(), "--format", "json", "--tracker", "o/app",
                "issues-with-fix", "time-to-first-fix-median");
        JsonNode j = JSON.readTree(fix.out());
        assertEquals(4.0, j.get(0).get("value").asDouble(), "#1 to #4");
        assertEquals(9.5, j.get(1).get("value").asDouble(), "median of 3, 7, 12 and 88 days");
    }

    @Test
    void a_release_listed_first_wins_when_two_hold_the_fix() throws Exception {
        Files.writeString(project, Files.readString(project).replace("releases:\n",
                "releases:\n  - {name: early, since: 2020-01-01, until: 2021-01-01}\n"));
        Map<String, Double> f = figures("--project", project.toString(), "--tracker", "o/app");
        assertEquals(4.0, f.get("issues-released"));
        // every fix is in 'early', dated by its newest commit, c6 2020-04-01: 90, 89, 72 and 88 days
        assertEquals(88.5, f.get("time-to-release-median"), 1e-9);
        assertTrue(tributary("issues", "--help").out().contains("--project"));
    }
}
