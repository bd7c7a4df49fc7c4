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
 * The issue commands, API and report section over the widgets project and a two-issue archive written here:
 * #1 reported 2020-03-01 by ann, answered by bob five hours later, closed two days after the report; #2
 * reported 2020-03-10 by cy, open, unanswered.
 */
class IssuesCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    Path archive() throws Exception {
        Path items = dir.resolve("items");
        Files.createDirectories(items);
        Files.writeString(items.resolve("000001-main.json"), "{\"number\":1,\"title\":\"crash\",\"user\":{\"login\":\"ann\",\"type\":\"User\"},"
                + "\"state\":\"closed\",\"created_at\":\"2020-03-01T00:00:00Z\",\"closed_at\":\"2020-03-03T00:00:00Z\",\"labels\":[{\"name\":\"bug\"}],"
                + "\"pull_request\":null}");
        Files.writeString(items.resolve("000001-comments.json"), "[{\"id\":7,\"user\":{\"login\":\"bob\",\"type\":\"User\"},"
                + "\"created_at\":\"2020-03-01T05:00:00Z\",\"body\":\"<script>alert(1)</script>\"}]");
        Files.writeString(items.resolve("000002-main.json"), "{\"number\":2,\"title\":\"<img src=x onerror=alert(1)>\",\"user\":{\"login\":\"cy\"},"
                + "\"state\":\"open\",\"created_at\":\"2020-03-10T00:00:00Z\",\"labels\":[],\"pull_request\":null}");
        return items;
    }

    @Test
    void collect_then_issues_print_the_hand_counted_figures_as_json() throws Exception {
        Path db = dir.resolve("s.duckdb");
        AnalyzeCommandTest.Run c = tributary("collect", "issues", "--db", db.toString(), "--tracker", "o/r", "--kind", "github",
                archive().toString());
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
                archive().toString()).code());
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
        Path items = archive();
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
}
