package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API against a real server on a loopback port, over the widgets project (see {@link Widgets}). */
class ApiTest {
    static final String TOKEN = "test-admin-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Store store;
    Project project;
    WebServer server;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void serve() throws Exception {
        Widgets w = Widgets.create(dir);
        store = Store.open(w.db);
        project = Project.load(w.project);
        server = WebServer.start(new WebServer.Options(store, project, "127.0.0.1", 0, TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(Widgets.base(server) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Widgets.base(server) + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Compares with the reviewed golden file; with -Dgolden.update=true rewrites it instead. The test's
     * temporary folder (in the origin of curated enrollments) is written as {@code $DIR}.
     */
    void golden(String name, JsonNode answer) throws Exception {
        JsonNode actual = JSON.readTree(JSON.writeValueAsString(answer).replace(dir.toString(), "$DIR"));
        String file = "/dev/tributary/web/golden/" + name + ".json";
        if (Boolean.getBoolean("golden.update")) {
            Path src = Path.of("src/test/resources" + file);
            Files.writeString(src, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(actual) + "\n");
            return;
        }
        try (InputStream in = ApiTest.class.getResourceAsStream(file)) {
            assertNotNull(in, "no golden file " + file);
            assertEquals(JSON.readTree(in), actual, name);
        }
    }

    @Test
    void the_release_report_matches_the_hand_worked_answer_and_its_golden_file() throws Exception {
        JsonNode r = ok("/api/v1/report?release=two");
        assertEquals(3, r.get("changesets").asLong());
        assertEquals(3, r.get("developers").asLong());
        assertEquals(6, r.get("linesAdded").asLong());
        assertEquals(1, r.get("botChangesets").asLong());
        JsonNode initech = null;
        for (JsonNode o : r.get("byOrganization")) {
            if (o.get("name").asText().equals("Initech")) {
                initech = o;
            }
        }
        assertNotNull(initech);
        assertEquals(2, initech.get("changesets").asLong());
        assertEquals(2, initech.get("developers").asLong());
        golden("report-two", r);
    }

    @Test
    void summary_metrics_organization_and_person_answer_as_their_golden_files() throws Exception {
        JsonNode s = ok("/api/v1/summary?release=two&top=5");
        assertEquals(4, s.get("commits").asLong(), "all non-merge commits, the bot's included");
        assertEquals(1, s.get("botCommits").asLong());
        assertEquals(3, s.get("contributors").asLong());
        assertEquals(2, s.get("organizations").asLong());
        golden("summary-two", s);
        JsonNode m = ok("/api/v1/metrics?release=two&metric=commits,contributors&interval=quarter&by=organization");
        golden("metrics-two-quarterly", m);
        JsonNode whole = ok("/api/v1/metrics?metric=commits&metric=elephant-factor");
        assertEquals(5, whole.get(0).get("value").asLong(), "all history, bots left out: 5 commits");
        JsonNode org = ok("/api/v1/organizations/Initech?release=two&interval=quarter");
        assertEquals(2, org.get("organization").get("changesets").asLong());
        assertEquals(2, org.get("people").size(), "Bob and Cy");
        golden("organization-initech-two", org);
        JsonNode person = ok("/api/v1/people/bob@home.org");
        assertEquals(2, person.get("person").get("commits").asLong(), "both of Bob's commits, under his alias");
        golden("person-bob", person);
        JsonNode byOtherAddress = ok("/api/v1/people/BOB@gmail.com");
        assertEquals(person, byOtherAddress, "any address of the individual finds them");
        assertEquals("widget", ok("/api/v1/repositories").get(0).get("name").asText());
        assertEquals("two", ok("/api/v1/releases").get(0).get("name").asText());
        assertEquals(7, ok("/api/v1/times").get("commitsByWeekdayAndHour").size());
    }

    private static java.util.Map<String, Double> groups(JsonNode points, String metric) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        points.forEach(p -> {
            if (p.get("metric").asText().equals(metric)) {
                out.put(p.get("group").asText(), p.get("value").asDouble());
            }
        });
        return out;
    }

    @Test
    void module_path_and_split_parameters_scope_the_answers_as_the_cli_does() throws Exception {
        // release two: Ann's c (+1), Bob's d (+4), Cy's e (+1); module cd = files c and d
        assertEquals(java.util.Map.of("all", 2.0), groups(ok("/api/v1/metrics?release=two&metric=commits&module=cd"), "commits"));
        assertEquals(java.util.Map.of("all", 5.0), groups(ok("/api/v1/metrics?release=two&metric=lines-added&module=cd"), "lines-added"));
        assertEquals(java.util.Map.of("all", 1.0), groups(ok("/api/v1/metrics?release=two&metric=commits&path=e"), "commits"));
        assertEquals(java.util.Map.of("all", 3.0, "cd", 2.0), groups(ok("/api/v1/metrics?release=two&metric=commits&by=module"), "commits"));
        assertEquals(java.util.Map.of("all", 3.0, "Ann", 1.0, "Other", 2.0),
                groups(ok("/api/v1/metrics?release=two&metric=commits&by=person&top=1"), "commits"), "a tie goes to the name first in order");
        // Initech's investment: Bob's d (after his move on 2012-05-01) and Cy's e; in module cd, 1 of its 2 commits
        JsonNode inv = ok("/api/v1/organizations/Initech?release=two").get("investment");
        assertEquals(2, inv.get("commits").asLong());
        assertEquals(3, inv.get("projectCommits").asLong());
        assertTrue(inv.get("modulesUsed").asBoolean());
        assertEquals("cd", inv.get("areas").get(0).get("name").asText());
        assertEquals(1, inv.get("areas").get(0).get("commits").asLong());
        assertEquals(0.5, inv.get("areas").get(0).get("share").asDouble(), 1e-9);
        for (String[] bad : new String[][] {{"module=nope", "module"}, {"path=/abs", "path"}, {"by=team", "by"},
                {"by=module&module=cd", "by"}, {"merges=maybe", "merges"}}) {
            HttpResponse<String> r = get("/api/v1/metrics?release=two&" + bad[0]);
            assertEquals(400, r.statusCode(), bad[0] + ": " + r.body());
            assertEquals(bad[1], JSON.readTree(r.body()).get("parameter").asText(), r.body());
        }
    }

    @Test
    void a_bad_parameter_is_a_400_naming_it() throws Exception {
        Map<String, String> cases = Map.of(
                "/api/v1/summary?since=2012-13-01", "since",
                "/api/v1/summary?since=2012-02-01&until=2012-01-01", "until",
                "/api/v1/report?top=-1", "top",
                "/api/v1/report?top=many", "top",
                "/api/v1/metrics?interval=decade", "interval",
                "/api/v1/metrics?metric=happiness", "metric",
                "/api/v1/metrics?by=team", "by",
                "/api/v1/summary?colour=blue", "colour",
                "/api/v1/summary?repository=nope", "repository",
                "/api/v1/summary?bots=maybe", "bots");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = get(c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + ": " + r.body());
            JsonNode e = JSON.readTree(r.body());
            assertEquals(c.getValue(), e.get("parameter").asText(), c.getKey());
            assertTrue(e.get("error").asText().startsWith(c.getValue() + ": "), e.toString());
        }
        HttpResponse<String> twice = get("/api/v1/summary?since=2012-01-01&since=2012-02-01");
        assertEquals(400, twice.statusCode());
    }

    @Test
    void unknown_ids_are_404_with_a_json_error() throws Exception {
        for (String path : List.of("/api/v1/people/nobody@example.com", "/api/v1/organizations/Nowhere?release=two",
                "/api/v1/summary?release=three", "/api/v1/no-such-thing")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(JSON.readTree(r.body()).get("error").asText().length() > 0, r.body());
        }
    }

    @Test
    void every_response_has_the_security_headers_and_static_files_come_from_a_fixed_list() throws Exception {
        for (String path : List.of("/", "/person?id=x", "/api/v1/summary", "/static/dashboard.js", "/api/v1/nope")) {
            HttpResponse<String> r = get(path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe"), path + ": " + csp);
            assertFalse(r.headers().firstValue("Server").isPresent(), "no server version");
        }
        assertEquals("text/javascript; charset=utf-8", get("/static/echarts.min.js").headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, get("/static/dashboard.html.bak").statusCode());
        // traversal, raw (not normalized by the client) and encoded
        for (String raw : List.of("/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
                "/static/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd")) {
            String answer = rawGet(raw);
            assertFalse(answer.startsWith("HTTP/1.1 200"), raw + " -> " + answer);
            assertFalse(answer.contains("root:"), raw);
        }
    }

    String rawGet(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void fifty_concurrent_clients_get_the_answers_one_client_gets() throws Exception {
        List<String> paths = List.of("/api/v1/summary?release=two", "/api/v1/report?release=two",
                "/api/v1/metrics?interval=month&by=organization", "/api/v1/organizations?bots=true",
                "/api/v1/summary?since=2012-01-01", "/api/v1/report?bots=true&until=2012-07-01");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String[]>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                // half the requests repeat a few answers (cached after the first), half ask for distinct ones
                String p = paths.get(i % paths.size()) + (i < 200 ? "" : "&top=" + (i % 13 + 1));
                answers.add(pool.submit(() -> {
                    HttpResponse<String> r = get(p);
                    return new String[] {p, Integer.toString(r.statusCode()), r.body()};
                }));
            }
            for (Future<String[]> f : answers) {
                String[] a = f.get();
                assertEquals("200", a[1], a[0] + ": " + a[2]);
            }
            server.close();
            server = WebServer.start(new WebServer.Options(store, project, "127.0.0.1", 0, null)); // nothing cached
            for (Future<String[]> f : answers) {
                String[] a = f.get();
                if (a[1].equals("200")) {
                    assertEquals(JSON.readTree(get(a[0]).body()), JSON.readTree(a[2]), a[0]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void edits_need_the_admin_token_are_audit_logged_and_change_the_next_answer() throws Exception {
        String enroll = "{\"person\": \"cy@initech.com\", \"organization\": \"Independent\", \"from\": \"2012-01-01\"}";
        assertEquals(401, post("/api/v1/admin/enroll", enroll, null).statusCode());
        assertEquals(401, post("/api/v1/admin/enroll", enroll, "wrong-token-0123456789").statusCode());
        assertEquals(2, ok("/api/v1/organizations/Initech?release=two").get("organization").get("changesets").asLong());
        HttpResponse<String> bad = post("/api/v1/admin/enroll", "{\"person\": \"cy@initech.com\", \"organization\": \"X\", \"from\": \"soon\"}", TOKEN);
        assertEquals(400, bad.statusCode());
        assertEquals("from", JSON.readTree(bad.body()).get("parameter").asText());
        assertEquals(404, post("/api/v1/admin/enroll", "{\"person\": \"zed@nowhere.org\", \"organization\": \"X\"}", TOKEN).statusCode());
        HttpResponse<String> done = post("/api/v1/admin/enroll", enroll, TOKEN);
        assertEquals(201, done.statusCode(), done.body());
        assertEquals(1, ok("/api/v1/organizations/Initech?release=two").get("organization").get("changesets").asLong(),
                "Cy is Independent now: only Bob left at Initech");
        HttpResponse<String> merged = post("/api/v1/admin/merge", "{\"into\": \"bob@gmail.com\", \"other\": \"cy@initech.com\"}", TOKEN);
        assertEquals(201, merged.statusCode(), merged.body());
        assertEquals(2, ok("/api/v1/report?release=two").get("developers").asLong(), "Ann, and Bob who is also Cy");
        List<String> log = new ArrayList<>();
        store.curation().operations().forEach(o -> log.add(o.origin() + " | " + o.describe()));
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("tributary serve: POST /api/v1/admin/enroll from 127.0.0.1 | enroll cy@initech.com in Independent from 2012-01-01"), log.get(0));
    }

    @Test
    void undo_of_one_operation_of_a_group_undoes_the_group_as_the_cli_does_and_refusals_log_nothing() throws Exception {
        // an `identities apply`: Bob and Cy, both Initech in release two, enrolled Independent as one group
        List<dev.tributary.model.Operation> group = store.curation().logGroup("test", List.of(
                new dev.tributary.store.Curation.Step(dev.tributary.model.Operation.Kind.ENROLL, List.of("bob@gmail.com", "Independent", "2012-01-01", "")),
                new dev.tributary.store.Curation.Step(dev.tributary.model.Operation.Kind.ENROLL, List.of("cy@initech.com", "Independent", "2012-01-01", ""))));
        dev.tributary.pipeline.Resolve.run(store);
        long second = group.get(1).id();
        assertEquals(404, post("/api/v1/admin/undo", "{\"id\": 999}", TOKEN).statusCode());
        HttpResponse<String> notNumber = post("/api/v1/admin/undo", "{\"id\": \"x\"}", TOKEN);
        assertEquals(400, notNumber.statusCode());
        assertEquals("id", JSON.readTree(notNumber.body()).get("parameter").asText());
        assertEquals(400, post("/api/v1/admin/undo", "{\"id\": " + (group.get(0).id() + 0.5) + "}", TOKEN).statusCode(),
                "not an operation number, though it converts to one");
        assertEquals(2, store.curation().operations().size(), "a refused undo logs nothing");

        HttpResponse<String> undone = post("/api/v1/admin/undo", "{\"id\": " + second + "}", TOKEN);
        assertEquals(201, undone.statusCode(), undone.body());
        assertEquals(2, ok("/api/v1/organizations/Initech?release=two").get("organization").get("changesets").asLong(),
                "both enrollments undone: Bob and Cy are Initech again");
        assertEquals(4, store.curation().operations().size(), "one undo per member of the group");
        HttpResponse<String> again = post("/api/v1/admin/undo", "{\"id\": " + second + "}", TOKEN);
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("already undone"), again.body());
        assertEquals(4, store.curation().operations().size());
    }

    @Test
    void a_server_without_a_token_is_read_only() throws Exception {
        server.close();
        server = WebServer.start(new WebServer.Options(store, null, "127.0.0.1", 0, null));
        HttpResponse<String> r = post("/api/v1/admin/enroll", "{\"person\": \"cy@initech.com\", \"organization\": \"X\"}", TOKEN);
        assertEquals(403, r.statusCode());
        assertTrue(store.curation().operations().isEmpty());
    }
}
