package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD and the OpenAPI description, against a real server over the widgets project. */
class HttpMannersTest {
    @TempDir
    Path dir;

    @Test
    void head_is_answered_like_get_without_a_body_and_the_openapi_description_lists_every_endpoint() throws Exception {
        Widgets w = Widgets.create(dir);
        try (Store store = Store.open(w.db);
             WebServer server = w.serve(store)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = Widgets.base(server);
            for (String path : List.of("/api/v1/summary", "/", "/release", "/static/dashboard.js", "/api/v1/openapi.json")) {
                HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + path)).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, get.statusCode(), path);
                assertEquals(200, head.statusCode(), "HEAD " + path);
                assertEquals("", head.body(), "HEAD " + path + " has no body");
                assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
                assertEquals(get.headers().firstValue("Content-Security-Policy"), head.headers().firstValue("Content-Security-Policy"));
            }
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nope")).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());

            JsonNode api = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(api.get("openapi").asText().startsWith("3."));
            Set<String> described = new HashSet<>();
            api.get("paths").fieldNames().forEachRemaining(p -> api.get("paths").get(p).fieldNames()
                    .forEachRemaining(m -> described.add(m.toUpperCase() + " /api/v1" + p)));
            JsonNode index = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode e : index.get("endpoints")) {
                String endpoint = e.asText().startsWith("POST ") ? e.asText() : "GET " + e.asText();
                assertTrue(described.contains(endpoint), endpoint + " is described; described: " + described);
            }
        }
    }
}
