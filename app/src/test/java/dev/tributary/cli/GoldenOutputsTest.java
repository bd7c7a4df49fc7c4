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
import picocli.CommandLine;
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
        api(out, w, projectFile, "api-", List.of("/repositories", "/releases", "/modules", "/summary?top=5",
                "/summary?release=two", "/report?release=two", "/report?top=2", "/metrics?interval=month&by=organization",
                "/metrics?release=two&metric=commits,contributors&interval=quarter&by=person",
                "/metrics?module=cd&interval=year&by=module", "/times", "/organizations", "/organizations?release=two&top=1",
                "/organizations/Initech?release=two&interval=quarter", "/organizations/Acme%20Labs", "/people",
                "/people?match=bob", "/people?unknown=true", "/people/bob@home.org?interval=year", "/people/cy@initech.com",
                "/summary?since=2012-01-01&until=2012-07-01", "/summary?until=2011-01-01&since=2012-01-01",
                "/organizations/Nobody"));
    }

    /** The answers to {@code paths}, in files {@code prefix} + their index. */
    void api(Map<String, String> out, Widgets w, Path projectFile, String prefix, List<String> paths) throws Exception {
        try (Store store = Store.open(w.db);
                WebServer server = WebServer.start(new WebServer.Options(store, Project.load(projectFile), "127.0.0.1", 0,
                        "golden-admin-token-0123456789"))) {
            HttpClient http = HttpClient.newHttpClient();
            int i = 0;
            for (String path : paths) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1" + path)).build(), HttpResponse.BodyHandlers.ofString());
                out.put(String.format("%s%02d.txt", prefix, i++), path + "\n" + r.statusCode() + "\n"
                        + r.body().replace(dir.toString(), "$DIR") + "\n");
            }
        }
    }

    /**
     * The commands over reviews and issues (a GitHub backup, an issue archive), the collect commands' usage and
     * input errors, a few curation writes, and every command's {@code --help}, recorded before the commands
     * shared their options and output (issue 11's duplicates).
     */
    Map<String, String> moreOutputs() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        String backup = Path.of(GoldenOutputsTest.class.getResource("/github-backup/small").toURI()).toString();
        String rdb = dir.resolve("r.duckdb").toString();
        for (String format : List.of("table", "json")) {
            cli(out, "collect-github-backup-" + format, "collect", "github", "o/r", "--backup", backup, "--db",
                    dir.resolve("r-" + format + ".duckdb").toString(), "-q", "--format", format);
        }
        cli(out, "collect-github-backup-again", "collect", "github", "o/r", "--backup", backup, "--db", rdb, "-q");
        for (String format : List.of("table", "json", "csv")) {
            cli(out, "reviews-" + format, "reviews", "--db", rdb, "--format", format);
            cli(out, "reviews-month-by-organization-" + format, "reviews", "--db", rdb, "--interval", "month", "--by",
                    "organization", "--format", format);
            cli(out, "reviews-reviewers-" + format, "reviews", "--reviewers", "--db", rdb, "--format", format);
            cli(out, "reviews-matrix-" + format, "reviews", "--matrix", "--db", rdb, "--format", format);
            cli(out, "reviews-links-" + format, "reviews", "--links", "--db", rdb, "--format", format);
            cli(out, "reviews-credits-" + format, "reviews", "--credits", "--db", rdb, "--format", format);
        }
        cli(out, "reviews-by-person-top-1", "reviews", "--db", rdb, "--by", "person", "--top", "1", "--repo", "o/r",
                "change-requests", "reviews");
        cli(out, "reviews-list", "reviews", "--list");
        cli(out, "error-reviews-by-module", "reviews", "--db", rdb, "--by", "module");
        cli(out, "error-reviews-top", "reviews", "--db", rdb, "--top", "-1");
        cli(out, "error-reviews-unknown-repo", "reviews", "--db", rdb, "--repo", "x/y");
        cli(out, "error-reviews-unknown-metric", "reviews", "--db", rdb, "no-such-metric");

        String items = Widgets.twoIssueArchive(Files.createDirectories(dir.resolve("issues"))).toString();
        String idb = dir.resolve("i.duckdb").toString();
        for (String format : List.of("table", "json")) {
            cli(out, "collect-issues-" + format, "collect", "issues", "--db", dir.resolve("i-" + format + ".duckdb").toString(),
                    "--tracker", "o/r", "--kind", "github", "-q", "--format", format, items);
        }
        cli(out, "collect-issues-again", "collect", "issues", "--db", idb, "--tracker", "o/r", "--kind", "github", "-q", items);
        for (String format : List.of("table", "json", "csv")) {
            cli(out, "issues-" + format, "issues", "--db", idb, "--until", "2021-01-01", "--format", format); // ages: at --until
            cli(out, "issues-month-by-label-" + format, "issues", "--db", idb, "--interval", "month", "--by", "label",
                    "--since", "2020-01-01", "--until", "2020-06-01", "--format", format);
        }
        cli(out, "issues-tracker-top-1", "issues", "--db", idb, "--tracker", "o/r", "--by", "reporter-organization", "--top", "1",
                "--until", "2021-01-01", "issues-new", "issues-open", "issue-age-median");
        cli(out, "issues-list", "issues", "--list");
        cli(out, "error-issues-by", "issues", "--db", idb, "--by", "weather");
        cli(out, "error-issues-top", "issues", "--db", idb, "--top", "-1");
        cli(out, "error-issues-unknown-tracker", "issues", "--db", idb, "--tracker", "nope");
        cli(out, "error-issues-unknown-metric", "issues", "--db", idb, "no-such-metric");
        cli(out, "error-issues-window", "issues", "--db", idb, "--since", "2020-13-01");

        String edb = dir.resolve("e.duckdb").toString();
        cli(out, "error-collect-github-no-repo", "collect", "github", "--db", edb);
        cli(out, "error-collect-github-backup-offline", "collect", "github", "o/r", "--backup", backup, "--offline", "--db", edb);
        cli(out, "error-collect-github-max-wait", "collect", "github", "o/r", "--offline", "--max-wait", "-1", "--db", edb);
        cli(out, "error-collect-github-api-url", "collect", "github", "o/r", "--offline", "--api-url", "ftp://x", "--db", edb);
        cli(out, "error-collect-github-not-a-repo", "collect", "github", "not a repo", "--backup", backup, "--db", edb);
        cli(out, "error-collect-github-not-a-backup", "collect", "github", "o/r", "--backup", dir.resolve("issues").toString(),
                "--db", edb);
        cli(out, "error-collect-gerrit-nothing", "collect", "gerrit", "--db", edb);
        cli(out, "error-collect-gerrit-no-dump", "collect", "gerrit", "--dump", dir.resolve("none.json").toString(), "--db", edb);
        cli(out, "error-collect-issues-neither", "collect", "issues", "--db", edb, "--tracker", "t", "--kind", "github");
        cli(out, "error-collect-issues-both", "collect", "issues", "--db", edb, "--tracker", "t", "--kind", "github",
                "--project", "o/r", items);
        cli(out, "error-collect-issues-kind", "collect", "issues", "--db", edb, "--tracker", "t", "--kind", "trac", items);
        cli(out, "error-collect-issues-max-wait", "collect", "issues", "--db", edb, "--tracker", "t", "--kind", "github",
                "--project", "o/r", "--offline", "--max-wait", "-1");
        cli(out, "error-collect-issues-missing-path", "collect", "issues", "--db", edb, "--tracker", "t", "--kind", "github",
                dir.resolve("none").toString());
        cli(out, "error-collect-mail-nothing", "collect", "mail", "--db", edb);
        cli(out, "error-collect-nothing", "collect", "--db", edb);

        Widgets w = Widgets.create(Files.createDirectories(dir.resolve("curation")));
        String cdb = w.db.toString();
        cli(out, "organizations-alias", "organizations", "alias", "initech.example", "Initech", "--db", cdb);
        cli(out, "organizations-rename", "organizations", "rename", "Initech", "Initech Inc", "--db", cdb);
        cli(out, "undo", "undo", "--db", cdb);
        cli(out, "error-organizations-rename-blank", "organizations", "rename", "Initech", " ", "--db", cdb);
        assertEquals(0, AnalyzeCommandTest.tributary("collect", "github", "o/r", "--backup", backup, "--db", cdb, "-q").code());
        assertEquals(0, AnalyzeCommandTest.tributary("collect", "issues", "--db", cdb, "--tracker", "o/r", "--kind", "github", "-q",
                items).code());
        api(out, w, w.project, "api-more-", List.of("/issues?until=2021-01-01", "/issues?metric=issues-new,issues-open&by=label",
                "/issues?metric=nope", "/issues?by=weather", "/issues?since=2020-02-01&until=2020-01-01",
                "/issues?since=2020-01-01&until=2020-01-01&metric=issues-new", "/reviews", "/reviews?metric=reviews&by=person",
                "/reviews?metric=nope", "/reviews?by=module", "/reviews?since=2020-01-01&until=2020-01-01",
                "/reviews?container=github/o/r&interval=month", "/reviews?container=x", "/reviews/reviewers?by=organization",
                "/reviews/matrix", "/patches", "/patches?metric=nope", "/patches?since=2020-02-01&until=2020-01-01",
                "/patches?list=nope", "/metrics?metric=nope", "/metrics?by=weather", "/metrics?metric=commits,contributors"));
        cli(out, "error-affiliations-enroll-range", "affiliations", "enroll", "bob@home.org", "Initech", "--from", "2012-02-01",
                "--until", "2011-01-01", "--db", cdb);

        cli(out, "help", "--help");
        List<Class<?>> commands = List.of(AnalyzeCommand.class, ReportCommand.class, MetricsCommand.class, ServeCommand.class,
                CollectCommand.class, MailCommand.class, IssuesCommand.class, ReviewsCommand.class, IdentitiesCommand.class,
                AffiliationsCommand.class, OrganizationsCommand.class, LogCommand.class, UndoCommand.class, ExportCommand.class,
                EcosystemCommand.class);
        for (Class<?> c : commands) {
            help(out, new CommandLine(c), new ArrayList<>());
        }
        return out;
    }

    /** {@code tributary COMMAND... --help} for a command and each of its subcommands. */
    void help(Map<String, String> out, CommandLine command, List<String> parents) {
        List<String> path = new ArrayList<>(parents);
        path.add(command.getCommandName());
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        cli(out, "help-" + String.join("-", path), args.toArray(String[]::new));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) {
                help(out, sub, path);
            }
        });
    }

    @Test
    void every_command_and_api_answer_is_byte_identical_to_its_golden_file() throws Exception {
        compare(outputs());
    }

    @Test
    void reviews_issues_collect_errors_curation_and_every_help_are_byte_identical_to_their_golden_files() throws Exception {
        compare(moreOutputs());
    }

    static void compare(Map<String, String> actual) throws Exception {
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
