package dev.tributary.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawArchiveTest {
    @TempDir
    Path dir;

    private static Response response(String uri, String body) {
        return new Response(URI.create(uri), 200, Map.of("Link", List.of("<x>; rel=\"next\""), "Set-Cookie", List.of("s=1")),
                body, Instant.parse("2026-12-01T00:00:00Z"), false);
    }

    @Test
    void the_latest_answer_to_a_request_is_replayed_with_its_kept_headers_only() {
        RawArchive a = new RawArchive(dir);
        a.write("github/o/r", "GET", null, response("https://api.github.com/x", "[1]"));
        a.write("github/o/r", "GET", null, response("https://api.github.com/x", "[2]"));
        Response r = new RawArchive(dir).find("github/o/r", "GET", URI.create("https://api.github.com/x"), null).orElseThrow();
        assertEquals("[2]", r.body());
        assertEquals("<x>; rel=\"next\"", r.header("link").orElseThrow());
        assertTrue(r.header("set-cookie").isEmpty());
        assertTrue(Files.exists(dir.resolve("github/o/r/00000002.json.gz")));
    }

    @Test
    void a_torn_last_index_line_after_a_kill_is_skipped_and_closed_before_the_next_append() throws IOException {
        RawArchive a = new RawArchive(dir);
        a.write("c", "GET", null, response("https://h/1", "[1]"));
        Files.writeString(dir.resolve("c/index.jsonl"), "{\"seq\":2,\"fi", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        RawArchive b = new RawArchive(dir);
        assertEquals(1, b.entries("c").size());
        b.write("c", "GET", null, response("https://h/3", "[3]"));
        RawArchive c = new RawArchive(dir);
        assertEquals(List.of(1L, 2L), c.entries("c").stream().map(RawArchive.Entry::seq).toList());
        assertEquals("[3]", c.find("c", "GET", URI.create("https://h/3"), null).orElseThrow().body());
    }

    @Test
    void container_names_cannot_leave_the_archive() {
        assertEquals("%2E%2E/etc", RawArchive.relative("../etc"));
        assertEquals("gerrit/review.gluster.org/a%20b", RawArchive.relative("gerrit/review.gluster.org/a b"));
        assertEquals("x", RawArchive.relative("/x/"));
    }

    @Test
    void post_requests_are_keyed_by_their_body() {
        RawArchive a = new RawArchive(dir);
        a.write("g", "POST", "{\"q\":1}", response("https://h/graphql", "{\"a\":1}"));
        a.write("g", "POST", "{\"q\":2}", response("https://h/graphql", "{\"a\":2}"));
        assertEquals("{\"a\":1}", a.find("g", "POST", URI.create("https://h/graphql"), "{\"q\":1}").orElseThrow().body());
    }

    @Test
    void file_cursors_survive_a_new_instance() {
        FileCursors c = new FileCursors(new RawArchive(dir));
        assertTrue(c.get("github/o/r").isEmpty());
        c.put("github/o/r", "2026-01-01T00:00:00Z");
        assertEquals("2026-01-01T00:00:00Z", new FileCursors(new RawArchive(dir)).get("github/o/r").orElseThrow());
    }

    @Test
    void link_headers_name_the_next_page_among_others() {
        assertEquals("https://a/?page=2", Pagination.nextLink("<https://a/?page=1>; rel=\"prev\", <https://a/?page=2>; rel=\"next\"").orElseThrow());
        assertTrue(Pagination.nextLink("<https://a/?page=1>; rel=\"last\"").isEmpty());
        assertEquals(URI.create("https://a/?q=x&S=25"), Uris.withParam(URI.create("https://a/?q=x&S=0"), "S", "25"));
        assertEquals(URI.create("https://a/?q=a+b"), Uris.withParam(URI.create("https://a/"), "q", "a b"));
    }
}
