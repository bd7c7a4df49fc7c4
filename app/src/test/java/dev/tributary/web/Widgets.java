package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.cli.Main;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitdmFiles;
import dev.tributary.testkit.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The widgets project, shared by the release-report, API and dashboard tests, collected into a store:
 * release {@code two} (v1..v2) has
 * Ann (Acme Labs, 1 changeset, +1), Bob (Initech from 2012-05-01, 1, +4), Cy (Initech, 1, +1) and a bot's
 * changeset left out; Bob's two addresses are one individual (gitdm alias). Module {@code cd} is files c and d.
 */
public final class Widgets {
    public final Path db;
    public final Path project;

    private Widgets(Path db, Path project) {
        this.db = db;
        this.project = project;
    }

    /** Builds the repository and curated files under {@code dir} and collects them with {@code analyze} and {@code report}. */
    public static Widgets create(Path dir) throws Exception {
        Path repo = dir.resolve("widget");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commit().by("Ann", "ann@acme.com", "2011-01-10T10:00:00Z").put("a", "1\n2\n3\n").create();
            String v1 = r.commit().by("Bob", "bob@gmail.com", "2011-02-01T10:00:00Z").put("b", "1\n2\n").create();
            r.tag("v1", v1);
            r.commit().by("Ann", "ann@acme.com", "2012-03-01T10:00:00Z").put("c", "1\n")
                    .message("Add c\n\nReviewed-by: Bob <bob@gmail.com>\nSigned-off-by: Ann <ann@acme.com>\n").create();
            r.commit().by("Bob", "bob@gmail.com", "2012-06-01T10:00:00Z").put("d", "1\n2\n3\n4\n").create();
            r.commit().by("Cy", "cy@initech.com", "2012-07-01T10:00:00Z").put("e", "1\n")
                    .message("Add e\n\nSigned-off-by: Dee <dee@acme.com>\n").create();
            String v2 = r.commit().by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com",
                    "2012-08-01T10:00:00Z").put("f", "1\n").create();
            r.tag("v2", v2);
        }
        GitdmFiles.in(dir.resolve("curated")).aliases("bob@home.org bob@gmail.com").widgetEmployers().write();
        Path project = dir.resolve("tributary.yaml");
        Files.writeString(project, """
                name: widgets
                repositories:
                  - name: widget
                    path: widget
                releases:
                  - name: two
                    ranges: { widget: v1..v2 }
                affiliations:
                  - gitdm: curated/gitdm.config
                modules:
                  cd: [c, d]
                """);
        Path db = dir.resolve("t.duckdb");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // a release report collects that release's ranges only; the API and dashboard also read every repository's HEAD
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "analyze", "--quiet", "--db", db.toString(),
                "--project", project.toString());
        assertEquals(0, code, err.toString());
        code = Main.execute(new PrintWriter(out), new PrintWriter(err), "report", "--quiet", "--db", db.toString(),
                "--project", project.toString(), "--release", "two");
        assertEquals(0, code, err.toString());
        return new Widgets(db, project);
    }

    /**
     * A two-issue GitHub archive (the shape of github-metadata-backup's {@code items/}) written to {@code dir/items}: #1
     * "crash", reported 2020-03-01 by ann, labelled bug, answered by bob five hours later (with a script for a body),
     * closed two days after the report; #2, a title with markup, reported 2020-03-10 by cy, open, unanswered.
     * Returns the folder.
     */
    public static Path twoIssueArchive(Path dir) throws Exception {
        Path items = Files.createDirectories(dir.resolve("items"));
        Files.writeString(items.resolve("000001-main.json"), "{\"number\":1,\"title\":\"crash\",\"user\":{\"login\":\"ann\",\"type\":\"User\"},"
                + "\"state\":\"closed\",\"created_at\":\"2020-03-01T00:00:00Z\",\"closed_at\":\"2020-03-03T00:00:00Z\",\"labels\":[{\"name\":\"bug\"}],"
                + "\"pull_request\":null}");
        Files.writeString(items.resolve("000001-comments.json"), "[{\"id\":7,\"user\":{\"login\":\"bob\",\"type\":\"User\"},"
                + "\"created_at\":\"2020-03-01T05:00:00Z\",\"body\":\"<script>alert(1)</script>\"}]");
        Files.writeString(items.resolve("000002-main.json"), "{\"number\":2,\"title\":\"<img src=x onerror=alert(1)>\",\"user\":{\"login\":\"cy\"},"
                + "\"state\":\"open\",\"created_at\":\"2020-03-10T00:00:00Z\",\"labels\":[],\"pull_request\":null}");
        return items;
    }

    /** The dashboard and REST API over {@code store} with this project, on a free loopback port. */
    public WebServer serve(Store store) {
        return WebServer.start(new WebServer.Options(store, Project.load(project), "127.0.0.1", 0, null));
    }

    /** Where a server started on loopback answers: {@code http://127.0.0.1:PORT}, no slash. */
    public static String base(WebServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Runs the command line with {@code args} (a {@code --db} among them names the store) and checks it exits 0. */
    public static void run(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args), err.toString());
    }
}
