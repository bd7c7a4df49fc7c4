package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect github} picks its API: GraphQL with a token, REST when asked; the result line says what it cost,
 * and {@code --offline} replays the API the archive holds. A loopback server (the JDK's) answers one pull request
 * in GitHub's GraphQL and REST shapes.
 */
class CollectGitHubApiCommandTest {
    private static final String GRAPHQL = """
            {"data":{"rateLimit":{"cost":1,"remaining":4999,"resetAt":"2024-03-02T01:00:00Z"},"repository":{"pullRequests":{
             "pageInfo":{"hasNextPage":false,"endCursor":"Y3Vyc29yOjE="},"nodes":[{"number":7,"id":"PR_7","title":"t","state":"MERGED",
             "isDraft":false,"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-02T00:00:00Z","closedAt":"2024-01-02T00:00:00Z",
             "mergedAt":"2024-01-02T00:00:00Z","author":{"__typename":"User","login":"ann"},"mergedBy":{"__typename":"User","login":"bob"},
             "headRefOid":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","baseRefName":"main","mergeCommit":{"oid":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
             "reviewRequests":{"pageInfo":{"hasNextPage":false},"nodes":[]},
             "reviews":{"pageInfo":{"hasNextPage":false},"nodes":[{"databaseId":1,"state":"APPROVED","submittedAt":"2024-01-01T05:00:00Z",
              "author":{"__typename":"User","login":"bob"},"comments":{"pageInfo":{"hasNextPage":false},"nodes":[]}}]},
             "comments":{"pageInfo":{"hasNextPage":false},"nodes":[]},
             "timelineItems":{"pageInfo":{"hasNextPage":false},"nodes":[]}}]}}}}
            """;
    private static final String PULLS = """
            [{"number":7,"node_id":"PR_7","title":"t","state":"closed","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-02T00:00:00Z",
              "closed_at":"2024-01-02T00:00:00Z","merged_at":"2024-01-02T00:00:00Z","user":{"login":"ann","type":"User"},
              "merge_commit_sha":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","head":{"sha":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
              "base":{"ref":"main"},"draft":false}]
            """;
    private static final String TIMELINE = """
            [{"event":"reviewed","id":1,"state":"approved","submitted_at":"2024-01-01T05:00:00Z","user":{"login":"bob","type":"User"}},
             {"event":"merged","created_at":"2024-01-02T00:00:00Z","actor":{"login":"bob"},"commit_id":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}]
            """;

    @TempDir
    Path dir;
    HttpServer server;
    final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().toString();
            asked.add(ex.getRequestMethod() + " " + path);
            String body = path.equals("/graphql") ? GRAPHQL : path.startsWith("/repos/o/r/pulls?") ? PULLS
                    : path.startsWith("/repos/o/r/issues/7/timeline") ? TIMELINE : path.startsWith("/repos/o/r/pulls/7/comments") ? "[]" : null;
            byte[] bytes = (body == null ? "{\"message\":\"Not Found\"}" : body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AnalyzeCommandTest.Run collect(String db, String... more) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t0k\n");
        List<String> a = new java.util.ArrayList<>(List.of("collect", "github", "o/r", "--token-file", token.toString(), "--api-url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--db", db, "-q"));
        a.addAll(List.of(more));
        return tributary(a.toArray(String[]::new));
    }

    @Test
    void with_a_token_the_default_is_one_graphql_query_and_offline_replays_it() throws Exception {
        String db = dir.resolve("g.duckdb").toString();
        AnalyzeCommandTest.Run run = collect(db);
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("POST /graphql"), asked);
        assertTrue(run.out().contains("github/o/r: 1 pull requests read, 1 stored, 0 unchanged; 1 reviews, 0 comments stored"), run.out());
        assertTrue(run.out().contains("  1 requests, 0 replayed from the archive, 0 rate-limit waits"), run.out());
        assertTrue(run.out().contains("  GraphQL: 1 query of up to 25 pull requests (1 rate-limit point)"), run.out());
        String replayed = dir.resolve("r.duckdb").toString();
        run = tributary("collect", "github", "o/r", "--offline", "--archive", db + ".raw", "--api-url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--db", replayed, "-q");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("1 stored") && run.out().contains("0 requests, 1 replayed"), run.out());
        assertEquals(1, asked.size());
    }

    @Test
    void api_rest_reads_the_listing_and_each_pull_requests_lists_and_stores_the_same_review() throws Exception {
        String db = dir.resolve("r.duckdb").toString();
        AnalyzeCommandTest.Run run = collect(db, "--api", "rest");
        assertEquals(0, run.code(), run.err());
        assertEquals(3, asked.size(), asked.toString());
        assertTrue(asked.get(0).startsWith("GET /repos/o/r/pulls?state=all"), asked.toString());
        assertTrue(run.out().contains("1 stored, 0 unchanged; 1 reviews"), run.out());
        AnalyzeCommandTest.Run bad = collect(db, "--api", "soap");
        assertEquals(2, bad.code());
    }
}
