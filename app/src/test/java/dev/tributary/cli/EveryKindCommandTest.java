package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.store.Store;
import dev.tributary.testkit.EveryKind;
import dev.tributary.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics --kind} and {@code /api/v1/metrics?kind=} over code review, an issue tracker and every kind
 * at once, on {@link EveryKind} (its javadoc has who did what; the counts are worked out by hand there and in
 * core's EveryKindOfContributionTest), checked against the {@code reviews} and {@code issues} commands' own
 * counts.
 */
class EveryKindCommandTest {
    @TempDir
    Path dir;

    private static Map<String, Double> whole(AnalyzeCommandTest.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        Map<String, Double> out = new HashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(r.out())) {
            if (p.get("group").asText().equals("all")) {
                out.put(p.get("metric").asText(), p.get("value").asDouble());
            }
        }
        return out;
    }

    private String db;
    private String repo;

    private EveryKind collect() {
        EveryKind k;
        try {
            k = EveryKind.create(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        db = dir.resolve("s.duckdb").toString();
        repo = k.repository().toString();
        assertEquals(0, AnalyzeCommandTest.tributary("collect", "github", "o/r", "--backup", k.backup().toString(), "--db", db, "--quiet").code());
        assertEquals(0, AnalyzeCommandTest.tributary("collect", "issues", "--tracker", "ZK", "--kind", "jira", k.jira().toString(), "--db", db,
                "--quiet").code());
        return k;
    }

    private AnalyzeCommandTest.Run metrics(String kind, String... metrics) {
        String[] args = new String[metrics.length + 8];
        System.arraycopy(new String[] {"metrics", "--db", db, "--kind", kind, "--format", "json"}, 0, args, 0, 7);
        System.arraycopy(metrics, 0, args, 7, metrics.length);
        args[args.length - 1] = repo;
        return AnalyzeCommandTest.tributary(args);
    }

    @Test
    void kinds_of_review_and_tracker_and_all_count_what_the_reviews_and_issues_commands_count() throws Exception {
        collect();
        // reviews: ann, bob, dee; change requests: bob, ann; issues: erin, dlee; issue comments: cyc (Cy), erin
        assertEquals(Map.of("contributors", 3.0), whole(metrics("review", "contributors")));
        assertEquals(Map.of("contributors", 2.0), whole(metrics("change", "contributors")));
        assertEquals(Map.of("contributors", 2.0), whole(metrics("issue", "contributors")));
        assertEquals(Map.of("contributors", 2.0), whole(metrics("issue_comment", "contributors")));
        // all: Ann, Bob, Cy, dee, Erin, Dee Lee; commits stay the default (Ann, Bob, Cy)
        assertEquals(Map.of("contributors", 6.0, "new-contributors", 6.0), whole(metrics("all", "contributors", "new-contributors")));
        assertEquals(Map.of("contributors", 3.0), whole(metrics("commit", "contributors")));

        AnalyzeCommandTest.Run reviews = AnalyzeCommandTest.tributary("reviews", "--db", db, "--format", "json", "reviewers",
                "change-request-authors");
        Map<String, Double> own = whole(reviews);
        assertEquals(3.0, own.get("reviewers"), "ReviewMetrics' reviewers = metrics --kind review contributors");
        assertEquals(2.0, own.get("change-request-authors"), "= metrics --kind change contributors");
        AnalyzeCommandTest.Run issues = AnalyzeCommandTest.tributary("issues", "--db", db, "--format", "json", "issue-reporters",
                "issue-commenters");
        Map<String, Double> tracker = whole(issues);
        assertEquals(2.0, tracker.get("issue-reporters"), "IssueMetrics' reporters = metrics --kind issue contributors");
        assertEquals(2.0, tracker.get("issue-commenters"), "= metrics --kind issue_comment contributors");

        AnalyzeCommandTest.Run commitsOnly = metrics("all", "commits");
        assertEquals(3, commitsOnly.code());
        assertTrue(commitsOnly.err().contains("metric 'commits' counts commits and their lines, not all contributions"), commitsOnly.err());
        AnalyzeCommandTest.Run bad = metrics("reviews", "contributors");
        assertEquals(3, bad.code());
        assertTrue(bad.err().contains("--kind: unknown kind of contribution 'reviews' (known: commit, message, change, review,"), bad.err());
    }

    @Test
    void a_project_file_naming_its_github_repositories_limits_the_review_kinds_to_them() throws Exception {
        collect();
        Path other = dir.resolve("other.yaml");
        java.nio.file.Files.writeString(other, "repositories:\n  - name: repo\n    path: repo\ngithub:\n  - repo: x/elsewhere\n");
        AnalyzeCommandTest.Run none = AnalyzeCommandTest.tributary("metrics", "--db", db, "--project", other.toString(), "--kind", "review",
                "contributors");
        assertEquals(3, none.code(), none.out());
        assertTrue(none.err().contains("kind review: nothing of that kind was collected"), none.err());
        Path ours = dir.resolve("ours.yaml");
        java.nio.file.Files.writeString(ours, "repositories:\n  - name: repo\n    path: repo\ngithub:\n  - repo: o/r\n");
        assertEquals(Map.of("contributors", 3.0), whole(AnalyzeCommandTest.tributary("metrics", "--db", db, "--project", ours.toString(),
                "--kind", "review", "--format", "json", "contributors")));
    }

    @Test
    void the_api_takes_the_same_kind_and_names_the_parameter_when_it_is_bad() throws Exception {
        collect();
        assertEquals(0, metrics("commit", "contributors").code()); // the repository collected, as the server expects
        try (Store store = Store.open(Path.of(db)); WebServer server = WebServer.start(new WebServer.Options(store, null, "127.0.0.1", 0, null))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/metrics";
            HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(base + "?kind=all&metric=contributors&interval=month"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, all.statusCode(), all.body());
            Map<String, Double> months = MailCommandTest.values(new ObjectMapper().readTree(all.body()));
            assertEquals(Map.of("2024-01 contributors", 4.0, "2024-02 contributors", 5.0, "2024-03 contributors", 1.0), months);
            HttpResponse<String> review = http.send(HttpRequest.newBuilder(URI.create(base + "?kind=review&metric=contributors")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, review.statusCode(), review.body());
            assertEquals(3.0, new ObjectMapper().readTree(review.body()).get(0).get("value").asDouble());
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "?kind=bogus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("\"parameter\":\"kind\""), bad.body());
            HttpResponse<String> lines = http.send(HttpRequest.newBuilder(URI.create(base + "?kind=issue&metric=lines-added")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, lines.statusCode(), lines.body());
            assertTrue(lines.body().contains("\"parameter\":\"metric\""), lines.body());
        }
    }
}
