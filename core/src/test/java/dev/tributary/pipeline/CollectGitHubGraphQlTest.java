package dev.tributary.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.HttpFailure;
import dev.tributary.source.http.LoopbackServer;
import dev.tributary.source.http.RawArchive;
import dev.tributary.source.http.Token;
import dev.tributary.source.review.GitHubGraphQl;
import dev.tributary.store.Store;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraphQL path against answers in the shape of GitHub's GraphQL schema ({@code github-graphql/}, written by hand):
 * the same three pull requests as the small backup ({@link CollectGitHubTest} serves those over REST), two to a
 * page, so the second page is asked for with the first one's {@code endCursor}.
 */
class CollectGitHubGraphQlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "/repos/o/r/pulls?state=all&sort=updated&direction=desc&per_page=100";
    private static final String CURSOR = "Y3Vyc29yOnYyOpK5MjAyNC0wMi0xMVQwMDowMDowMFrOAAAAAg==";
    private static final String FIRST = "\"after\":null";
    private static final String SECOND = "\"after\":\"" + CURSOR + "\"";

    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // REST, for the comparison and for nested lists longer than a page: the backup's files
        JsonNode p1 = file(1);
        JsonNode p2 = file(2);
        JsonNode p3 = file(3);
        server.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(JSON.writeValueAsString(List.of(p3.get("pull"), p2.get("pull"), p1.get("pull"))))));
        for (int n = 1; n <= 3; n++) {
            JsonNode doc = file(n);
            server.stubFor(get(urlEqualTo("/repos/o/r/issues/" + n + "/timeline?per_page=100")).willReturn(okJson(JSON.writeValueAsString(doc.get("events")))));
            server.stubFor(get(urlEqualTo("/repos/o/r/pulls/" + n + "/comments?per_page=100")).willReturn(okJson(JSON.writeValueAsString(doc.get("comments")))));
        }
        page(FIRST, page1());
        page(SECOND, page2());
    }

    private static JsonNode file(int n) throws Exception {
        return JSON.readTree(CollectReviewsTest.small().resolve("pulls/" + n + ".json").toFile());
    }

    private static ObjectNode fixture(String name) throws Exception {
        return (ObjectNode) JSON.readTree(CollectGitHubGraphQlTest.class.getResource("/github-graphql/" + name));
    }

    private static ObjectNode page1() throws Exception {
        return fixture("pulls-page1.json");
    }

    private static ObjectNode page2() throws Exception {
        return fixture("pulls-page2.json");
    }

    private static ArrayNode nodes(ObjectNode page) {
        return (ArrayNode) page.get("data").get("repository").get("pullRequests").get("nodes");
    }

    private void page(String after, JsonNode answer) throws Exception {
        server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing(after)).willReturn(okJson(JSON.writeValueAsString(answer))));
    }

    /**
     * The GraphQL request for the page {@code after} gets {@code answers} in turn, one a request, and the last one from
     * then on (a WireMock scenario of that page).
     */
    private void answersInTurn(String after, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var stub = post(urlEqualTo("/graphql")).withRequestBody(containing(after)).inScenario("page " + after)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + (i + 1)).willReturn(answers[i]);
            server.stubFor(i + 1 < answers.length ? stub.willSetStateTo("answer " + (i + 2)) : stub);
        }
    }

    private Http http() {
        return http(Duration.ofHours(1));
    }

    private Http http(Duration maxWait) {
        return new Http(Http.Options.live(Optional.of(Token.bearer("t0k", "test")), new RawArchive(dir.resolve("raw")))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)).withMaxWait(maxWait), (d, w) -> waits.add(d),
                () -> Instant.parse("2024-03-02T00:00:00Z"));
    }

    private CollectReviews.Result graphql(Store store, Http http) {
        return CollectGitHub.graphql(store, http, URI.create(server.baseUrl()), "o/r", 2, Progress.NONE);
    }

    /** Every stored row of the review tables, as text, sorted; {@code changes} without the node id (the backup has none for #3). */
    private static Map<String, List<String>> rows(Store store) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : List.of("changes", "change_commits", "change_files", "change_reviews", "change_comments", "change_events",
                "review_actors", "review_links", "review_warnings")) {
            String sql = "SELECT * " + (t.equals("changes") ? "EXCLUDE (native_id) " : "") + "FROM " + t + " ORDER BY ALL";
            List<String> rows = new ArrayList<>();
            try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(i == 1 ? "" : "|").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            out.put(t, rows);
        }
        return out;
    }

    private static String scalar(Store store, String sql) throws Exception {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Map<String, List<String>> restRows() throws Exception {
        try (Store store = Store.open(dir.resolve("rest.duckdb"))) {
            CollectReviews.Result r = CollectGitHub.run(store, http(), URI.create(server.baseUrl()), "o/r", CollectGitHub.Api.rest, Progress.NONE);
            assertEquals(1 + 3 * 2, r.requests()); // the listing, then timeline and review comments of each
            server.resetRequests();
            return rows(store);
        }
    }

    @Test
    void graphql_stores_the_rows_rest_stores_with_one_query_per_page_of_pull_requests() throws Exception {
        Map<String, List<String>> rest = restRows();
        assertEquals(3, rest.get("changes").size());
        assertEquals(3, rest.get("change_reviews").size()); // carol and bob on #1 (dave's is pending), bob on #2
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            CollectReviews.Result r = graphql(store, http());
            assertEquals(3, r.stored());
            assertEquals(2, r.requests()); // ceil(3 pull requests / 2 a page); nothing overflowed
            assertEquals("GraphQL: 2 queries of up to 2 pull requests (2 rate-limit points)", r.note());
            assertEquals(rest, rows(store));
            assertEquals("PR_1,PR_2,PR_3", scalar(store, "SELECT string_agg(native_id, ',' ORDER BY number) FROM changes"));
            assertEquals("github:ci-bot[bot]", scalar(store, "SELECT author FROM change_comments WHERE native_id = '10'"));
            assertEquals("2024-03-01T00:00:00Z", scalar(store, "SELECT cursor FROM review_containers"));

            CollectReviews.Result again = graphql(store, http());
            assertEquals(0, again.stored());
            assertEquals(1, again.requests()); // the first query reaches the cursor
        }
        server.verify(3, postRequestedFor(urlEqualTo("/graphql")));
    }

    @Test
    void a_nested_list_longer_than_a_page_is_read_whole_over_rest_for_that_pull_request_only() throws Exception {
        Map<String, List<String>> rest = restRows();
        ObjectNode p2 = page2();
        ObjectNode pr1 = (ObjectNode) nodes(p2).get(0);
        // GitHub gave the first 2 timeline items of 4 and none of carol's review's comments, each with a next page
        ObjectNode timeline = (ObjectNode) pr1.get("timelineItems");
        ((ArrayNode) timeline.get("nodes")).remove(3);
        ((ArrayNode) timeline.get("nodes")).remove(2);
        ((ObjectNode) timeline.get("pageInfo")).put("hasNextPage", true);
        ObjectNode carols = (ObjectNode) pr1.get("reviews").get("nodes").get(0).get("comments");
        ((ArrayNode) carols.get("nodes")).removeAll();
        ((ObjectNode) carols.get("pageInfo")).put("hasNextPage", true);
        page(SECOND, p2);
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            CollectReviews.Result r = graphql(store, http());
            assertEquals(2 + 2, r.requests()); // two queries, then #1's REST timeline and review comments
            assertEquals(rest, rows(store));
            assertTrue(r.note().contains("1 pull request with more than a page of reviews, comments or timeline, or an error in the answer, "
                    + "read over REST (2 requests)"),
                    r.note());
        }
        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/repos/o/r/issues/1/timeline?per_page=100")));
        server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/repos/o/r/issues/2/timeline?per_page=100")));
    }

    @Test
    void a_refused_token_is_bad_input_and_stores_nothing() throws Exception {
        server.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/graphql\"}")));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            HttpFailure.BadCredentials e = assertThrows(HttpFailure.BadCredentials.class, () -> graphql(store, http()));
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("Bad credentials") && !e.getMessage().contains("t0k"), e.getMessage());
            assertEquals("0", scalar(store, "SELECT count(*) FROM changes"));
        }
    }

    @Test
    void a_used_up_limit_answered_in_the_body_is_waited_out_until_its_reset() throws Exception {
        // GitHub answers 200 with an error of type RATE_LIMITED, the reset in the headers
        answersInTurn(SECOND,
                okJson("{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit exceeded for user ID 1.\"}]}")
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset",
                                Long.toString(Instant.parse("2024-03-02T00:10:00Z").getEpochSecond())),
                okJson(JSON.writeValueAsString(page2())));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            Http http = http();
            CollectReviews.Result r = graphql(store, http);
            assertEquals(3, r.stored());
            assertEquals(1, r.rateLimitWaits());
            assertEquals(List.of(Duration.ofSeconds(601)), waits); // until the reset, and a second
            assertEquals(3, r.requests());
        }
    }

    @Test
    void secondary_limits_403_and_429_with_retry_after_are_waited_out() throws Exception {
        answersInTurn(FIRST,
                aResponse().withStatus(403).withHeader("Retry-After", "30").withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"),
                aResponse().withStatus(429).withHeader("Retry-After", "5"),
                okJson(JSON.writeValueAsString(page1())));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            CollectReviews.Result r = graphql(store, http());
            assertEquals(3, r.stored());
            assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(5)), waits);
            assertEquals(2, r.rateLimitWaits());
        }
    }

    @Test
    void a_reset_later_than_max_wait_stops_the_run_keeping_the_pages_read_and_the_cursor() throws Exception {
        server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing(SECOND)).willReturn(
                okJson("{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit exceeded\"}]}")
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset",
                                Long.toString(Instant.parse("2024-03-02T02:00:00Z").getEpochSecond()))));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            HttpFailure e = assertThrows(HttpFailure.class, () -> graphql(store, http(Duration.ofMinutes(30))));
            assertEquals(5, e.exitCode());
            assertTrue(e.getMessage().contains("later than the 30 min this run waits"), e.getMessage());
            assertEquals("2", scalar(store, "SELECT count(*) FROM changes")); // the first page's #3 and #2
            assertNull(scalar(store, "SELECT cursor FROM review_containers"));
            page(SECOND, page2());
            CollectReviews.Result r = graphql(store, http());
            assertEquals(1, r.stored());
            assertEquals(2, r.unchanged());
        }
    }

    @Test
    void server_errors_are_retried() throws Exception {
        answersInTurn(FIRST, aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}"), okJson(JSON.writeValueAsString(page1())));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            Http http = http();
            CollectReviews.Result r = graphql(store, http);
            assertEquals(3, r.stored());
            assertEquals(1, http.stats().retries());
            assertEquals(3, r.requests());
        }
    }

    @Test
    void a_truncated_answer_fails_after_the_retries_keeping_the_first_page_and_the_next_run_resumes() throws Exception {
        String whole = JSON.writeValueAsString(page2());
        server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing(SECOND)).willReturn(okJson(whole.substring(0, whole.length() / 2))));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            HttpFailure e = assertThrows(HttpFailure.class, () -> graphql(store, http()));
            assertTrue(e.getMessage().contains("truncated or malformed JSON") && e.getMessage().contains("4 attempts"), e.getMessage());
            assertEquals("2", scalar(store, "SELECT count(*) FROM changes"));
            assertNull(scalar(store, "SELECT cursor FROM review_containers"));
            page(SECOND, page2());
            CollectReviews.Result r = graphql(store, http());
            assertEquals(1, r.stored());
            assertEquals(2, r.unchanged());
            assertEquals("2024-03-01T00:00:00Z", scalar(store, "SELECT cursor FROM review_containers"));
        }
    }

    @Test
    void an_errors_array_without_data_fails_clearly_and_an_unknown_repository_is_bad_input() throws Exception {
        server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing(SECOND)).willReturn(okJson(
                "{\"data\":{\"repository\":null},\"errors\":[{\"message\":\"Something went wrong while executing your query.\"}]}")));
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            HttpFailure e = assertThrows(HttpFailure.class, () -> graphql(store, http()));
            assertEquals(5, e.exitCode());
            assertTrue(e.getMessage().contains("GitHub's GraphQL API answered errors for github/o/r: Something went wrong"), e.getMessage());
            assertEquals("2", scalar(store, "SELECT count(*) FROM changes"));
        }
        server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(containing(FIRST)).willReturn(okJson(
                "{\"data\":{\"repository\":null},\"errors\":[{\"type\":\"NOT_FOUND\",\"path\":[\"repository\"],"
                        + "\"message\":\"Could not resolve to a Repository with the name 'o/r'.\"}]}")));
        try (Store store = Store.open(dir.resolve("other.duckdb"))) {
            TributaryException e = assertThrows(TributaryException.InvalidInput.class, () -> graphql(store, http()));
            assertTrue(e.getMessage().contains("GitHub has no repository o/r"), e.getMessage());
        }
    }

    @Test
    void errors_beside_data_warn_a_broken_node_is_read_over_rest_and_a_lost_one_leaves_the_cursor() throws Exception {
        Map<String, List<String>> rest = restRows();
        server.stubFor(get(urlEqualTo("/repos/o/r/pulls/1")).willReturn(okJson(JSON.writeValueAsString(file(1).get("pull")))));
        ObjectNode p1 = page1();
        nodes(p1).set(1, com.fasterxml.jackson.databind.node.NullNode.getInstance()); // #2 lost to an error
        p1.putArray("errors").add(JSON.readTree("{\"type\":\"INTERNAL\",\"path\":[\"repository\",\"pullRequests\",\"nodes\",1],"
                + "\"message\":\"timed out resolving the node\"}"));
        ObjectNode p2 = page2();
        ((ObjectNode) nodes(p2).get(0)).putNull("reviews"); // #1's reviews lost to an error: #1 is read over REST
        p2.putArray("errors").add(JSON.readTree("{\"path\":[\"repository\",\"pullRequests\",\"nodes\",0,\"reviews\"],"
                + "\"message\":\"Something went wrong while executing your query.\"}"));
        page(FIRST, p1);
        page(SECOND, p2);
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            CollectReviews.Result r = graphql(store, http());
            assertEquals(2, r.stored()); // #3, and #1 over REST
            assertEquals(2 + 3, r.requests()); // two queries; #1's pull request, timeline and review comments
            assertEquals(Map.of("bad-pull", 1, "graphql-error", 2), new java.util.TreeMap<>(r.warningsByKind()));
            assertTrue(r.warnings().stream().anyMatch(w -> w.location().equals("github/o/r repository.pullRequests.nodes.1")
                    && w.message().equals("INTERNAL: timed out resolving the node")), r.warnings().toString());
            assertEquals("3", scalar(store, "SELECT count(*) FROM review_warnings"));
            assertNull(scalar(store, "SELECT cursor FROM review_containers"));
            assertTrue(r.note().contains("the cursor stays"), r.note());
            page(FIRST, page1());
            page(SECOND, page2());
            CollectReviews.Result again = graphql(store, http());
            assertEquals(1, again.stored()); // #2 now; #3 and #1 unchanged
            assertEquals("2024-03-01T00:00:00Z", scalar(store, "SELECT cursor FROM review_containers"));
            Map<String, List<String>> rows = rows(store);
            rows.put("review_warnings", List.of());
            Map<String, List<String>> expected = new LinkedHashMap<>(rest);
            expected.put("review_warnings", List.of());
            assertEquals(expected, rows); // every row REST stores, the warnings aside
        }
    }

    @Test
    void a_node_missing_its_creation_time_is_a_warning_as_over_rest_and_the_others_are_stored() throws Exception {
        ObjectNode p2 = page2();
        ((ObjectNode) nodes(p2).get(0)).remove("createdAt");
        page(SECOND, p2);
        try (Store store = Store.open(dir.resolve("graphql.duckdb"))) {
            CollectReviews.Result r = graphql(store, http());
            assertEquals(2, r.stored());
            assertEquals(Map.of("bad-pull", 1), new java.util.TreeMap<>(r.warningsByKind()));
            assertEquals("github/o/r #1", r.warnings().get(0).location());
            assertTrue(r.warnings().get(0).message().contains("without created_at"), r.warnings().toString());
        }
    }

    @Test
    void a_graphql_collect_replays_from_the_archive_with_no_network_and_the_archive_says_which_api() throws Exception {
        try (Store store = Store.open(dir.resolve("live.duckdb"))) {
            graphql(store, http());
        }
        String base = server.baseUrl();
        server.stop();
        try (Store store = Store.open(dir.resolve("replayed.duckdb"))) {
            Http replay = new Http(Http.Options.replay(new RawArchive(dir.resolve("raw"))), (d, w) -> { });
            assertEquals(CollectGitHub.Api.graphql, CollectGitHub.choose(replay, "o/r", null).api());
            CollectReviews.Result r = CollectGitHub.graphql(store, replay, URI.create(base), "o/r", 2, Progress.NONE);
            assertEquals(3, r.stored());
            assertEquals(0, replay.stats().requests());
            assertEquals(2, replay.stats().replayed());
        }
        // the archive entries are the POSTs with their bodies, gzip, in the documented layout
        List<RawArchive.Entry> entries = new RawArchive(dir.resolve("raw")).entries("github/o/r");
        assertEquals(List.of("POST", "POST"), entries.stream().map(RawArchive.Entry::method).toList());
        assertTrue(entries.get(0).uri().toString().endsWith("/graphql"));
    }

    @Test
    void without_a_token_the_default_is_rest_with_a_note_and_the_endpoint_follows_the_api_root() {
        Http anonymous = new Http(Http.Options.live(Optional.empty(), null), (d, w) -> { });
        assertEquals(CollectGitHub.Api.rest, CollectGitHub.choose(anonymous, "o/r", null).api());
        assertTrue(CollectGitHub.choose(anonymous, "o/r", CollectGitHub.Api.graphql).note().contains("GraphQL API needs one"));
        assertEquals("", CollectGitHub.choose(anonymous, "o/r", CollectGitHub.Api.rest).note());
        assertEquals(CollectGitHub.Api.graphql, CollectGitHub.choose(http(), "o/r", null).api());
        assertEquals(CollectGitHub.Api.rest, CollectGitHub.choose(http(), "o/r", CollectGitHub.Api.rest).api());
        assertEquals(URI.create("https://api.github.com/graphql"), GitHubGraphQl.endpoint(URI.create("https://api.github.com")));
        assertEquals(URI.create("https://ghe.example.com/api/graphql"), GitHubGraphQl.endpoint(URI.create("https://ghe.example.com/api/v3/")));
        assertEquals(URI.create("https://ghe.example.com/api/graphql"), GitHubGraphQl.endpoint(URI.create("https://ghe.example.com/api")));
        assertFalse(GitHubGraphQl.request("o", "r", 25, null).contains("t0k"));
    }
}
