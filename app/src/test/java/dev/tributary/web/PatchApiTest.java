package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.pipeline.CollectMail;
import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestInbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The patch-review endpoints over a small public-inbox: two patches, one reviewed twice. */
class PatchApiTest {
    @TempDir
    Path dir;

    @Test
    void patch_metrics_answer_per_list_and_a_bad_parameter_is_a_400() throws Exception {
        try (TestInbox inbox = TestInbox.v2(dir.resolve("inbox")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(TestInbox.mail("<p1@x>", "Ann <ann@ibm.com>", "Mon, 2 Mar 2020 10:00:00 +0000", "[PATCH] a: fix", "fix"));
            inbox.epoch(0).deliver(TestInbox.mail("<p2@x>", "Ann <ann@ibm.com>", "Mon, 2 Mar 2020 11:00:00 +0000", "[PATCH] b: fix", "fix"));
            inbox.epoch(0).deliver(TestInbox.reply("<r1@x>", "Bob <bob@redhat.com>", "Mon, 2 Mar 2020 16:00:00 +0000", "Re: [PATCH] a: fix",
                    "<p1@x>", "Reviewed-by: Bob <bob@redhat.com>"));
            inbox.epoch(0).deliver(TestInbox.reply("<r2@x>", "Cy <cy@suse.com>", "Tue, 3 Mar 2020 10:00:00 +0000", "Re: [PATCH] a: fix",
                    "<r1@x>", "Acked-by: Cy <cy@suse.com>"));
            CollectMail.run(store, "mips", List.of(inbox.dir()), Progress.NONE);
            try (WebServer server = WebServer.start(new WebServer.Options(store, null, "127.0.0.1", 0, null))) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> lists = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/lists")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("{\"mips\":1}", lists.body());
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/patches?list=mips&metric=patches,review-trailers,reviewers,time-to-first-response-median,unanswered-patches"
                        + "&by=organization")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                Map<String, Double> got = new HashMap<>();
                for (JsonNode p : new ObjectMapper().readTree(r.body())) {
                    got.put(p.get("metric").asText() + " " + p.get("group").asText(), p.get("value").asDouble());
                }
                assertEquals(Map.of("patches all", 2.0, "patches ibm.com", 2.0, "review-trailers all", 2.0,
                        "review-trailers redhat.com", 1.0, "review-trailers suse.com", 1.0, "reviewers all", 2.0,
                        "reviewers redhat.com", 1.0, "reviewers suse.com", 1.0, "time-to-first-response-median all", 6.0,
                        "unanswered-patches all", 1.0), withoutSplit(got, "unanswered-patches ibm.com"));
                HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/patches?metric=lines")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, bad.statusCode(), bad.body());
                HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/patches?list=nope")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, unknown.statusCode(), unknown.body());
            }
        }
    }

    private static Map<String, Double> withoutSplit(Map<String, Double> m, String key) {
        assertEquals(1.0, m.remove(key), key);
        return m;
    }
}
