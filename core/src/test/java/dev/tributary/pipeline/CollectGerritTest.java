package dev.tributary.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.RawArchive;
import dev.tributary.store.Store;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectGerritTest {
    @TempDir
    Path dir;

    @Test
    void a_gerrit_query_dump_gives_votes_iterations_and_submit_times_worked_out_by_hand() throws Exception {
        Path dump = Path.of(getClass().getResource("/gerrit/query-two-changes-and-stats.json").toURI());
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            List<CollectReviews.Result> r = CollectReviews.importGerritDump(store, dump, "unused", Progress.NONE);
            assertEquals(1, r.size());
            assertEquals("gerrit/review.example.org/glusterfs", r.get(0).container());
            assertEquals(2, r.get(0).stored());
            assertEquals(Map.of("bad-gerrit-line", 1), r.get(0).warningsByKind());
            Map<String, Double> v = CollectReviewsTest.values(store);
            assertEquals(1.0, v.get("change-requests-accepted"));
            assertEquals(1.0, v.get("change-requests-declined"));
            assertEquals(25.0, v.get("duration-median-hours")); // created 1600000000, submitted 1600090000
            // first response: the CI's Verified message at 600 s is a bot's; Bob's -1 at 1 h is the first
            assertEquals(1.0, v.get("first-response-median-hours"));
            assertEquals(1.0, v.get("first-review-median-hours"));
            assertEquals(3.0, v.get("reviews")); // Bob -1, Bob +2, Cy +1; Verified is not a review
            assertEquals(1.5, v.get("iterations-per-change"));
            assertEquals(0.0, v.get("self-merged-share")); // submitted by Bob, owned by Ann
            List<ReviewMetrics.ReviewerRow> rows = new ReviewMetrics(store.connection()).reviewers(
                    new ReviewMetrics.ReviewScope(List.of(), null, null), Split.person, 0);
            assertEquals("Bob", rows.get(0).name());
            assertEquals("ibm.com", rows.get(0).organization());
            assertEquals(Map.of(-1, 1L, 2, 1L), rows.get(0).votes());
            assertEquals(List.of(new ReviewMetrics.MatrixCell("ibm.com", "redhat.com", 2), new ReviewMetrics.MatrixCell("redhat.com", "redhat.com", 1)),
                    new ReviewMetrics(store.connection()).matrix(new ReviewMetrics.ReviewScope(List.of(), null, null)));
        }
    }

    @Test
    void rest_changes_are_paged_with_S_after_the_xssi_prefix() throws Exception {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            String page1 = ")]}'\n[{\"project\":\"p\",\"branch\":\"master\",\"change_id\":\"I1\",\"_number\":1,\"subject\":\"one\","
                    + "\"status\":\"MERGED\",\"created\":\"2020-01-01 00:00:00.000000000\",\"updated\":\"2020-01-02 00:00:00.000000000\","
                    + "\"submitted\":\"2020-01-02 00:00:00.000000000\",\"owner\":{\"_account_id\":7,\"name\":\"Ann\",\"email\":\"ann@redhat.com\",\"username\":\"ann\"},"
                    + "\"labels\":{\"Code-Review\":{\"all\":[{\"value\":2,\"date\":\"2020-01-01 12:00:00.000000000\",\"_account_id\":8,\"name\":\"Bob\",\"username\":\"bob\"},"
                    + "{\"value\":0,\"_account_id\":9,\"name\":\"Cy\"}]}},"
                    + "\"messages\":[{\"id\":\"m1\",\"author\":{\"_account_id\":8,\"name\":\"Bob\",\"username\":\"bob\"},\"date\":\"2020-01-01 06:00:00.000000000\",\"message\":\"looks fine\"}],"
                    + "\"revisions\":{\"aaaa\":{\"_number\":1},\"bbbb\":{\"_number\":2}},\"current_revision\":\"bbbb\",\"_more_changes\":true}]";
            String page2 = ")]}'\n[{\"project\":\"p\",\"branch\":\"master\",\"change_id\":\"I2\",\"_number\":2,\"subject\":\"two\",\"status\":\"NEW\","
                    + "\"created\":\"2020-02-01 00:00:00.000000000\",\"updated\":\"2020-02-01 00:00:00.000000000\",\"owner\":{\"_account_id\":8,\"username\":\"bob\"}}]";
            server.stubFor(get(urlPathEqualTo("/changes/")).withQueryParam("S", absent()).willReturn(ok(page1)));
            server.stubFor(get(urlPathEqualTo("/changes/")).withQueryParam("S", equalTo("1")).willReturn(ok(page2)));
            try (Store store = Store.open(dir.resolve("s.duckdb"))) {
                Http http = new Http(Http.Options.live(Optional.empty(), new RawArchive(dir.resolve("raw"))), (d, w) -> { });
                CollectReviews.Result r = CollectReviews.collectGerrit(store, http, URI.create(server.baseUrl()), "p", Progress.NONE);
                assertEquals(2, r.stored());
                assertEquals(2, r.requests());
                Map<String, Double> v = CollectReviewsTest.values(store);
                assertEquals(1.0, v.get("reviews")); // Cy has not voted
                assertEquals(6.0, v.get("first-response-median-hours"));
                assertEquals(1.5, v.get("iterations-per-change"));
            }
        } finally {
            server.stop();
        }
    }
}
