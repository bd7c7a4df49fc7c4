package dev.tributary.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Live collection against recorded answers on loopback (WireMock): every failure leaves whole batches and resumes. */
class CollectTrackerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");
    @TempDir
    Path dir;
    @RegisterExtension
    LoopbackServer server = new LoopbackServer();
    final List<Duration> waits = new ArrayList<>();

    Http http(RawArchive archive) {
        return http(archive, Duration.ofSeconds(10));
    }

    Http http(RawArchive archive, Duration timeout) {
        return new Http(Http.Options.live(Optional.of(Token.bearer("t0ken", "$GITHUB_TOKEN")), archive)
                .withTimeouts(Duration.ofSeconds(5), timeout), (d, why) -> waits.add(d), () -> NOW);
    }

    CollectTracker.Target github() {
        return new CollectTracker.Target(TrackerKind.GITHUB, URI.create(server.baseUrl()), "o/r");
    }

    static String issue(int n, String updated, int comments, String state) {
        return "{\"number\":" + n + ",\"title\":\"i" + n + "\",\"user\":{\"login\":\"u" + n + "\",\"type\":\"User\"},\"state\":\"" + state
                + "\",\"comments\":" + comments + ",\"created_at\":\"2020-01-0" + n + "T00:00:00Z\",\"updated_at\":\"" + updated + "\""
                + (state.equals("closed") ? ",\"closed_at\":\"" + updated + "\"" : "") + ",\"labels\":[]}";
    }

    static final String TIMELINE_1 = "[{\"event\":\"commented\",\"id\":5,\"user\":{\"login\":\"helper\"},\"actor\":{\"login\":\"helper\"},"
            + "\"created_at\":\"2020-01-01T03:00:00Z\"},{\"event\":\"closed\",\"actor\":{\"login\":\"helper\"},\"created_at\":\"2020-01-05T00:00:00Z\"}]";

    void stubGitHub() {
        String p2 = server.baseUrl() + "/repos/o/r/issues?page=2";
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues")).withQueryParam("page", WireMock.absent()).willReturn(okJson(
                "[" + issue(1, "2020-01-05T00:00:00Z", 1, "closed") + "," + issue(2, "2020-01-06T00:00:00Z", 0, "open") + "]")
                .withHeader("Link", "<" + p2 + ">; rel=\"next\"")));
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues")).withQueryParam("page", WireMock.equalTo("2"))
                .willReturn(okJson("[" + issue(3, "2020-01-07T00:00:00Z", 0, "closed") + "]")));
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/1/timeline")).willReturn(okJson(TIMELINE_1)));
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/3/timeline")).willReturn(okJson("[]")));
    }

    @Test
    void github_issues_come_with_their_timeline_and_a_rerun_asks_only_since_the_mark() throws Exception {
        stubGitHub();
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, http(new RawArchive(dir.resolve("raw"))), "o/r", github(), Progress.NONE);
            assertEquals(3, r.issues());
            assertEquals(1, r.comments());
            assertEquals(4, r.requests(), "two listing pages and two timelines: an open issue without comments costs none");
            assertEquals("1|helper\n", CollectMailTest.query(store, "SELECT key, author FROM issue_comments"));
            assertEquals("1|closed|helper\n", CollectMailTest.query(store, "SELECT key, kind, actor FROM issue_events"));
            CollectTracker.run(store, http(new RawArchive(dir.resolve("raw"))), "o/r", github(), Progress.NONE);
            assertTrue(server.findAll(WireMock.getRequestedFor(urlPathEqualTo("/repos/o/r/issues"))
                    .withQueryParam("since", WireMock.equalTo("2020-01-07T00:00:00Z"))).size() == 1, "the rerun starts at the mark");
            assertEquals("3\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"), "nothing stored twice");
        }
    }

    @Test
    void a_recorded_run_replays_offline_to_the_same_store() throws Exception {
        stubGitHub();
        RawArchive archive = new RawArchive(dir.resolve("raw"));
        String live;
        try (Store store = Store.open(dir.resolve("live.duckdb"))) {
            CollectTracker.run(store, http(archive), "o/r", github(), Progress.NONE);
            live = CollectMailTest.query(store, "SELECT key, state, closed, reporter FROM issues ORDER BY key");
        }
        CollectTracker.Target target = github();
        server.stop();
        try (Store store = Store.open(dir.resolve("replay.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, new Http(Http.Options.replay(archive), (d, w) -> { }), "o/r", target,
                    Progress.NONE);
            assertEquals(0, r.requests());
            assertEquals(live, CollectMailTest.query(store, "SELECT key, state, closed, reporter FROM issues ORDER BY key"));
        }
    }

    @Test
    void bad_credentials_say_where_the_token_came_from_and_store_nothing() throws Exception {
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            HttpFailure.BadCredentials e = assertThrows(HttpFailure.BadCredentials.class,
                    () -> CollectTracker.run(store, http(null), "o/r", github(), Progress.NONE));
            assertTrue(e.getMessage().contains("$GITHUB_TOKEN"), e.getMessage());
            assertTrue(!e.getMessage().contains("t0ken"), "never the token itself");
            assertEquals(3, e.exitCode());
            assertEquals("0\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"));
        }
    }

    @Test
    void a_rate_limit_is_waited_out_and_the_listing_goes_on() throws Exception {
        stubGitHub();
        long reset = NOW.getEpochSecond() + 120;
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/1/timeline")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset)).withBody("{\"message\":\"API rate limit exceeded\"}"))
                .willSetStateTo("reset"));
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/1/timeline")).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(okJson(TIMELINE_1)));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, http(null), "o/r", github(), Progress.NONE);
            assertEquals(3, r.issues());
            assertEquals(1, r.waits());
            assertEquals(Duration.ofSeconds(121), waits.get(0), "until the reset, and a second more");
        }
    }

    @Test
    void a_truncated_page_fails_clearly_keeps_the_whole_batches_and_the_rerun_resumes() throws Exception {
        stubGitHub();
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues")).withQueryParam("page", WireMock.equalTo("2"))
                .inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[" + issue(3, "2020-01-07T00:00:00Z", 0, "closed").substring(0, 30))));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            HttpFailure e = assertThrows(HttpFailure.class, () -> CollectTracker.run(store, http(null), "o/r", github(), Progress.NONE));
            assertTrue(e.getMessage().contains("truncated or malformed JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("page=2"), e.getMessage());
            // the first page's issues were read but not written: a batch is written whole or not at all
            assertEquals("0\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"));
            server.stubFor(get(urlPathEqualTo("/repos/o/r/issues")).withQueryParam("page", WireMock.equalTo("2"))
                    .inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("[" + issue(3, "2020-01-07T00:00:00Z", 0, "closed") + "]")));
            CollectTracker.Result r = CollectTracker.run(store, http(null), "o/r", github(), Progress.NONE);
            assertEquals(3, r.issues());
            assertEquals("1\n2\n3\n", CollectMailTest.query(store, "SELECT key FROM issues ORDER BY key"));
        }
    }

    @Test
    void server_errors_are_retried_and_a_timeout_too() throws Exception {
        stubGitHub();
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/3/timeline")).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("slow"));
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/3/timeline")).inScenario("5xx").whenScenarioStateIs("slow")
                .willReturn(okJson("[]").withFixedDelay(4000)).willSetStateTo("fine"));
        server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/3/timeline")).inScenario("5xx").whenScenarioStateIs("fine")
                .willReturn(okJson("[]")));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, http(null, Duration.ofSeconds(2)), "o/r", github(), Progress.NONE);
            assertEquals(3, r.issues());
            assertEquals(2, waits.size(), "one wait after the 502, one after the timeout");
        }
    }

    @Test
    void jira_pages_by_start_at_and_reads_comments_the_search_cut_short() throws Exception {
        String issue = "{\"key\":\"ZK-1\",\"fields\":{\"summary\":\"s\",\"created\":\"2011-02-23T02:00:00.000+0000\","
                + "\"updated\":\"2011-02-24T02:00:00.000+0000\",\"status\":{\"name\":\"Open\",\"statusCategory\":{\"key\":\"new\"}},"
                + "\"reporter\":{\"name\":\"ann\"},\"comment\":{\"startAt\":0,\"maxResults\":1,\"total\":2,\"comments\":["
                + "{\"id\":\"1\",\"author\":{\"name\":\"ben\"},\"created\":\"2011-02-23T03:00:00.000+0000\"}]}}}";
        String issue2 = issue.replace("ZK-1", "ZK-2").replace(",\"total\":2", ",\"total\":1");
        server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", WireMock.equalTo("0"))
                .willReturn(okJson("{\"startAt\":0,\"maxResults\":1,\"total\":2,\"issues\":[" + issue + "]}")));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", WireMock.equalTo("1"))
                .willReturn(okJson("{\"startAt\":1,\"maxResults\":1,\"total\":2,\"issues\":[" + issue2 + "]}")));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", WireMock.equalTo("2"))
                .willReturn(okJson("{\"startAt\":2,\"maxResults\":1,\"total\":2,\"issues\":[]}")));
        server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/ZK-1/comment")).willReturn(okJson("{\"startAt\":0,\"maxResults\":100,\"total\":2,"
                + "\"comments\":[{\"id\":\"1\",\"author\":{\"name\":\"ben\"},\"created\":\"2011-02-23T03:00:00.000+0000\"},"
                + "{\"id\":\"2\",\"author\":{\"name\":\"cy\"},\"created\":\"2011-02-23T04:00:00.000+0000\"}]}")));
        // a page of one (maxResults 100 asked, the server gave 1): the next page starts at startAt=1, until the total
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectTracker.Result r = CollectTracker.run(store, http(null), "ZK", new CollectTracker.Target(TrackerKind.JIRA,
                    URI.create(server.baseUrl()), "ZK"), Progress.NONE);
            assertEquals(2, r.issues(), "paged by startAt to the total, though the server gives one a page");
            assertEquals("ZK-1|1|ben\nZK-1|2|cy\n", CollectMailTest.query(store,
                    "SELECT key, comment_id, author FROM issue_comments WHERE key = 'ZK-1' ORDER BY 2"));
            assertTrue(server.findAll(WireMock.getRequestedFor(urlPathEqualTo("/rest/api/2/search"))).get(0).getUrl()
                    .contains("ORDER+BY+updated+ASC"));
        }
    }
}
