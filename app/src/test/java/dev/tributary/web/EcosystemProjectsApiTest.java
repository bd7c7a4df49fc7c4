package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.cli.EcosystemFixture;
import dev.tributary.cli.Main;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code project=} picks one project of the server's ecosystem file: its releases, modules and repositories, as the
 * CLI's {@code --in} (the oracle: the CLI's JSON over the same store). Fixture: {@link EcosystemFixture}.
 */
class EcosystemProjectsApiTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    private HttpResponse<String> get(WebServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void project_picks_one_projects_release_and_module_and_the_ecosystem_groups_by_the_files_projects() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        Path db = dir.resolve("eco.duckdb");
        String file = f.ecosystem().toString();
        cli("analyze", "--quiet", "--db", db.toString(), "--project", file);
        ObjectMapper json = new ObjectMapper();
        JsonNode alphaReport = json.readTree(cli("report", "--db", db.toString(), "--project", file, "--in", "alpha",
                "--release", "r1", "--no-collect", "--format", "json"));
        JsonNode betaModule = json.readTree(cli("metrics", "--db", db.toString(), "--project", file, "--in", "beta",
                "--module", "docs", "--no-collect", "--format", "json"));
        JsonNode ecosystem = json.readTree(cli("ecosystem", "--db", db.toString(), "--project", file, "--format", "json"));
        JsonNode releaseModule = json.readTree(cli("ecosystem", "--db", db.toString(), "--project", file, "--format", "json",
                "--release", "r1", "--module", "docs"));
        try (Store store = Store.open(db);
                WebServer server = WebServer.start(new WebServer.Options(store, Project.load(f.ecosystem()), "127.0.0.1", 0,
                        "test-admin-token-0123456789"))) {
            HttpResponse<String> r = get(server, "/report?project=alpha&release=r1");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(alphaReport, json.readTree(r.body()));
            r = get(server, "/metrics?project=beta&module=docs");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(betaModule, json.readTree(r.body()));
            assertEquals(3, json.readTree(get(server, "/report?project=beta&release=r1").body()).get("changesets").asInt());
            JsonNode releases = json.readTree(get(server, "/releases?project=alpha").body());
            assertEquals(2, releases.size());
            assertEquals("alphaonly20", releases.get(1).get("name").asText());
            JsonNode modules = json.readTree(get(server, "/modules?project=beta").body());
            assertEquals("README*", modules.get(0).get("globs").get(0).asText());

            r = get(server, "/report?project=beta&release=alphaonly20");
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("no release named 'alphaonly20' in project 'beta' (known: [r1])"), r.body());
            r = get(server, "/metrics?project=alpha&module=nope");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("'nope' is not a module of the project 'alpha' (known: [docs])"), r.body());
            r = get(server, "/report?project=gamma");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("'gamma' is not a project of the file (known: [alpha, beta])"), r.body());

            r = get(server, "/ecosystem");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode view = json.readTree(r.body());
            assertEquals(ecosystem, view, "the file's projects group the repositories, as the CLI's");
            Set<String> projects = new TreeSet<>();
            view.get("projects").forEach(p -> projects.add(p.get("name").asText()));
            assertEquals(Set.of("alpha", "beta"), projects);

            r = get(server, "/ecosystem?release=r1&module=docs");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(releaseModule, json.readTree(r.body()), "each project's release and module, as the CLI's");
            assertEquals(3, releaseModule.get("commits").asInt());
            r = get(server, "/ecosystem?release=nope");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("release") && r.body().contains("no project has a release named 'nope'"), r.body());
        }
    }

    @Test
    void project_on_a_server_whose_file_has_no_projects_says_so_and_release_or_module_of_the_ecosystem_needs_a_file() throws Exception {
        EcosystemFixture f = EcosystemFixture.create(dir);
        Path db = dir.resolve("alpha.duckdb");
        cli("analyze", "--quiet", "--db", db.toString(), "--project", f.alpha().toString());
        try (Store store = Store.open(db);
                WebServer server = WebServer.start(new WebServer.Options(store, Project.load(f.alpha()), "127.0.0.1", 0,
                        "test-admin-token-0123456789"))) {
            HttpResponse<String> r = get(server, "/report?project=alpha");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("'alpha' is not a project of the file (the server's project file has no 'projects:')"), r.body());
            r = get(server, "/ecosystem?release=r1");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(2, new ObjectMapper().readTree(r.body()).get("commits").asInt(), "alpha's r1: bob and ann");
        }
        try (Store store = Store.open(db);
                WebServer server = WebServer.start(new WebServer.Options(store, null, "127.0.0.1", 0, "test-admin-token-0123456789"))) {
            HttpResponse<String> r = get(server, "/ecosystem?module=docs");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("module") && r.body().contains("without --project"), r.body());
        }
    }
}
