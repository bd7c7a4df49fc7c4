package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release table of a project whose affiliations come from gitdm files, worked out by hand, and how
 * curation changes it at once without collecting again.
 */
class ReleaseReportTest {
    @TempDir
    Path dir;
    Path db;
    Path project;

    @BeforeEach
    void project() throws Exception {
        dev.tributary.web.Widgets w = dev.tributary.web.Widgets.create(dir);
        project = w.project;
        db = w.db;
    }

    JsonNode report(String... extra) throws Exception {
        String[] args = new String[] {"report", "--quiet", "--db", db.toString(), "--project", project.toString(),
                "--release", "two", "--format", "json"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        AnalyzeCommandTest.Run run = tributary(all);
        assertEquals(0, run.code(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    static Map<String, long[]> organizations(JsonNode report) {
        Map<String, long[]> out = new HashMap<>();
        for (JsonNode o : report.get("byOrganization")) {
            out.put(o.get("name").asText(), new long[] {o.get("changesets").asLong(), o.get("developers").asLong(),
                    o.get("linesAdded").asLong()});
        }
        return out;
    }

    void ok(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--db";
        all[args.length + 1] = db.toString();
        AnalyzeCommandTest.Run run = tributary(all);
        assertEquals(0, run.code(), run.err() + run.out());
    }

    @Test
    void the_release_table_matches_the_hand_worked_answer() throws Exception {
        JsonNode r = report();
        // v1..v2: Ann (c, +1), Bob (d, +4), Cy (e, +1); the bot's commit left out
        assertEquals(3, r.get("changesets").asLong());
        assertEquals(3, r.get("developers").asLong());
        assertEquals(6, r.get("linesAdded").asLong());
        assertEquals(0, r.get("linesRemoved").asLong());
        assertEquals(1, r.get("botChangesets").asLong());
        assertEquals(0, r.get("unknownDevelopers").asLong());
        // Ann is Acme Labs after 2012-01-01 (dated domain-map); Bob is Initech from 2012-05-01 (email-map);
        // Cy is Initech by domain: Initech has 2 changesets from 2 developers, 5 lines
        assertEquals(2, r.get("organizations").asLong());
        Map<String, long[]> orgs = organizations(r);
        assertEquals(java.util.Set.of("Initech", "Acme Labs"), orgs.keySet());
        assertEquals(java.util.List.of(2L, 2L, 5L), java.util.Arrays.stream(orgs.get("Initech")).boxed().toList());
        JsonNode top = r.get("byDeveloper").get(0);
        assertEquals("Ann", top.get("name").asText(), "one changeset each: ties broken by address, ann@ first");
        assertEquals("Acme Labs", top.get("organization").asText());
        assertEquals(1.0 / 3, top.get("share").asDouble(), 1e-9);
        assertEquals("Bob", r.get("byDeveloperLinesChanged").get(0).get("name").asText());
        assertEquals(4.0 / 6, r.get("byDeveloperLinesChanged").get(0).get("share").asDouble(), 1e-9);
        // credits: Bob reviewed Ann's change on 2012-03-01, when he was Bob Consulting; Ann's own sign-off does
        // not count; Dee signed off Cy's change and is Acme Labs by domain
        Map<String, String> credits = new HashMap<>();
        for (JsonNode c : r.get("credits")) {
            credits.put(c.get("kind").asText() + " " + c.get("name").asText(), c.get("organization").asText() + " " + c.get("count").asLong());
        }
        assertEquals(Map.of("Reviewed-by Bob", "Bob Consulting 1", "Signed-off-by Dee", "Acme Labs 1"), credits);
        assertTrue(r.get("coverage").get("developersByChangesets").asDouble() > 0.999);
    }

    @Test
    void curation_changes_the_next_report_at_once_survives_reimport_and_can_be_undone() throws Exception {
        report(); // collect and import
        // the repository is gone: every following report comes from the store alone
        try (var files = Files.walk(dir.resolve("widget"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(dir.resolve("widget")));

        ok("affiliations", "enroll", "cy@initech.com", "Independent", "--from", "2012-01-01");
        JsonNode r = report("--no-collect");
        Map<String, long[]> orgs = organizations(r);
        assertEquals(1, orgs.get("Initech")[0], "only Bob left at Initech");
        assertEquals(1, orgs.get("Independent")[0]);
        assertEquals(2, r.get("organizations").asLong(), "Independent is not an organization: Acme Labs, Initech");

        // re-importing the curated files keeps the manual enrollment
        ok("affiliations", "import", "--gitdm", dir.resolve("curated/gitdm.config").toString());
        assertEquals(1, organizations(report("--no-collect")).get("Independent")[0]);

        ok("identities", "merge", "bob@gmail.com", "cy@initech.com");
        JsonNode merged = report("--no-collect");
        assertEquals(2, merged.get("developers").asLong(), "Ann, and Bob who is also Cy");
        assertEquals(2, merged.get("byDeveloper").get(0).get("changesets").asLong());

        ok("undo"); // the merge
        ok("undo"); // the enrollment
        JsonNode back = report("--no-collect");
        assertEquals(3, back.get("developers").asLong());
        assertEquals(2, organizations(back).get("Initech")[0]);
        assertFalse(organizations(back).containsKey("Independent"));

        AnalyzeCommandTest.Run log = tributary("log", "--db", db.toString());
        assertEquals(4, log.out().lines().count(), log.out());
        assertTrue(log.out().contains("enroll cy@initech.com in Independent from 2012-01-01") && log.out().contains("(undone)"), log.out());
    }

    @Test
    void a_bad_curated_line_is_reported_with_file_and_line_and_the_rest_imports() throws Exception {
        Files.writeString(dir.resolve("curated/domain-map"), "acme.com Acme < 2012-01-01\nacme.com Acme Labs\nbroken\ninitech.com Initech\n");
        AnalyzeCommandTest.Run run = tributary("report", "--quiet", "--db", db.toString(), "--project", project.toString(),
                "--release", "two", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains(dir.resolve("curated/domain-map") + ":3: expected '[user@]domain Employer"), run.err());
        assertEquals(2, organizations(new ObjectMapper().readTree(run.out())).get("Initech")[0]);
    }

    @Test
    void a_project_rerun_reimports_a_curated_file_only_when_what_it_says_changed() throws Exception {
        report();
        String first = importedAt();
        report();
        assertEquals(first, importedAt(), "nothing changed: not imported again");
        // a file the gitdm config points to changes: Cy's company is renamed at the next report
        Files.writeString(dir.resolve("curated/domain-map"), "acme.com Acme < 2012-01-01\nacme.com Acme Labs\ninitech.com Initrode\n");
        Map<String, long[]> orgs = organizations(report());
        assertEquals(1, orgs.get("Initrode")[0], "Cy");
        assertEquals(1, orgs.get("Initech")[0], "Bob, by his address line");
        assertFalse(first.equals(importedAt()));
    }

    String importedAt() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db); var st = c.createStatement();
             var rs = st.executeQuery("SELECT string_agg(imported_at::VARCHAR, ',') FROM curated_sources")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
