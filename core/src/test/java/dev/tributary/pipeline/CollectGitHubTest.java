package dev.tributary.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.HttpFailure;
import dev.tributary.source.http.LoopbackServer;
import dev.tributary.source.http.RawArchive;
import dev.tributary.source.http.Token;
import dev.tributary.store.Store;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The small backup's pull requests served as the REST API serves them, on loopback. */
class CollectGitHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "/repos/o/r/pulls?state=all&sort=updated&direction=desc&per_page=100";

    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    @BeforeEach
    void start() throws Exception {
        JsonNode p1 = file(1);
        JsonNode p2 = file(2);
        JsonNode p3 = file(3);
        // newest update first, two to a page
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(JSON.writeValueAsString(List.of(p3.get("pull"), p2.get("pull"))))
                .withHeader("Link", "<" + server.baseUrl() + LIST + "&page=2>; rel=\"next\"")));
        server.stubFor(get(urlEqualTo(LIST + "&page=2")).willReturn(okJson(JSON.writeValueAsString(List.of(p1.get("pull"))))));
        for (int n = 1; n <= 3; n++) {
            serve(n, file(n));
        }
    }

    private void serve(int n, JsonNode doc) throws Exception {
        server.stubFor(get(urlEqualTo("/repos/o/r/issues/" + n + "/timeline?per_page=100")).willReturn(okJson(JSON.writeValueAsString(doc.get("events")))));
        server.stubFor(get(urlEqualTo("/repos/o/r/pulls/" + n + "/comments?per_page=100")).willReturn(okJson(JSON.writeValueAsString(doc.get("comments")))));
    }

    private static JsonNode file(int n) throws Exception {
        return JSON.readTree(CollectReviewsTest.small().resolve("pulls/" + n + ".json").toFile());
    }

    private Http http() {
        return new Http(Http.Options.live(Optional.of(Token.bearer("t0k", "test")), new RawArchive(dir.resolve("raw")))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)), (d, w) -> { });
    }

    private static List<ReviewMetrics.Point> figures(Store store) {
        return new ReviewMetrics(store.connection()).run(new ReviewMetrics.ReviewScope(List.of(), null, null), ReviewMetrics.all(),
                null, Split.none, 0);
    }

    @Test
    void live_pull_requests_give_the_same_figures_as_their_backup_with_three_requests_per_changed_one() throws Exception {
        List<ReviewMetrics.Point> offline;
        try (Store store = Store.open(dir.resolve("backup.duckdb"))) {
            CollectReviews.importGitHubBackup(store, CollectReviewsTest.small(), "github/o/r", Progress.NONE);
            offline = figures(store);
        }
        try (Store store = Store.open(dir.resolve("live.duckdb"))) {
            CollectReviews.Result r = CollectGitHub.run(store, http(), URI.create(server.baseUrl()), "o/r", Progress.NONE);
            assertEquals(3, r.stored());
            assertEquals(2 + 3 * 2, r.requests()); // two listing pages, then timeline and review comments of each
            assertEquals(offline, figures(store));
            CollectReviews.Result again = CollectGitHub.run(store, http(), URI.create(server.baseUrl()), "o/r", Progress.NONE);
            assertEquals(0, again.stored());
            assertEquals(1, again.requests()); // the first page reaches the cursor
        }
    }

    @Test
    void a_run_that_fails_half_way_keeps_what_it_read_and_the_next_run_fetches_only_the_rest() throws Exception {
        server.stubFor(get(urlEqualTo("/repos/o/r/issues/1/timeline?per_page=100")).willReturn(aResponse().withStatus(502)));
        try (Store store = Store.open(dir.resolve("live.duckdb"))) {
            Http failing = http();
            HttpFailure e = assertThrows(HttpFailure.class, () -> CollectGitHub.run(store, failing, URI.create(server.baseUrl()), "o/r", Progress.NONE));
            assertTrue(e.getMessage().contains("HTTP 502") && e.getMessage().contains("/issues/1/timeline"), e.getMessage());
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), (SELECT cursor FROM review_containers) FROM changes")) {
                rs.next();
                assertEquals(2, rs.getInt(1)); // #3 and #2 were read whole before #1 failed
                assertEquals(null, rs.getString(2)); // the cursor did not move
            }
            serve(1, file(1));
            Http second = http();
            CollectReviews.Result r = CollectGitHub.run(store, second, URI.create(server.baseUrl()), "o/r", Progress.NONE);
            assertEquals(1, r.stored());
            assertEquals(2, r.unchanged());
            assertEquals(2 + 2, second.stats().requests());
        }
    }

    @Test
    void a_refused_token_stops_the_run_with_bad_input_and_stores_nothing() throws Exception {
        server.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        try (Store store = Store.open(dir.resolve("live.duckdb"))) {
            HttpFailure.BadCredentials e = assertThrows(HttpFailure.BadCredentials.class,
                    () -> CollectGitHub.run(store, http(), URI.create(server.baseUrl()), "o/r", Progress.NONE));
            assertEquals(3, e.exitCode());
            try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM changes")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void a_collect_replayed_from_the_archive_needs_no_network() throws Exception {
        try (Store store = Store.open(dir.resolve("live.duckdb"))) {
            CollectGitHub.run(store, http(), URI.create(server.baseUrl()), "o/r", Progress.NONE);
        }
        String base = server.baseUrl();
        server.stop();
        try (Store store = Store.open(dir.resolve("replayed.duckdb"))) {
            Http replay = new Http(Http.Options.replay(new RawArchive(dir.resolve("raw"))), (d, w) -> { });
            CollectReviews.Result r = CollectGitHub.run(store, replay, URI.create(base), "o/r", Progress.NONE);
            assertEquals(3, r.stored());
            assertEquals(0, replay.stats().requests());
            assertEquals(8, replay.stats().replayed());
        }
    }
}
