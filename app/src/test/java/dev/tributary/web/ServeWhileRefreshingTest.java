package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.cli.WorkingFolderTest;
import dev.tributary.project.Project;
import dev.tributary.testkit.GitCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} over a store file while it is refreshed: the server answers from a published copy, other
 * processes open the store as if it were not there, and the next copy is swapped in without an error.
 */
class ServeWhileRefreshingTest {
    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** The summary {@code server} answers for the top {@code top} people and organizations. */
    HttpResponse<String> summary(WebServer server, int top) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(Widgets.base(server) + "/api/v1/summary?top=" + top)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The commits in that summary, which must be answered with 200. */
    long commits(WebServer server, int top) throws Exception {
        HttpResponse<String> r = summary(server, top);
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body()).get("commits").asLong();
    }

    /** Serves the widgets' store file; only an explicit publish swaps copies, so a test says when a refresh is served. */
    static WebServer serveFile(Widgets w) {
        return WebServer.start(WebServer.Options.file(w.db, Project.load(w.project), "127.0.0.1", 0, null, Duration.ofHours(1)));
    }

    /**
     * Another shell meanwhile: Dee commits a new file g to the widget repository and a separate {@code analyze}
     * process collects it into the served store. Returns that process's exit code, output and error.
     */
    String[] commitAndCollectFromAnotherProcess(Widgets w) throws Exception {
        Path repo = dir.resolve("widget");
        Files.writeString(repo.resolve("g"), "new\n");
        GitCli.run(repo, "add", "g");
        GitCli.run(repo, "-c", "user.name=Dee", "-c", "user.email=dee@acme.com", "commit", "-q", "-m", "Add g");
        return WorkingFolderTest.run(dir, "analyze", "--quiet", "--db", w.db.toString(), "--project", w.project.toString());
    }

    @Test
    void a_collect_from_another_process_during_a_load_of_50_clients_gives_no_error_and_the_next_answer_shows_it() throws Exception {
        Widgets w = Widgets.create(dir);
        try (WebServer server = serveFile(w)) {
            assertEquals(6, commits(server, 5), "the widgets' 6 commits at HEAD");

            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicLong answers = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int top = 1 + i % 7; // several cached keys, recomputed after every publish
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = summary(server, top);
                            if (r.statusCode() != 200) {
                                errors.add(r.statusCode() + " " + r.body());
                            }
                            answers.incrementAndGet();
                        } catch (Exception e) {
                            errors.add(e.toString());
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            String[] collect = commitAndCollectFromAnotherProcess(w);
            assertEquals("0", collect[0], "the collect was not locked out: " + collect[2]);
            // and read-only users of the same store meanwhile: the CLI, and a DuckDB client
            String[] list = WorkingFolderTest.run(dir, "identities", "list", "--db", w.db.toString());
            assertEquals("0", list[0], "identities list was not locked out: " + list[2]);
            Properties ro = new Properties();
            ro.setProperty("duckdb.read_only", "true");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + w.db.toAbsolutePath(), ro);
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM commits")) {
                rs.next();
                assertEquals(7, rs.getLong(1), "a DuckDB client reads the store while it is served");
            }
            long during = answers.get();
            server.publishIfChanged();
            long after = commits(server, 5);
            Thread.sleep(200); // the clients go on over the new copy a little
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertTrue(errors.isEmpty(), errors.size() + " errors, e.g. " + errors.peek());
            assertTrue(during > 50, "the clients were answered during the refresh: " + during);
            assertEquals(7, after, "the next answer after the publish shows the new commit");
        }
    }

    @Test
    void the_answers_asked_for_are_computed_on_the_new_copy_before_it_is_swapped_in() throws Exception {
        Widgets w = Widgets.create(dir);
        try (WebServer server = serveFile(w)) {
            assertEquals(6, commits(server, 5));
            assertEquals(6, commits(server, 3));
            assertEquals(2, server.api().cachedAnswers());
            String[] collect = commitAndCollectFromAnotherProcess(w);
            assertEquals("0", collect[0], collect[2]);
            server.publishIfChanged();
            // without warming, a publish empties the cache and the next clients pay for cold answers
            assertEquals(2, server.api().cachedAnswers(), "both answers were computed on the new copy before the swap");
            assertEquals(7, commits(server, 5), "and they are the new copy's: the new commit is in");
            assertEquals(7, commits(server, 3));
            assertEquals(2, server.api().cachedAnswers(), "served from the cache");
        }
    }
}
