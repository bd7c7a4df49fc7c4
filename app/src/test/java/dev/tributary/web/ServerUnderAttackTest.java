package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as an attacker on the network or in a browser would use it, over raw sockets (no client repairs the request). */
class ServerUnderAttackTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Store store;
    WebServer server;

    WebServer start(List<String> hosts, Boolean hide) throws Exception {
        Widgets w = Widgets.create(dir);
        store = Store.open(w.db);
        server = WebServer.start(new WebServer.Options(store, Project.load(w.project), "127.0.0.1", 0, null, hosts, hide));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** One raw request; the whole answer, headers and body. */
    String raw(String requestLineAndHeaders) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write((requestLineAndHeaders + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String get(String path, String host) throws Exception {
        return raw("GET " + path + " HTTP/1.1\r\nHost: " + host);
    }

    static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    static JsonNode body(String answer) throws Exception {
        return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void only_ip_literals_localhost_and_allowed_names_are_answered_so_dns_rebinding_gets_nothing() throws Exception {
        start(List.of("dash.example.org"), null);
        String port = ":" + server.port();
        assertEquals(421, status(get("/api/v1/summary", "rebind.attacker.example" + port)));
        assertTrue(body(get("/api/v1/summary", "rebind.attacker.example")).get("error").asText().contains("--allow-host"));
        assertEquals(421, status(get("/", "evil.example")), "pages too");
        for (String ok : List.of("127.0.0.1" + port, "localhost" + port, "LOCALHOST", "[::1]" + port, "dash.example.org", "10.0.0.7")) {
            assertEquals(200, status(get("/api/v1/summary", ok)), ok);
        }
    }

    @Test
    void a_long_query_is_a_414_and_a_malformed_percent_encoding_a_400() throws Exception {
        start(List.of(), null);
        String answer = get("/api/v1/summary?top=1&" + "x".repeat(WebServer.MAX_QUERY), "localhost");
        assertEquals(414, status(answer), answer);
        assertTrue(answer.contains("X-Content-Type-Options: nosniff"));
        for (String q : List.of("match=%zz%", "match=%", "match=%4", "match=%ff%fe")) {
            answer = get("/api/v1/people?" + q, "localhost");
            assertEquals(400, status(answer), q + ": " + answer);
        }
    }

    @Test
    void the_answer_cache_is_bounded_by_answers_as_well_as_bytes() throws Exception {
        start(List.of(), null);
        server.api().maxCachedAnswers = 64;
        for (int top = 0; top < 200; top++) {
            assertEquals(200, status(get("/api/v1/summary?top=" + top, "localhost")));
            assertTrue(server.api().cachedAnswers() <= 65, "at most the bound (+ the one being added): " + server.api().cachedAnswers());
        }
    }

    @Test
    void every_500_is_logged_with_its_cause_and_the_client_gets_no_stack() throws Exception {
        start(List.of(), null);
        try (var st = store.connection().createStatement()) {
            st.execute("DROP TABLE contribution_people"); // a store broken behind the server's back
        }
        PrintStream saved = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        String answer;
        try {
            answer = get("/api/v1/summary?top=3", "localhost");
        } finally {
            System.setErr(saved);
        }
        assertEquals(500, status(answer), answer);
        assertFalse(answer.contains("at dev.tributary"), "no stack to the client");
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("500 on GET /api/v1/summary?top=3"), logged);
        assertTrue(logged.contains("contribution_people"), "the cause is in the log: " + logged);
    }

    @Test
    void jettys_own_rejections_carry_the_security_headers() throws Exception {
        start(List.of(), null);
        for (String request : List.of("GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost",
                "GET /a%00b HTTP/1.1\r\nHost: localhost", "GET /%ff%fe HTTP/1.1\r\nHost: localhost",
                "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost",
                "POST /api/v1/admin/enroll HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked")) {
            String answer = raw(request);
            assertTrue(status(answer) >= 400, answer);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
            assertTrue(head.contains("X-Content-Type-Options: nosniff"), request.substring(0, Math.min(40, request.length())) + " -> " + answer);
            assertTrue(head.contains("Content-Security-Policy: default-src 'none'"), head);
            assertTrue(head.contains("X-Frame-Options: DENY"), head);
        }
    }

    @Test
    void hidden_emails_leave_no_address_in_answers_and_people_by_address_reveals_nothing() throws Exception {
        start(List.of(), true);
        String people = get("/api/v1/people?limit=100", "localhost");
        assertEquals(200, status(people), people);
        JsonNode list = body(people);
        assertTrue(list.size() > 0);
        String text = list.toString();
        assertFalse(text.matches("(?s).*[A-Za-z0-9]@.*"), "no local part before an @: " + text);
        String someone = list.get(0).get("individual").asText();
        assertTrue(someone.contains("~"), someone);
        JsonNode person = body(get("/api/v1/people/" + java.net.URLEncoder.encode(someone, StandardCharsets.UTF_8), "localhost"));
        assertEquals(someone, person.get("person").get("individual").asText(), "a pseudonym this server gave is answered");
        String report = get("/api/v1/report?top=50", "localhost");
        assertFalse(body(report).toString().matches("(?s).*[A-Za-z0-9]@.*"), report);
        // an existing and a missing address give the same answer
        String exists = get("/api/v1/people/ann%40acme.com", "localhost");
        String missing = get("/api/v1/people/nobody%40nowhere.example", "localhost");
        assertEquals(404, status(exists));
        assertEquals(404, status(missing));
        assertEquals(body(exists).get("error").asText().replace("ann@acme.com", "X"),
                body(missing).get("error").asText().replace("nobody@nowhere.example", "X"));
        assertEquals("[]", body(get("/api/v1/people?match=acme.com", "localhost")).toString(), "match names only");
    }

    @Test
    void emails_are_hidden_by_default_off_loopback_and_a_blank_admin_token_is_refused() {
        assertTrue(new WebServer.Options(null, null, "0.0.0.0", 0, null).emailsHidden());
        assertTrue(new WebServer.Options(null, null, "192.0.2.1", 0, null).emailsHidden());
        assertFalse(new WebServer.Options(null, null, "127.0.0.1", 0, null).emailsHidden());
        assertFalse(new WebServer.Options(null, null, "::1", 0, null).emailsHidden());
        assertFalse(new WebServer.Options(null, null, "0.0.0.0", 0, null, List.of(), false).emailsHidden());
        String m = assertThrows(TributaryException.InvalidInput.class,
                () -> new WebServer.Options(null, null, "127.0.0.1", 0, " ".repeat(20))).getMessage();
        assertTrue(m.contains("blank"), m);
    }
}
