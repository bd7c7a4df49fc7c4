package dev.tributary.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.TributaryException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HttpTest {
    private static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");
    private static final String SECRET = "ghp_s3cr3tT0ken";

    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private Http http(RawArchive archive) {
        return http(archive, Duration.ofSeconds(30));
    }

    /** Generous timeouts (a loaded CI machine is slow), except where a test wants one to expire. */
    private Http http(RawArchive archive, Duration requestTimeout) {
        Http.Options o = Http.Options.live(Optional.of(Token.bearer(SECRET, "$GITHUB_TOKEN")), archive)
                .withTimeouts(Duration.ofSeconds(30), requestTimeout);
        return new Http(o, (d, why) -> {
            waits.add(d);
            reasons.add(why);
        }, () -> NOW);
    }

    @Test
    void sends_the_token_as_a_bearer_header_and_never_archives_it() throws IOException {
        server.stubFor(get("/repos/o/r/pulls").willReturn(okJson("[{\"number\":1}]")));
        RawArchive archive = new RawArchive(dir);
        http(archive).getJson("github/o/r", uri("/repos/o/r/pulls"));
        server.verify(getRequestedFor(urlEqualTo("/repos/o/r/pulls")).withHeader("Authorization", equalTo("Bearer " + SECRET)));
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                String text = f.toString().endsWith(".gz")
                        ? new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes(), StandardCharsets.UTF_8)
                        : new String(b, StandardCharsets.UTF_8);
                assertFalse(text.contains(SECRET), f + " holds the token");
            }
        }
        assertFalse(Token.bearer(SECRET, "x").toString().contains(SECRET));
    }

    @Test
    void follows_link_headers_and_replays_the_same_pages_offline() {
        server.stubFor(get("/items?per_page=2").willReturn(okJson("[1,2]")
                .withHeader("Link", "<" + server.baseUrl() + "/items?per_page=2&page=2>; rel=\"next\", <"
                        + server.baseUrl() + "/items?per_page=2&page=2>; rel=\"last\"")));
        server.stubFor(get("/items?per_page=2&page=2").willReturn(okJson("[3]")
                .withHeader("Link", "<" + server.baseUrl() + "/items?per_page=2&page=1>; rel=\"first\"")));
        RawArchive archive = new RawArchive(dir);
        List<Integer> live = new ArrayList<>();
        Http h = http(archive);
        for (Http.Page p : h.pages("c", uri("/items?per_page=2"), Pagination.linkHeader())) {
            p.body().forEach(n -> live.add(n.asInt()));
        }
        assertEquals(List.of(1, 2, 3), live);
        assertEquals(2, h.stats().requests());

        URI first = uri("/items?per_page=2");
        URI other = uri("/other");
        server.stop();
        Http offline = new Http(Http.Options.replay(new RawArchive(dir)), (d, w) -> { });
        List<Integer> replayed = new ArrayList<>();
        for (Http.Page p : offline.pages("c", first, Pagination.linkHeader())) {
            p.body().forEach(n -> replayed.add(n.asInt()));
            assertTrue(p.response().replayed());
        }
        assertEquals(live, replayed);
        assertEquals(2, offline.stats().replayed());
        HttpFailure missing = assertThrows(HttpFailure.class, () -> offline.get("c", other));
        assertTrue(missing.getMessage().contains("not in the raw archive"), missing.getMessage());
    }

    @Test
    void pages_gerrit_changes_with_S_and_more_changes_after_the_xssi_prefix() {
        server.stubFor(get("/changes/?q=project:p&n=2").willReturn(ok(")]}'\n[{\"_number\":1},{\"_number\":2,\"_more_changes\":true}]")));
        server.stubFor(get("/changes/?q=project:p&n=2&S=2").willReturn(ok(")]}'\n[{\"_number\":3}]")));
        List<Integer> numbers = new ArrayList<>();
        for (Http.Page p : http(null).pages("g", uri("/changes/?q=project:p&n=2"), Pagination.gerrit())) {
            p.body().forEach(n -> numbers.add(n.get("_number").asInt()));
        }
        assertEquals(List.of(1, 2, 3), numbers);
    }

    @Test
    void a_refused_token_is_bad_input_naming_where_it_came_from_but_not_its_value() {
        server.stubFor(get("/user").willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        HttpFailure.BadCredentials e = assertThrows(HttpFailure.BadCredentials.class, () -> http(null).get("c", uri("/user")));
        assertTrue(e.getMessage().contains("$GITHUB_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad credentials"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals(3, e.exitCode());
    }

    @Test
    void a_used_up_rate_limit_waits_until_its_reset_then_resumes() {
        long reset = NOW.getEpochSecond() + 120;
        server.stubFor(get("/rl").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset))
                        .withBody("{\"message\":\"API rate limit exceeded\"}"))
                .willSetStateTo("reset"));
        server.stubFor(get("/rl").inScenario("rl").whenScenarioStateIs("reset").willReturn(okJson("{\"ok\":true}")));
        Http h = http(null);
        assertTrue(h.getJson("c", uri("/rl")).body().get("ok").asBoolean());
        assertEquals(List.of(Duration.ofSeconds(121)), waits);
        assertTrue(reasons.get(0).contains("rate limit"), reasons.get(0));
        assertEquals(1, h.stats().waits());
        assertEquals(2, h.stats().requests());
    }

    @Test
    void a_secondary_limit_honours_retry_after() {
        server.stubFor(get("/s").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Retry-After", "30")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"))
                .willSetStateTo("after"));
        server.stubFor(get("/s").inScenario("s").whenScenarioStateIs("after").willReturn(okJson("[]")));
        http(null).getJson("c", uri("/s"));
        assertEquals(List.of(Duration.ofSeconds(30)), waits);
    }

    @Test
    void a_reset_later_than_the_run_waits_fails_clearly_and_archives_nothing() throws IOException {
        long reset = NOW.getEpochSecond() + 7200;
        server.stubFor(get("/far").willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset))));
        RawArchive archive = new RawArchive(dir);
        HttpFailure e = assertThrows(HttpFailure.class, () -> http(archive).getJson("c", uri("/far")));
        assertTrue(e.getMessage().contains("resets at 2026-12-01T23:00:01Z"), e.getMessage());
        assertTrue(e.getMessage().contains("resumes"), e.getMessage());
        assertEquals(5, e.exitCode());
        assertTrue(archive.entries("c").isEmpty());
    }

    @Test
    void the_last_request_of_a_window_makes_the_next_one_wait() {
        long reset = NOW.getEpochSecond() + 60;
        server.stubFor(get("/a").willReturn(okJson("[]").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset))));
        server.stubFor(get("/b").willReturn(okJson("[]")));
        Http h = http(null);
        h.getJson("c", uri("/a"));
        assertTrue(waits.isEmpty());
        h.getJson("c", uri("/b"));
        assertEquals(List.of(Duration.ofSeconds(61)), waits);
    }

    @Test
    void not_found_is_an_answer_for_the_caller_to_judge() {
        server.stubFor(get("/gone").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        Http.Page p = http(null).getJson("c", uri("/gone"));
        assertTrue(p.response().notFound());
        assertEquals(null, p.body());
    }

    @Test
    void a_server_error_is_retried_with_backoff_then_succeeds() {
        server.stubFor(get("/flaky").inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        server.stubFor(get("/flaky").inScenario("f").whenScenarioStateIs("up").willReturn(okJson("[1]")));
        Http h = http(null);
        assertEquals(1, h.getJson("c", uri("/flaky")).body().get(0).asInt());
        assertEquals(1, h.stats().retries());
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void a_persistent_server_error_fails_after_the_attempts_naming_the_status() {
        server.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
        HttpFailure e = assertThrows(HttpFailure.class, () -> http(null).getJson("c", uri("/down")));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("4 attempts"), e.getMessage());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
    }

    @Test
    void a_timeout_is_retried_then_reported() {
        server.stubFor(get("/slow").willReturn(okJson("[]").withFixedDelay(3000)));
        HttpFailure e = assertThrows(HttpFailure.class, () -> http(null, Duration.ofMillis(300)).getJson("c", uri("/slow")));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(0, e.status());
    }

    @Test
    void a_dropped_connection_is_retried() {
        server.stubFor(get("/reset").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(get("/reset").inScenario("r").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        Http h = http(null);
        h.getJson("c", uri("/reset"));
        assertEquals(1, h.stats().retries());
    }

    @Test
    void truncated_json_is_retried_then_reported_with_its_uri_and_never_archived() {
        server.stubFor(get("/cut").willReturn(okJson("[{\"number\":1},{\"numb")));
        RawArchive archive = new RawArchive(dir);
        HttpFailure e = assertThrows(HttpFailure.class, () -> http(archive).getJson("c", uri("/cut")));
        assertTrue(e.getMessage().contains("truncated or malformed JSON from " + server.baseUrl() + "/cut"), e.getMessage());
        assertTrue(archive.entries("c").isEmpty());
    }

    @Test
    void a_forbidden_answer_that_is_no_rate_limit_fails_at_once_with_the_service_message() {
        server.stubFor(get("/private").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        HttpFailure e = assertThrows(HttpFailure.class, () -> http(null).get("c", uri("/private")));
        assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("not accessible"), e.getMessage());
        assertTrue(waits.isEmpty());
    }

    @Test
    void gzip_answers_are_decoded() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write("[42]".getBytes(StandardCharsets.UTF_8));
        }
        server.stubFor(get(urlPathEqualTo("/gz")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Encoding", "gzip").withBody(bytes.toByteArray())));
        assertEquals(42, http(null).getJson("c", uri("/gz")).body().get(0).asInt());
    }

    @Test
    void token_comes_from_the_file_before_the_environment() throws IOException {
        Path f = dir.resolve("token");
        Files.writeString(f, "from-file\n");
        assertEquals("Bearer from-file", Token.find(f, Map.of("GITHUB_TOKEN", "env"), "GITHUB_TOKEN").orElseThrow().header());
        assertEquals("Bearer env", Token.find(null, Map.of("GITHUB_TOKEN", " env\n"), "GITHUB_TOKEN").orElseThrow().header());
        assertTrue(Token.find(null, Map.of(), "GITHUB_TOKEN").isEmpty());
        Files.writeString(f, "");
        assertThrows(TributaryException.InvalidInput.class, () -> Token.fromFile(f));
    }
}
