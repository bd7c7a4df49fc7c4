package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tributary.project.Project;
import dev.tributary.store.Store;
import dev.tributary.web.WebServer;
import dev.tributary.web.Widgets;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's output and every API answer over the widgets project (a release, curated gitdm
 * affiliations, a module) with a mailing list, byte for byte as recorded before the read-model rework
 * (issue 11): a refactoring that moves a figure, a field or a space fails here. The temporary folder is
 * written as {@code $DIR}. The HTML report is left out: it lays out the same figures as the JSON report,
 * and its layout changes on purpose. With {@code -Dgolden.update=true} the files are rewritten instead: do that only
 * for a deliberate change of output, and review the diff like code.
 */
class GoldenOutputsTest {
    @TempDir
    Path dir;

    static final String MBOX = MailCommandTest.message("Ann <ann@acme.com>", "Tue, 1 May 2012 10:00:00 +0000", "a1@acme.com", null)
            + MailCommandTest.message("Bob <bob@gmail.com>", "Tue, 1 May 2012 13:30:00 +0000", "a2@gmail.com", "a1@acme.com")
            + MailCommandTest.message("Cy <cy@initech.com>", "Wed, 6 Jun 2012 09:00:00 +0000", "a3@initech.com", "a1@acme.com")
            + MailCommandTest.message("Dee <dee@acme.com>", "Fri, 20 Jul 2012 09:00:00 +0000", "a4@acme.com", null)
            + MailCommandTest.message("Bob <bob@home.org>", "Mon, 3 Sep 2012 09:00:00 +0000", "a5@home.org", null);

    /** The outputs to compare, by golden file name, in a fixed order. */
    Map<String, String> outputs() throws Exception {
        Widgets w = Widgets.create(dir);
        Path archives = Files.createDirectories(dir.resolve("archives"));
        Files.writeString(archives.resolve("2012.mbox"), MBOX);
        Path project = dir.resolve("with-mail.yaml");
        Files.writeString(project, Files.readString(w.project) + "mailingLists:\n  - name: dev\n    paths: [archives/*.mbox]\n");
        String db = w.db.toString();
        String p = project.toString();
        Map<String, String> out = new LinkedHashMap<>();
        cli(out, "collect-mail", "collect", "mail", "--quiet", "--db", db, "--project", p);
        for (String format : List.of("table", "json")) {
            cli(out, "analyze-" + format, "analyze", "--quiet", "--db", dir.resolve("a.duckdb").toString(), "--format", format,
                    dir.resolve("widget").toString());
            cli(out, "report-release-" + format, "report", "--quiet", "--db", db, "--project", p, "--release", "two",
                    "--no-collect", "--format", format);
            cli(out, "metrics-month-by-organization-" + format, "metrics", "--db", db, "--project", p, "--no-collect",
                    "--interval", "month", "--by", "organization", "--format", format);
            cli(out, "metrics-release-" + format, "metrics", "--db", db, "--project", p, "--release", "two", "--no-collect",
                    "--format", format);
            cli(out, "mail-" + format, "mail", "--db", db, "--list", "dev", "--format", format);
            cli(out, "mail-release-month-by-organization-" + format, "mail", "--db", db, "--project", p, "--release", "two",
                    "--no-collect", "--interval", "month", "--by", "organization", "--format", format);
            cli(out, "organizations-show-" + format, "organizations", "show", "Initech", "--db", db, "--project", p,
                    "--release", "two", "--no-collect", "--format", format);
            cli(out, "organizations-show-quarter-" + format, "organizations", "show", "Acme Labs", "--db", db, "--project", p,
                    "--no-collect", "--interval", "quarter", "--format", format);
            cli(out, "identities-list-" + format, "identities", "list", "--db", db, "--format", format);
            cli(out, "identities-show-" + format, "identities", "show", "bob@home.org", "--db", db, "--format", format);
        }
        cli(out, "metrics-module-by-person-csv", "metrics", "--db", db, "--project", p, "--no-collect", "--module", "cd",
                "--interval", "year", "--by", "person", "--format", "csv");
        cli(out, "metrics-times-json", "metrics", "--db", db, "--project", p, "--no-collect", "--times", "--format", "json");
        cli(out, "error-window-backwards", "metrics", "--db", db, "--project", p, "--no-collect", "--since", "2012-01-01",
                "--until", "2011-01-01");
        cli(out, "error-unknown-release", "report", "--db", db, "--project", p, "--no-collect", "--release", "nine");
        cli(out, "error-mail-window-backwards", "mail", "--db", db, "--list", "dev", "--since", "2012-01-01", "--until", "2011-01-01");
        cli(out, "error-unknown-organization", "organizations", "show", "Nobody", "--db", db, "--project", p, "--no-collect");
        api(out, w, project);
        return out;
    }

    void cli(Map<String, String> out, String name, String... args) {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary(args);
        out.put(name + ".txt", "exit " + run.code() + "\n" + run.out().replace(dir.toString(), "$DIR")
                + (run.code() == 0 ? "" : "stderr:\n" + run.err().replace(dir.toString(), "$DIR")));
    }

    void api(Map<String, String> out, Widgets w, Path projectFile) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/repositories", "/releases", "/modules", "/summary?top=5",
                "/summary?release=two", "/report?release=two", "/report?top=2", "/metrics?interval=month&by=organization",
                "/metrics?release=two&metric=commits,contributors&interval=quarter&by=person",
                "/metrics?module=cd&interval=year&by=module", "/times", "/organizations", "/organizations?release=two&top=1",
                "/organizations/Initech?release=two&interval=quarter", "/organizations/Acme%20Labs", "/people",
                "/people?match=bob", "/people?unknown=true", "/people/bob@home.org?interval=year", "/people/cy@initech.com",
                "/summary?since=2012-01-01&until=2012-07-01", "/summary?until=2011-01-01&since=2012-01-01",
                "/organizations/Nobody"));
        try (Store store = Store.open(w.db);
                WebServer server = WebServer.start(new WebServer.Options(store, Project.load(projectFile), "127.0.0.1", 0,
                        "golden-admin-token-0123456789"))) {
            HttpClient http = HttpClient.newHttpClient();
            int i = 0;
            for (String path : paths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1" + path)).build(), HttpResponse.BodyHandlers.ofString());
                out.put(String.format("api-%02d.txt", i++), path + "\n" + r.statusCode() + "\n"
                        + r.body().replace(dir.toString(), "$DIR") + "\n");
            }
        }
    }

    @Test
    void every_command_and_api_answer_is_byte_identical_to_its_golden_file() throws Exception {
        Map<String, String> actual = outputs();
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String file = "/dev/tributary/golden/" + e.getKey();
            if (Boolean.getBoolean("golden.update")) {
                Path src = Path.of("src/test/resources" + file);
                Files.createDirectories(src.getParent());
                Files.writeString(src, e.getValue());
                continue;
            }
            try (InputStream in = GoldenOutputsTest.class.getResourceAsStream(file)) {
                assertNotNull(in, "no golden file " + file);
                assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), e.getValue(), e.getKey());
            }
        }
    }
}
