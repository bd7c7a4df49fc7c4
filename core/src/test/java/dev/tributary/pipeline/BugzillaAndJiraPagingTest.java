package dev.tributary.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.HttpFailure;
import dev.tributary.source.http.LoopbackServer;
import dev.tributary.source.http.RawArchive;
import dev.tributary.source.http.Token;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bugzilla's API key header and Jira's changelog paging, against answers on loopback (WireMock) in the services' own
 * shapes: Bugzilla 5 REST as Perceval records it in tests/data/bugzilla ({@code bugzilla_rest_bugs.json}: {@code
 * {"bugs": [...], "faults": []}}; comments keyed by bug id; history as a list of bugs), Jira's REST v2 search page with
 * an embedded {@code changelog} ({@code startAt}, {@code maxResults}, {@code total}, {@code histories}) and its {@code
 * /issue/KEY/changelog} pages ({@code values}, {@code isLast}). Every failure: a clear message, nothing lost, a rerun
 * resumes.
 */
class BugzillaAndJiraPagingTest {
    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private static final String KEY = "k3y-Secret-0123";
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    final List<Duration> waits = new ArrayList<>();

    Http http(RawArchive archive, TrackerKind kind, Optional<Token> token, Duration timeout) {
        return new Http(Http.Options.live(kind.credential(token), archive).withTimeouts(Duration.ofSeconds(5), timeout),
                (d, why) -> waits.add(d), () -> NOW);
    }

    static final String BUGS = "{\"bugs\":[{\"alias\":null,\"assigned_to\":\"dev@example.org\",\"cc\":[],\"classification\":\"Community\","
            + "\"component\":\"core\",\"creation_time\":\"2016-05-17T09:00:00Z\",\"creator\":\"ivy@redhat.com\","
            + "\"creator_detail\":{\"email\":\"ivy@redhat.com\",\"id\":1,\"name\":\"ivy@redhat.com\",\"real_name\":\"Ivy I\"},"
            + "\"id\":1200,\"is_open\":false,\"keywords\":[\"Triaged\"],\"last_change_time\":\"2016-05-27T09:00:00Z\","
            + "\"product\":\"GlusterFS\",\"resolution\":\"CURRENTRELEASE\",\"status\":\"CLOSED\",\"summary\":\"brick crash\","
            + "\"target_milestone\":\"---\"}],\"faults\":[]}";
    static final String COMMENTS = "{\"bugs\":{\"1200\":{\"comments\":[{\"attachment_id\":null,\"bug_id\":1200,\"count\":0,"
            + "\"creation_time\":\"2016-05-17T09:00:00Z\",\"creator\":\"ivy@redhat.com\",\"id\":10,\"is_private\":false,\"tags\":[],"
            + "\"text\":\"description\",\"time\":\"2016-05-17T09:00:00Z\"},{\"attachment_id\":null,\"bug_id\":1200,\"count\":1,"
            + "\"creation_time\":\"2016-05-17T15:00:00Z\",\"creator\":\"jon@gluster.org\",\"id\":11,\"is_private\":false,\"tags\":[],"
            + "\"text\":\"REVIEW: posted\",\"time\":\"2016-05-17T15:00:00Z\"}]}},\"comments\":{}}";
    static final String HISTORY = "{\"bugs\":[{\"alias\":null,\"history\":[{\"changes\":[{\"added\":\"CLOSED\",\"field_name\":\"status\","
            + "\"removed\":\"NEW\"}],\"when\":\"2016-05-27T09:00:00Z\",\"who\":\"kim@redhat.com\"}],\"id\":1200}]}";

    /** Every Bugzilla answer needs the key in X-BUGZILLA-API-KEY and no Authorization header; anything else is a 401. */
    void stubBugzilla() {
        server.stubFor(get(WireMock.anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":410,\"documentation\":\"https://bugzilla.readthedocs.org/en/latest/api/\",\"error\":true,"
                        + "\"message\":\"You must log in before using this part of Bugzilla.\"}")));
        for (String[] s : new String[][] {{"/rest/bug", BUGS}, {"/rest/bug/1200/comment", COMMENTS}, {"/rest/bug/1200/history", HISTORY}}) {
            server.stubFor(get(urlPathEqualTo(s[0])).atPriority(5).withHeader("X-BUGZILLA-API-KEY", equalTo(KEY))
                    .withHeader("Authorization", absent()).willReturn(okJson(s[1])));
        }
    }

    CollectTracker.Target bugzilla() {
        return new CollectTracker.Target(TrackerKind.BUGZILLA, URI.create(server.baseUrl()), "GlusterFS");
    }

    static String archived(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
                    all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return all.toString();
    }

    @Test
    void bugzilla_gets_its_api_key_in_its_own_header_and_the_key_is_nowhere_in_the_archive() throws Exception {
        stubBugzilla();
        Path raw = dir.resolve("raw");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, http(new RawArchive(raw), TrackerKind.BUGZILLA,
                    Optional.of(Token.bearer(KEY, "$BUGZILLA_TOKEN")), Duration.ofSeconds(10)), "gluster", bugzilla(), Progress.NONE);
            assertEquals(1, r.issues());
            assertEquals(1, r.comments(), "comment 0 is the description");
            assertEquals("1200|closed|ivy@redhat.com|1464339600\n", CollectMailTest.query(store,
                    "SELECT key, state, reporter, closed FROM issues"));
            assertEquals("1200|11|jon@gluster.org\n", CollectMailTest.query(store, "SELECT key, comment_id, author FROM issue_comments"));
        }
        String archive = archived(raw);
        assertTrue(archive.contains("brick crash"), "the answers are archived");
        assertFalse(archive.contains(KEY), "the key is not");
    }

    @Test
    void a_refused_bugzilla_key_says_where_it_came_from_never_the_key_and_stores_nothing() throws Exception {
        stubBugzilla();
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            HttpFailure.BadCredentials e = assertThrows(HttpFailure.BadCredentials.class, () -> CollectTracker.run(store,
                    http(null, TrackerKind.BUGZILLA, Optional.of(Token.bearer("wrong-key", "$BUGZILLA_TOKEN")), Duration.ofSeconds(10)),
                    "gluster", bugzilla(), Progress.NONE));
            assertTrue(e.getMessage().contains("$BUGZILLA_TOKEN") && e.getMessage().contains("You must log in"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-key"));
            assertEquals(3, e.exitCode());
            assertEquals("0\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"));
        }
    }

    @Test
    void bugzilla_rate_limits_server_errors_and_timeouts_are_waited_out_and_retried() throws Exception {
        stubBugzilla();
        server.stubFor(get(urlPathEqualTo("/rest/bug/1200/comment")).atPriority(1).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("{}")).willSetStateTo("503"));
        server.stubFor(get(urlPathEqualTo("/rest/bug/1200/comment")).atPriority(1).inScenario("c").whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("slow"));
        server.stubFor(get(urlPathEqualTo("/rest/bug/1200/comment")).atPriority(1).inScenario("c").whenScenarioStateIs("slow")
                .willReturn(okJson(COMMENTS).withFixedDelay(4000)).willSetStateTo("fine"));
        server.stubFor(get(urlPathEqualTo("/rest/bug/1200/comment")).atPriority(1).inScenario("c").whenScenarioStateIs("fine")
                .willReturn(okJson(COMMENTS)));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, http(null, TrackerKind.BUGZILLA, Optional.of(Token.bearer(KEY, "key file")),
                    Duration.ofSeconds(2)), "gluster", bugzilla(), Progress.NONE);
            assertEquals(1, r.issues());
            assertEquals(1, r.comments());
            assertEquals(Duration.ofSeconds(30), waits.get(0), "the Retry-After of the 429");
            assertEquals(3, waits.size(), "then one wait after the 503 and one after the timeout");
        }
    }

    @Test
    void a_truncated_bugzilla_answer_fails_naming_it_and_the_rerun_stores_the_bug() throws Exception {
        stubBugzilla();
        server.stubFor(get(urlPathEqualTo("/rest/bug/1200/history")).atPriority(1).willReturn(okJson(HISTORY.substring(0, 40))));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            Http h = http(null, TrackerKind.BUGZILLA, Optional.of(Token.bearer(KEY, "key file")), Duration.ofSeconds(10));
            HttpFailure e = assertThrows(HttpFailure.class, () -> CollectTracker.run(store, h, "gluster", bugzilla(), Progress.NONE));
            assertTrue(e.getMessage().contains("/rest/bug/1200/history") && e.getMessage().contains("truncated or malformed JSON"),
                    e.getMessage());
            assertEquals("0\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"), "no half bug");
            server.resetAll();
            stubBugzilla();
            CollectTracker.Result r = CollectTracker.run(store, http(null, TrackerKind.BUGZILLA, Optional.of(Token.bearer(KEY, "key file")),
                    Duration.ofSeconds(10)), "gluster", bugzilla(), Progress.NONE);
            assertEquals(1, r.issues());
            assertEquals("1\n", CollectMailTest.query(store, "SELECT count(*) FROM issue_events"));
        }
    }

    static String history(int id, String created, String from, String to, String who) {
        return "{\"id\":\"" + id + "\",\"author\":{\"name\":\"" + who + "\",\"displayName\":\"" + who + "\"},\"created\":\"" + created
                + "\",\"items\":[{\"field\":\"status\",\"fieldtype\":\"jira\",\"from\":\"1\",\"fromString\":\"" + from + "\",\"to\":\"6\","
                + "\"toString\":\"" + to + "\"}]}";
    }

    static final String H1 = history(1, "2011-02-23T05:00:00.000+0000", "Open", "In Progress", "ben");
    static final String H2 = history(2, "2011-02-24T05:00:00.000+0000", "In Progress", "Patch Available", "ben");
    static final String H3 = history(3, "2011-02-25T02:00:00.000+0000", "Patch Available", "Closed", "cy");

    /** ZK-1: closed (no resolution date), three status moves of which the search embeds only the first. */
    static String issue(String key, String changelog) {
        return "{\"expand\":\"operations,changelog\",\"id\":\"1\",\"self\":\"x\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"s\","
                + "\"created\":\"2011-02-23T02:00:00.000+0000\",\"updated\":\"2011-02-26T02:00:00.000+0000\","
                + "\"status\":{\"name\":\"Closed\",\"statusCategory\":{\"key\":\"done\"}},\"reporter\":{\"name\":\"ann\"},"
                + "\"comment\":{\"startAt\":0,\"maxResults\":0,\"total\":0,\"comments\":[]}},\"changelog\":" + changelog + "}";
    }

    void stubSearch(String... issues) {
        // the server caps maxResults at 1, whatever is asked: paged by startAt to total all the same
        for (int i = 0; i <= issues.length; i++) {
            server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", equalTo(Integer.toString(i)))
                    .willReturn(okJson("{\"expand\":\"names,schema\",\"startAt\":" + i + ",\"maxResults\":1,\"total\":" + issues.length
                            + ",\"issues\":[" + (i < issues.length ? issues[i] : "") + "]}")));
        }
    }

    CollectTracker.Target jira() {
        return new CollectTracker.Target(TrackerKind.JIRA, URI.create(server.baseUrl()), "ZK");
    }

    Http jiraHttp() {
        return http(null, TrackerKind.JIRA, Optional.of(Token.bearer("pat", "$JIRA_TOKEN")), Duration.ofSeconds(10));
    }

    @Test
    void jira_reads_the_changelog_the_search_cut_short_page_by_page_and_every_search_page_to_the_total() throws Exception {
        stubSearch(issue("ZK-1", "{\"startAt\":0,\"maxResults\":1,\"total\":3,\"histories\":[" + H1 + "]}"),
                issue("ZK-2", "{\"startAt\":0,\"maxResults\":1,\"total\":1,\"histories\":[" + H3.replace("\"cy\"", "\"dee\"") + "]}"));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/changelog")).withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson("{\"self\":\"x\",\"maxResults\":2,\"startAt\":0,\"total\":3,\"isLast\":false,\"values\":[" + H1 + "," + H2 + "]}")));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/changelog")).withQueryParam("startAt", equalTo("2"))
                .willReturn(okJson("{\"self\":\"x\",\"maxResults\":2,\"startAt\":2,\"total\":3,\"isLast\":true,\"values\":[" + H3 + "]}")));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, jiraHttp(), "ZK", jira(), Progress.NONE);
            assertEquals(2, r.issues(), "both search pages, though the server answers one issue a page");
            assertEquals("ZK-1|In Progress|ben\nZK-1|Patch Available|ben\nZK-1|Closed|cy\n", CollectMailTest.query(store,
                    "SELECT key, to_value, actor FROM issue_events WHERE key = 'ZK-1' ORDER BY ts"));
            assertEquals("ZK-1|1298599200\n", CollectMailTest.query(store, "SELECT key, closed FROM issues WHERE key = 'ZK-1'"),
                    "closed at the last move into Closed, which only the second changelog page holds");
            assertEquals(0, server.findAll(WireMock.getRequestedFor(urlPathEqualTo("/rest/api/2/issue/ZK-2/changelog"))).size(),
                    "a whole embedded changelog costs no request");
        }
    }

    @Test
    void a_jira_without_the_changelog_endpoint_is_read_through_the_expanded_issue() throws Exception {
        stubSearch(issue("ZK-1", "{\"startAt\":0,\"maxResults\":1,\"total\":3,\"histories\":[" + H1 + "]}"));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/changelog")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errorMessages\":[\"null for uri\"],\"errors\":{}}")));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1")).withQueryParam("expand", equalTo("changelog"))
                .willReturn(okJson(issue("ZK-1", "{\"startAt\":0,\"maxResults\":3,\"total\":3,\"histories\":[" + H1 + "," + H2 + "," + H3 + "]}"))));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.run(store, jiraHttp(), "ZK", jira(), Progress.NONE);
            assertEquals("3\n", CollectMailTest.query(store, "SELECT count(*) FROM issue_events"));
        }
    }

    @Test
    void a_rate_limited_then_truncated_changelog_page_fails_clearly_and_the_rerun_resumes_with_nothing_lost() throws Exception {
        stubSearch(issue("ZK-1", "{\"startAt\":0,\"maxResults\":1,\"total\":3,\"histories\":[" + H1 + "]}"));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/changelog")).withQueryParam("startAt", equalTo("0"))
                .inScenario("cl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Retry-After", "7").withBody("{}")).willSetStateTo("cut"));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/changelog")).withQueryParam("startAt", equalTo("0"))
                .inScenario("cl").whenScenarioStateIs("cut")
                .willReturn(okJson("{\"self\":\"x\",\"maxResults\":3,\"startAt\":0,\"total\":3,\"isLast\":true,\"values\":[" + H1 + "," + H2)));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            HttpFailure e = assertThrows(HttpFailure.class, () -> CollectTracker.run(store, jiraHttp(), "ZK", jira(), Progress.NONE));
            assertEquals(Duration.ofSeconds(7), waits.get(0), "the 403's Retry-After was waited out first");
            assertTrue(e.getMessage().contains("/rest/api/2/issue/ZK-1/changelog") && e.getMessage().contains("truncated or malformed JSON"),
                    e.getMessage());
            assertEquals("0\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"), "not stored with a part of its changelog");
            server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/changelog")).withQueryParam("startAt", equalTo("0"))
                    .inScenario("cl").whenScenarioStateIs("cut")
                    .willReturn(okJson("{\"self\":\"x\",\"maxResults\":3,\"startAt\":0,\"total\":3,\"isLast\":true,\"values\":["
                            + H1 + "," + H2 + "," + H3 + "]}")));
            CollectTracker.run(store, jiraHttp(), "ZK", jira(), Progress.NONE);
            assertEquals("3\n", CollectMailTest.query(store, "SELECT count(*) FROM issue_events"));
        }
    }
}
