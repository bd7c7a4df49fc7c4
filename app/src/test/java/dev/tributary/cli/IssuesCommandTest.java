package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import dev.tributary.web.WebServer;
import dev.tributary.web.Widgets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue commands, API and report section over the widgets project and its two-issue archive ({@link Widgets#twoIssueArchive}):
 * #1 reported 2020-03-01 by ann, answered by bob five hours later, closed two days after the report; #2
 * reported 2020-03-10 by cy, open, unanswered.
 */
class IssuesCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void collect_then_issues_print_the_hand_counted_figures_as_json() throws Exception {
        Path db = dir.resolve("s.duckdb");
        AnalyzeCommandTest.Run c = tributary("collect", "issues", "--db", db.toString(), "--tracker", "o/r", "--kind", "github",
                Widgets.twoIssueArchive(dir).toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("2 issues and 1 comments stored from 2 files"), c.out());
        AnalyzeCommandTest.Run r = tributary("issues", "--db", db.toString(), "--format", "json", "issues-new", "issues-open",
                "issue-response-time-median", "issue-resolution-duration-median");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(2.0, j.get(0).get("value").asDouble());
        assertEquals(1.0, j.get(1).get("value").asDouble());
        assertEquals(5.0, j.get(2).get("value").asDouble());
        assertEquals(2.0, j.get(3).get("value").asDouble());
        AnalyzeCommandTest.Run again = tributary("collect", "issues", "--db", db.toString(), "--tracker", "o/r", "--kind", "github",
                dir.resolve("items").toString());
        assertTrue(again.out().contains("from 0 files (2 unchanged, not read)"), again.out());
    }

    @Test
    void bad_input_is_exit_3_and_a_bad_option_exit_2() throws Exception {
        Path db = dir.resolve("s.duckdb");
        assertEquals(3, tributary("issues", "--db", db.toString(), "no-such-metric").code());
        assertEquals(3, tributary("issues", "--db", db.toString(), "--tracker", "nope").code());
        assertEquals(2, tributary("issues", "--db", db.toString(), "--by", "weather").code());
        assertEquals(3, tributary("collect", "issues", "--db", db.toString(), "--tracker", "t", "--kind", "trac", "x").code());
        assertEquals(2, tributary("collect", "issues", "--db", db.toString(), "--tracker", "t", "--kind", "github").code(),
                "neither PATHs nor --project");
    }

    @Test
    void the_api_answers_issue_metrics_and_the_report_has_an_issues_section_with_text_escaped() throws Exception {
        Widgets w = Widgets.create(dir.resolve("w"));
        assertEquals(0, tributary("collect", "issues", "--db", w.db.toString(), "--tracker", "o/r", "--kind", "github",
                Widgets.twoIssueArchive(dir).toString()).code());
        try (Store store = Store.open(w.db); WebServer server = WebServer.start(new WebServer.Options(store, Project.load(w.project),
                "127.0.0.1", 0, null))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/issues?metric=issues-new&metric=issue-response-time-median")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode j = JSON.readTree(r.body());
            assertEquals(2.0, j.get(0).get("value").asDouble());
            assertEquals(5.0, j.get(1).get("value").asDouble());
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/issues?metric=nope")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            HttpResponse<String> trackers = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/trackers")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("[{\"name\":\"o/r\",\"kind\":\"github\",\"items\":2,\"openIssues\":1}]", trackers.body());
        }
        Path html = dir.resolve("r.html");
        AnalyzeCommandTest.Run rep = tributary("report", "--db", w.db.toString(), "--project", w.project.toString(), "--release", "two",
                "--format", "html", "--output", html.toString());
        assertEquals(0, rep.code(), rep.err());
        String page = Files.readString(html);
        assertTrue(page.contains("Issue trackers"), "the issues section");
        assertTrue(!page.contains("<img src=x"), "titles are not shown, and nothing untrusted is unescaped");
    }

    @Test
    void analyze_collects_the_trackers_of_the_project_file_incrementally() throws Exception {
        Widgets w = Widgets.create(dir.resolve("w"));
        Path items = Widgets.twoIssueArchive(dir);
        Files.writeString(w.project, Files.readString(w.project) + "trackers:\n  - name: o/r\n    kind: github\n    paths: ["
                + items.toAbsolutePath() + "]\n");
        AnalyzeCommandTest.Run a = tributary("analyze", "--quiet", "--db", w.db.toString(), "--project", w.project.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals("", a.err());
        AnalyzeCommandTest.Run r = tributary("issues", "--db", w.db.toString(), "--format", "json", "issues-new", "issue-comments");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(2.0, j.get(0).get("value").asDouble());
        assertEquals(1.0, j.get(1).get("value").asDouble());
        Files.delete(items.resolve("000002-main.json"));
        AnalyzeCommandTest.Run again = tributary("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(),
                "--release", "two", "--format", "json");
        assertEquals(0, again.code(), again.err());
        assertEquals(2.0, JSON.readTree(tributary("issues", "--db", w.db.toString(), "--format", "json", "issues-new").out())
                .get(0).get("value").asDouble(), "a file gone from the folder deletes nothing stored");
        Files.writeString(w.project, Files.readString(w.project).replace("paths: [", "token: x\n    paths: ["));
        AnalyzeCommandTest.Run bad = tributary("analyze", "--quiet", "--db", w.db.toString(), "--project", w.project.toString());
        assertEquals(3, bad.code());
        assertTrue(bad.err().contains("trackers[0] 'o/r'.token: a credential never goes in the project file"), bad.err());
    }

    /** A Bugzilla bug as Perceval writes it (the shape of its tests/data/bugzilla): comment 0 is the description. */
    static String bug(int id, String created, String creator, boolean open, String closedAt, String closer, String... comments) {
        StringBuilder c = new StringBuilder("{\"id\":" + id + "0,\"count\":0,\"creator\":\"" + creator + "\",\"creation_time\":\"" + created
                + "\",\"text\":\"description\"}");
        for (int k = 0; k < comments.length; k += 2) {
            c.append(",{\"id\":").append(id).append(k + 1).append(",\"count\":").append(k / 2 + 1).append(",\"creator\":\"").append(comments[k])
                    .append("\",\"creation_time\":\"").append(comments[k + 1]).append("\",\"text\":\"x\"}");
        }
        String history = open ? "[]" : "[{\"when\":\"" + closedAt + "\",\"who\":\"" + closer + "\",\"changes\":[{\"field_name\":\"status\","
                + "\"removed\":\"NEW\",\"added\":\"CLOSED\"}]}]";
        return "{\"backend_name\":\"BugzillaREST\",\"category\":\"bug\",\"origin\":\"https://bugzilla.example.org/\",\"data\":{\"id\":" + id
                + ",\"summary\":\"s\",\"creation_time\":\"" + created + "\",\"last_change_time\":\"" + (open ? created : closedAt)
                + "\",\"creator\":\"" + creator + "\",\"status\":\"" + (open ? "NEW" : "CLOSED") + "\",\"resolution\":\""
                + (open ? "" : "FIXED") + "\",\"is_open\":" + open + ",\"product\":\"W\",\"component\":\"core\",\"keywords\":[],"
                + "\"comments\":[" + c + "],\"history\":" + history + "}}";
    }

    /**
     * Release two of the widgets project (its commits' window: 2012-03-01 to 2012-08-01) and a Bugzilla tracker:
     * bug 1 reported 2012-04-01 by Bob (Bob Consulting until 2012-05-01), answered by Ann (Acme Labs) on 04-02 and Cy
     * (Initech) on 06-02, closed 06-10 by Bob (Initech by then); bug 2 reported 06-15 by Cy, open; bug 3 reported
     * 2011-06-01 by Ann with Cy's comment the next day (both before the release), closed 2012-05-01 by Ann. In the
     * release: opened 2 (Bob Consulting 1, Initech 1), closed 2 (Initech 1, Acme Labs 1), comments 2 (Acme Labs 1,
     * Initech 1): Initech 3 of 6, Acme Labs 2, Bob Consulting 1.
     */
    @Test
    void the_release_table_gains_an_issues_section_by_organization_at_the_time_only_with_trackers() throws Exception {
        Widgets w = Widgets.create(dir.resolve("w"));
        Path bugs = Files.writeString(dir.resolve("bugs.json"), "[" + String.join(",",
                bug(1, "2012-04-01T00:00:00Z", "bob@gmail.com", false, "2012-06-10T00:00:00Z", "bob@gmail.com",
                        "ann@acme.com", "2012-04-02T00:00:00Z", "cy@initech.com", "2012-06-02T00:00:00Z"),
                bug(2, "2012-06-15T00:00:00Z", "cy@initech.com", true, null, null),
                bug(3, "2011-06-01T00:00:00Z", "ann@acme.com", false, "2012-05-01T00:00:00Z", "ann@acme.com",
                        "cy@initech.com", "2011-06-02T00:00:00Z")) + "]");
        AnalyzeCommandTest.Run before = tributary("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(),
                "--release", "two");
        Files.writeString(w.project, Files.readString(w.project) + "trackers:\n  - {name: widgets-bugs, kind: bugzilla, paths: ["
                + bugs.toAbsolutePath() + "]}\n");
        AnalyzeCommandTest.Run table = tributary("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(),
                "--release", "two");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith(before.out()), "the existing tables first, unchanged");
        assertEquals("""

                Issue trackers widgets-bugs: 2 issues opened, 2 closed, 2 comments

                Issue work by organization (these rows: 100.0%)
                  organization   opened closed comments share
                  Initech             1      1        1 50.0%
                  Acme Labs           0      1        1 33.3%
                  Bob Consulting      1      0        0 16.7%
                """, table.out().substring(before.out().length()));
        JsonNode j = JSON.readTree(tributary("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(),
                "--release", "two", "--format", "json").out());
        java.util.List<String> fields = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertEquals("issues", fields.get(fields.size() - 1), "a last field");
        assertEquals(2, j.get("issues").get("closed").asInt());
        assertEquals("Initech", j.get("issues").get("byOrganization").get(0).get("name").asText());
        String csv = tributary("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(),
                "--release", "two", "--format", "csv").out();
        assertTrue(csv.startsWith("table,name,organization,changesets,developers,linesAdded,linesRemoved,credits,share,"
                + "issuesOpened,issuesClosed,issueComments\n"), csv);
        assertTrue(csv.contains("\nissues-by-organization,\"Acme Labs\",,,,,,,0.333333,0,1,1\n"), csv);
        AnalyzeCommandTest.Run m = tributary("issues", "--db", w.db.toString(), "--project", w.project.toString(), "--no-collect",
                "--release", "two", "--format", "json", "issues-new", "issues-closed", "issue-comments");
        assertEquals(0, m.code(), m.err());
        JsonNode r = JSON.readTree(m.out());
        assertEquals(java.util.List.of(2, 2, 2), java.util.List.of(r.get(0).get("value").asInt(), r.get(1).get("value").asInt(),
                r.get(2).get("value").asInt()), "the release's window, the project's tracker: as the section counts them");
        try (Store store = Store.open(w.db); WebServer server = WebServer.start(new WebServer.Options(store, Project.load(w.project),
                "127.0.0.1", 0, null))) {
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/api/v1/issues?release=two&metric=issues-new,issues-closed,issue-comments,issues-released"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, api.statusCode(), api.body());
            JsonNode a = JSON.readTree(api.body());
            assertEquals("2.0 2.0 2.0 0.0", a.get(0).get("value").asText() + " " + a.get(1).get("value").asText() + " "
                    + a.get(2).get("value").asText() + " " + a.get(3).get("value").asText(), "the API's release window; no fix commit cites a bug");
        }
        assertEquals(2, tributary("issues", "--db", w.db.toString(), "--release", "two").code(), "--release needs --project");
        assertEquals(3, tributary("issues", "--db", w.db.toString(), "--project", w.project.toString(), "--no-collect",
                "--release", "three").code());
    }
}
