package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import dev.tributary.testkit.BackupFiles;
import dev.tributary.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review metrics by module and by release, through the CLI and the API, on a repository and a GitHub backup
 * made here. The files of each pull request, worked out by hand:
 * <ul>
 * <li>#1 (alice, 2024-01-01, merged as a merge commit GitHub names but the history lacks): its commit c1 adds
 * docs/guide.md, so it is in {@code docs};</li>
 * <li>#2 (carol, 2024-02-01 12:00, squash-merged as c2, its own commits unknown): c2 adds src/main.c: {@code src};</li>
 * <li>#3 (carol, 2024-02-20, open): its commit c3 adds src/util.c and docs/api.md: both modules;</li>
 * <li>#4 (dave, 2024-04-01, closed): no commit the history has: no module.</li>
 * </ul>
 * Reviews: #1 bob APPROVED; #2 bob CHANGES_REQUESTED then APPROVED; #3 alice COMMENTED; #4 bob COMMENTED.
 */
class ReviewScopesTest {
    @TempDir
    Path dir;
    Path project;
    String db;

    @BeforeEach
    void fixture() throws Exception {
        project = BackupFiles.reviewedProject(dir);
        db = dir.resolve("s.duckdb").toString();
        // the release's ranges and the files of the commits come from collecting the project's history
        AnalyzeCommandTest.Run head = tributary("metrics", "commits", "--project", project.toString(), "--db", db, "-q");
        assertEquals(0, head.code(), head.err());
        AnalyzeCommandTest.Run report = tributary("report", "--project", project.toString(), "--release", "v2", "--db", db, "-q");
        assertEquals(0, report.code(), report.err());
        AnalyzeCommandTest.Run collect = tributary("collect", "github", "o/r", "--backup", dir.resolve("backup").toString(), "--db", db, "-q");
        assertEquals(0, collect.code(), collect.err());
    }

    private Map<String, Double> figures(String... args) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("reviews", "change-requests-new", "change-requests-accepted",
                "change-requests-declined", "change-requests-open", "reviews", "--db", db, "--format", "json"));
        a.addAll(List.of(args));
        AnalyzeCommandTest.Run run = tributary(a.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return values(new ObjectMapper().readTree(run.out()));
    }

    private static Map<String, Double> values(JsonNode points) {
        Map<String, Double> v = new LinkedHashMap<>();
        points.forEach(p -> v.put(p.get("metric").asText(), p.get("value").asDouble()));
        return v;
    }

    private static Map<String, Double> expect(double created, double accepted, double declined, double open, double reviews) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("change-requests-new", created);
        v.put("change-requests-accepted", accepted);
        v.put("change-requests-declined", declined);
        v.put("change-requests-open", open);
        v.put("reviews", reviews);
        return v;
    }

    @Test
    void a_module_counts_the_change_requests_touching_its_files_by_their_commits_or_their_squash_merge() throws Exception {
        assertEquals(expect(4, 2, 1, 1, 5), figures());
        assertEquals(expect(4, 2, 1, 1, 5), figures("--project", project.toString()));
        // docs: #1 (by its commit) and #3; reviews: bob's approval of #1, alice's comment on #3
        assertEquals(expect(2, 1, 0, 1, 2), figures("--project", project.toString(), "--module", "docs"));
        // src: #2 (by its squash merge) and #3
        assertEquals(expect(2, 1, 0, 1, 3), figures("--project", project.toString(), "--module", "src"));
        // two modules: their union, #1 to #3
        assertEquals(expect(3, 2, 0, 1, 4), figures("--project", project.toString(), "--module", "docs", "--module", "src"));
        assertEquals(expect(1, 1, 0, 0, 2), figures("--path", "src/main.c"));
        AnalyzeCommandTest.Run matrix = tributary("reviews", "--matrix", "--path", "docs/**", "--db", db, "--format", "csv");
        assertEquals("reviewer_organization,author_organization,reviews\n\"Unknown\",\"acme.org\",1\n\"acme.org\",\"corp.com\",1\n",
                matrix.out().replace("\r", ""));
        AnalyzeCommandTest.Run links = tributary("reviews", "--links", "--project", project.toString(), "--module", "src", "--db", db,
                "--format", "json");
        assertEquals(1, new ObjectMapper().readTree(links.out()).size(), links.out());
    }

    @Test
    void a_release_takes_its_window_or_the_span_of_its_ranges_commits() throws Exception {
        // winter [2024-01-01, 2024-02-15): #1 and #2 opened and merged; #3 is opened later, so open at its end counts none
        assertEquals(expect(2, 2, 0, 0, 3), figures("--project", project.toString(), "--release", "winter"));
        // v2 (v0..v2 = c2, c3): [2024-02-01, 2024-03-01 00:00:01): #2 and #3 opened, #2 merged, #3 open at the end
        assertEquals(expect(2, 1, 0, 1, 3), figures("--project", project.toString(), "--release", "v2"));
        // a typed end overrides the release's
        assertEquals(expect(1, 1, 0, 0, 2), figures("--project", project.toString(), "--release", "v2", "--until", "2024-02-10"));
        // release and module together: v2's docs changes are #3 only
        assertEquals(expect(1, 0, 0, 1, 1), figures("--project", project.toString(), "--release", "v2", "--module", "docs"));
    }

    @Test
    void the_api_takes_release_module_and_path_like_the_command() throws Exception {
        try (Store store = Store.open(Path.of(db));
                WebServer server = WebServer.start(new WebServer.Options(store, Project.load(project), "127.0.0.1", 0,
                        "test-admin-token-0123456789abcdef"))) {
            HttpClient http = HttpClient.newHttpClient();
            String m = "/api/v1/reviews?metric=change-requests-new,change-requests-accepted,change-requests-declined,"
                    + "change-requests-open,reviews";
            java.util.function.Function<String, HttpResponse<String>> get = path -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            HttpResponse<String> docs = get.apply(m + "&module=docs");
            assertEquals(200, docs.statusCode(), docs.body());
            assertEquals(expect(2, 1, 0, 1, 2), values(new ObjectMapper().readTree(docs.body())));
            assertEquals(expect(2, 1, 0, 1, 3), values(new ObjectMapper().readTree(get.apply(m + "&release=v2").body())));
            assertEquals(expect(1, 1, 0, 0, 2), values(new ObjectMapper().readTree(get.apply(m + "&path=src/main.c").body())));
            JsonNode cells = new ObjectMapper().readTree(get.apply("/api/v1/reviews/matrix?release=winter&module=src").body());
            assertEquals(1, cells.size(), cells.toString()); // bob's two reviews of carol's #2
            assertEquals(2, cells.get(0).get("reviews").asInt());
            HttpResponse<String> bad = get.apply(m + "&module=nope");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("not a module of the project"), bad.body());
            assertEquals(404, get.apply(m + "&release=nope").statusCode());
        }
    }

    @Test
    void the_release_table_of_a_project_with_review_sources_adds_change_requests_reviews_and_marks() throws Exception {
        // winter: #1 (alice, acme.org) and #2 (carol, corp.com) opened; bob (no address: Unknown) approved #1, asked for
        // changes on #2 then approved it: 3 reviews, all marks
        AnalyzeCommandTest.Run run = tributary("report", "--project", project.toString(), "--release", "winter", "--no-collect",
                "--db", db, "-q", "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode rv = new ObjectMapper().readTree(run.out()).get("reviews");
        assertEquals(List.of(2L, 3L, 3L), List.of(rv.get("changes").asLong(), rv.get("reviews").asLong(), rv.get("marks").asLong()));
        assertEquals("[{\"organization\":\"Unknown\",\"changes\":0,\"reviews\":3,\"marks\":3},"
                + "{\"organization\":\"acme.org\",\"changes\":1,\"reviews\":0,\"marks\":0},"
                + "{\"organization\":\"corp.com\",\"changes\":1,\"reviews\":0,\"marks\":0}]", rv.get("byOrganization").toString());
        // v2 (its ranges' span, Feb 1 to Mar 1): #2 and #3 opened by carol; bob's two marks, alice's comment (a review, no mark)
        run = tributary("report", "--project", project.toString(), "--release", "v2", "--no-collect", "--db", db, "-q");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("; 2 change requests, 3 reviews (2 marks)"), run.out());

        String header = run.out().lines().filter(l -> l.trim().startsWith("organization changesets")).findFirst().orElseThrow();
        assertTrue(header.endsWith("share changes reviews marks"), header);
        // the organizations with commits in the release have rows: corp.com only
        String corp = run.out().lines().filter(l -> l.trim().startsWith("corp.com")).findFirst().orElseThrow();
        assertTrue(corp.matches(".*100[.]0% +2 +0 +0"), corp);
        run = tributary("report", "--project", project.toString(), "--release", "v2", "--no-collect", "--db", db, "-q", "--format", "csv");
        assertTrue(run.out().startsWith("table,name,organization,changesets,developers,linesAdded,linesRemoved,credits,share,"
                + "changeRequests,reviews,marks\n"), run.out());
        assertTrue(run.out().contains("\norganizations-by-changesets,\"corp.com\",,2,1,3,0,,1.000000,2,0,0\n"), run.out());
    }

    /** The review figures of an HTML report, by their figure id ({@code cr-new}, ...), as the page shows them. */
    private Map<String, String> htmlFigures(String dbPath, String... args) throws Exception {
        Path page = dir.resolve("report-" + System.nanoTime() + ".html");
        List<String> a = new java.util.ArrayList<>(List.of("report", "--project", project.toString(), "--no-collect", "--db", dbPath, "-q",
                "--format", "html", "--output", page.toString()));
        a.addAll(List.of(args));
        AnalyzeCommandTest.Run run = tributary(a.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        String html = Files.readString(page);
        Map<String, String> f = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"fig-(cr-[a-z]+)\"><dt>[^<]*</dt><dd>([^<]*)</dd>").matcher(html);
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        int at = html.indexOf("<section id=\"reviews\">");
        f.put("note", at < 0 ? null : html.substring(html.indexOf("<p class=\"note\">", at) + 16, html.indexOf("</p>", at)));
        return f;
    }

    private static Map<String, String> shown(String created, String accepted, String declined, String open, String ratio, String response,
            String review, String merge, String reviews, String reviewers) {
        Map<String, String> v = new LinkedHashMap<>();
        String[] ids = {"cr-new", "cr-accepted", "cr-declined", "cr-open", "cr-ratio", "cr-ttfr", "cr-ttfrev", "cr-duration", "cr-reviews",
                "cr-reviewers"};
        String[] values = {created, accepted, declined, open, ratio, response, review, merge, reviews, reviewers};
        for (int k = 0; k < ids.length; k++) {
            v.put(ids[k], values[k]);
        }
        return v;
    }

    private static Map<String, String> figuresOnly(Map<String, String> f) {
        Map<String, String> out = new LinkedHashMap<>(f);
        out.remove("note");
        return out;
    }

    @Test
    void the_html_reports_review_section_counts_the_release_window_and_the_modules_change_requests() throws Exception {
        // whole history: #1..#4 opened, #1 #2 merged, #4 closed, #3 open; first responses #1 10 h, #2 2 h, #3 24 h, #4 24 h
        // (median 17 h); to merge #1 24 h, #2 24 h; reviews: bob 4, alice 1
        Map<String, String> all = htmlFigures(db);
        assertEquals(shown("4", "2", "1", "1", "66.7%", "17.0 h", "17.0 h", "24.0 h", "5", "2"), figuresOnly(all));
        assertTrue(!all.get("note").contains("Paths"), all.get("note"));
        // v2, its ranges' span [2024-02-01, 2024-03-01 00:00:01): #2 (merged after 24 h, bob's first review after 2 h) and
        // #3 (open, alice's comment after 24 h): medians 13 h; reviews: bob's two on #2, alice's on #3
        assertEquals(shown("2", "1", "0", "1", "100.0%", "13.0 h", "13.0 h", "24.0 h", "3", "2"), figuresOnly(htmlFigures(db, "--release", "v2")));
        // winter [2024-01-01, 2024-02-15): #1 (first response 10 h) and #2 (2 h), both merged after 24 h; bob's three reviews
        assertEquals(shown("2", "2", "0", "0", "100.0%", "6.0 h", "6.0 h", "24.0 h", "3", "1"), figuresOnly(htmlFigures(db, "--release", "winter")));
        // v2 and docs: #3 alone
        Map<String, String> docs = htmlFigures(db, "--release", "v2", "--module", "docs");
        assertEquals(shown("1", "0", "0", "1", "—", "24.0 h", "24.0 h", "—", "1", "1"), figuresOnly(docs));
        assertTrue(docs.get("note").contains("3 of the 4 stored have files"), docs.get("note"));
        // a path: #2, by its squash merge c2
        assertEquals(shown("1", "1", "0", "0", "100.0%", "2.0 h", "2.0 h", "24.0 h", "2", "1"), figuresOnly(htmlFigures(db, "--path", "src/main.c")));
    }

    @Test
    void the_html_reports_review_section_says_when_no_change_request_has_files_for_a_module() throws Exception {
        // the small backup's commits are not in this history: no change request has files, so the module has none
        String other = dir.resolve("other.duckdb").toString();
        assertEquals(0, tributary("metrics", "commits", "--project", project.toString(), "--db", other, "-q").code());
        String backup = Path.of(getClass().getResource("/github-backup/small").toURI()).toString();
        AnalyzeCommandTest.Run collect = tributary("collect", "github", "o/r", "--backup", backup, "--db", other, "-q");
        assertEquals(0, collect.code(), collect.err());
        Map<String, String> docs = htmlFigures(other, "--module", "docs");
        assertEquals("0", docs.get("cr-new"));
        assertTrue(docs.get("note").contains("Paths docs/**: no change request has files stored, so none is counted here"), docs.get("note"));
    }

    @Test
    void the_apis_report_carries_the_review_columns_the_cli_prints_under_the_same_names() throws Exception {
        Map<String, JsonNode> cli = new LinkedHashMap<>();
        Map<String, List<String>> asked = Map.of("release=v2", List.of("--release", "v2"), "release=winter", List.of("--release", "winter"),
                "release=v2&module=docs", List.of("--release", "v2", "--module", "docs"), "path=src/main.c", List.of("--path", "src/main.c"));
        for (Map.Entry<String, List<String>> e : asked.entrySet()) {
            List<String> a = new java.util.ArrayList<>(List.of("report", "--project", project.toString(), "--no-collect", "--db", db, "-q",
                    "--format", "json"));
            a.addAll(e.getValue());
            AnalyzeCommandTest.Run run = tributary(a.toArray(String[]::new));
            assertEquals(0, run.code(), run.err());
            cli.put(e.getKey(), new ObjectMapper().readTree(run.out()));
        }
        // by hand: v2's docs change requests are #3 alone (carol, corp.com), with alice's comment (acme.org): a review, no mark
        assertEquals("{\"changes\":1,\"reviews\":1,\"marks\":0,\"byOrganization\":[{\"organization\":\"acme.org\",\"changes\":0,"
                + "\"reviews\":1,\"marks\":0},{\"organization\":\"corp.com\",\"changes\":1,\"reviews\":0,\"marks\":0}]}",
                cli.get("release=v2&module=docs").get("reviews").toString());
        // the path: #2 (carol), bob's request for changes and approval
        assertEquals(List.of(1L, 2L, 2L), List.of(cli.get("path=src/main.c").get("reviews").get("changes").asLong(),
                cli.get("path=src/main.c").get("reviews").get("reviews").asLong(), cli.get("path=src/main.c").get("reviews").get("marks").asLong()));
        try (Store store = Store.open(Path.of(db));
                WebServer server = WebServer.start(new WebServer.Options(store, Project.load(project), "127.0.0.1", 0,
                        "test-admin-token-0123456789abcdef"))) {
            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, JsonNode> e : cli.entrySet()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1/report?" + e.getKey())).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                JsonNode api = new ObjectMapper().readTree(r.body());
                assertEquals(e.getValue().get("reviews"), api.get("reviews"), e.getKey());
                assertEquals(e.getValue(), api, e.getKey() + ": the whole answer is the CLI's JSON");
            }
        }
    }

    @Test
    void wrong_scope_options_are_usage_or_input_errors_with_the_reason() {
        AnalyzeCommandTest.Run run = tributary("reviews", "--release", "v2", "--db", db);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--release needs --project"), run.err());
        run = tributary("reviews", "--module", "docs", "--db", db);
        assertEquals(2, run.code());
        run = tributary("reviews", "--project", project.toString(), "--module", "nope", "--db", db);
        assertEquals(3, run.code());
        assertTrue(run.err().contains("nope"), run.err());
        run = tributary("reviews", "--project", project.toString(), "--release", "nope", "--db", db);
        assertEquals(3, run.code());
        assertTrue(run.err().contains("no release named 'nope'"), run.err());
        run = tributary("reviews", "--path", "/abs", "--db", db);
        assertEquals(3, run.code());
        assertTrue(run.err().contains("relative to the repository's root"), run.err());
        run = tributary("reviews", "--credits", "--path", "src", "--db", db);
        assertEquals(2, run.code());
        run = tributary("reviews", "--since", "2024-02-01", "--until", "2024-01-01", "--db", db);
        assertEquals(3, run.code());
    }
}
