package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.testkit.TestRepo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained HTML report of a small history with hostile text, worked out by hand: Ann (acme.com)
 * 2 commits, +3 lines; Bob (initech.com) 1 commit, +2; an author named {@code <script>alert(1)</script>}
 * (enrolled by hand in an organization of that name) 1 commit adding a file named
 * {@code "><img src=x onerror=alert(1)>} whose blob is then lost (a warning naming the path; the file left
 * out of the line counts); an author named like that file (gmail.com, Unknown) 1 commit, +1.
 *
 * <p>Git (and JGit) drop {@code <} and {@code >} from author names when writing a commit, so the first
 * author is stored as {@code scriptalert(1)/script}; the markup reaches the page through the organization
 * name and the warning's path, which keep it.
 */
class HtmlReportTest {
    static final String SCRIPT_NAME = "<script>alert(1)</script>";
    static final String IMG_NAME = "\"><img src=x onerror=alert(1)>";

    @TempDir
    Path dir;
    Path repo;
    Path db;

    @BeforeEach
    void hostileHistory() throws Exception {
        repo = dir.resolve("widget");
        build(repo);
        db = dir.resolve("t.duckdb");
        collectAndCurate(repo, db);
    }

    /** The fixture history, also used by the browser tests. */
    static void build(Path repo) throws Exception {
        String lost;
        try (TestRepo r = TestRepo.init(repo)) {
            r.commit().by("Ann", "ann@acme.com", "2021-01-04T09:00:00Z").put("a", "1\n2\n").create();
            r.commit().by("Bob", "bob@initech.com", "2021-02-02T10:00:00Z").put("b", "1\n2\n").create();
            r.commit().by("Ann", "ann@acme.com", "2021-03-03T11:00:00Z").put("c", "1\n").create();
            r.commit().by(SCRIPT_NAME, "evil@evil.example", "2021-03-04T12:00:00Z").put(IMG_NAME, "hostile\n")
                    .message("<b>subject</b> " + IMG_NAME).create();
            r.commit().by(IMG_NAME, "img@gmail.com", "2021-04-05T13:00:00Z").put("d", "1\n").create();
            lost = r.repository().resolve("HEAD~1:" + IMG_NAME).name();
        }
        Files.delete(repo.resolve(".git/objects/" + lost.substring(0, 2) + "/" + lost.substring(2)));
    }

    /** Collects the fixture into {@code db} and enrolls the script-named author in a script-named organization. */
    static void collectAndCurate(Path repo, Path db) {
        AnalyzeCommandTest.Run run = tributary("analyze", "--quiet", "--db", db.toString(), repo.toString());
        assertEquals(0, run.code(), run.err());
        run = tributary("affiliations", "enroll", "--db", db.toString(), "evil@evil.example", SCRIPT_NAME);
        assertEquals(0, run.code(), run.err());
    }

    String report(String... extra) throws Exception {
        Path out = dir.resolve("report.html");
        String[] args = {"report", "--quiet", "--db", db.toString(), "--format", "html", "--output", out.toString(), "--no-collect", repo.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        AnalyzeCommandTest.Run run = tributary(all);
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out(), "the page goes to the file, not to stdout");
        return Files.readString(out);
    }

    static String echarts() throws Exception {
        try (InputStream in = dev.tributary.report.HtmlReport.class.getResourceAsStream("echarts/dist/echarts.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String figure(String page, String id) {
        Matcher m = Pattern.compile("id=\"fig-" + id + "\"><dt>[^<]*</dt><dd>([^<]*)</dd>").matcher(page);
        assertTrue(m.find(), "no figure " + id);
        return m.group(1);
    }

    @Test
    void the_headline_figures_are_the_hand_worked_ones() throws Exception {
        String page = report("--show-emails");
        assertEquals("5", figure(page, "commits"));
        assertEquals("4", figure(page, "contributors"));
        assertEquals("3", figure(page, "organizations"), "acme.com, initech.com and the enrolled one; gmail is Unknown");
        assertEquals("+6 −0", figure(page, "lines"), "the lost blob's line is left out");
        assertEquals("1", figure(page, "elephant"), "acme.com makes 2 of the 4 commits of known organizations");
        assertEquals("2", figure(page, "pony"));
        assertEquals("1", figure(page, "unknown"), "the gmail author: one developer of Unknown organization");
        assertTrue(page.contains("<li>1 collection warnings (skipped or unreadable objects):</li>"), "the lost blob");
        // the tables: Ann first with 2 changesets (40%)
        assertTrue(page.contains("<tr><td>Ann</td><td>ann@acme.com</td><td>acme.com</td><td class=\"n\" data-v=\"2\">2</td>"), page);
        // a span of 3 months: weekly series
        assertTrue(page.contains("series by week"));
    }

    @Test
    void hostile_names_are_shown_as_text_and_no_script_but_ours_is_in_the_page() throws Exception {
        String page = report("--show-emails");
        assertTrue(page.contains("<td>scriptalert(1)/script</td><td>evil@evil.example</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"),
                "the author's name as git stored it, the organization as text");
        assertTrue(page.contains("<td>\"img src=x onerror=alert(1)</td>"), "the other author's name as text (a quote is harmless in content)");
        assertTrue(page.contains("(\"&gt;&lt;img src=x onerror=alert(1)&gt;); file left out of the line counts"),
                "the path in the warning as text");
        String ours = page.replace(echarts(), "");
        assertEquals(3, count(ours, "<script"), "the data block, the library, the report's script");
        assertFalse(ours.contains("<img"), "no element from a name");
        assertFalse(ours.contains("alert(1)</script>"));
        // the chart data is JSON with <, > and & \\u-escaped: no early end of the data block
        String data = ours.substring(ours.indexOf("id=\"tributary-data\">"), ours.indexOf("</script>", ours.indexOf("id=\"tributary-data\">")));
        assertFalse(data.contains("<") || data.contains("&"), data);
        // only our exact scripts may run: a CSP with their hashes, no 'unsafe-inline'
        assertTrue(page.contains("script-src 'sha256-"));
        assertFalse(page.contains("unsafe-inline"));
        assertFalse(ours.contains("http://") || ours.contains("https://"), "nothing fetched from the network");
    }

    @Test
    void emails_are_masked_by_default_and_every_address_is() throws Exception {
        String page = report();
        String ours = page.replace(echarts(), "");
        assertFalse(ours.contains("ann@acme.com") || ours.contains("bob@initech.com") || ours.contains("evil@evil.example"));
        assertTrue(ours.contains("<td>…@acme.com</td>"));
        assertEquals("5", figure(page, "commits"));
    }

    @Test
    void analyze_writes_the_same_report_beside_its_summary() throws Exception {
        Path out = dir.resolve("analyze.html");
        AnalyzeCommandTest.Run run = tributary("analyze", "--quiet", "--db", db.toString(), "--html", out.toString(), repo.toString());
        assertTrue(run.err().isEmpty() || !run.err().contains("internal error"), run.err());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("widget"), run.out());
        String page = Files.readString(out);
        assertEquals("5", figure(page, "commits"));
        assertTrue(page.contains("<title>widget — Tributary report</title>"));
    }

    @Test
    void a_project_with_a_mailing_list_gets_its_activity_and_time_to_first_response_in_the_page() throws Exception {
        Path repo = dir.resolve("listed");
        build(repo);
        // thread 1: Ann at 10:00, Bob answers at 12:00 (2 h), Ann again; thread 2: Cy, unanswered
        try (InputStream mbox = getClass().getResourceAsStream("/mbox/one-thread-answered-in-two-hours-one-unanswered.mbox")) {
            Files.copy(mbox, dir.resolve("dev.mbox"));
        }
        Path project = Files.writeString(dir.resolve("listed.yaml"), """
                name: listed
                repositories: [listed]
                mailingLists:
                  - name: dev
                    paths: [dev.mbox]
                """);
        String db = dir.resolve("listed.duckdb").toString();
        // analyze --project collects the list too; the report then reads the store alone
        var run = AnalyzeCommandTest.tributary("analyze", "--quiet", "--db", db, "--project", project.toString());
        assertEquals(0, run.code(), run.err());
        Path page = dir.resolve("listed.html");
        run = AnalyzeCommandTest.tributary("report", "--quiet", "--no-collect", "--db", db, "--project", project.toString(),
                "--format", "html", "--output", page.toString());
        assertEquals(0, run.code(), run.err());
        String html = Files.readString(page);
        assertTrue(html.contains("<section id=\"mail\"><h2>Mailing lists</h2>"), "the mail section");
        for (String[] f : new String[][] {{"messages", "4"}, {"threads", "2"}, {"posters", "3"}, {"ttfr", "2.0 h"}, {"unanswered", "1"}}) {
            assertTrue(html.contains("id=\"fig-" + f[0] + "\"><dt>") && html.matches("(?s).*id=\"fig-" + f[0] + "\"><dt>[^<]*</dt><dd>"
                    + java.util.regex.Pattern.quote(f[1]) + "</dd>.*"), f[0] + " should be " + f[1]);
        }
        assertFalse(html.contains("Mailing lists: none in this scope"));
    }

    @Test
    void a_project_whose_list_is_a_public_inbox_gets_a_patch_review_section() throws Exception {
        Path repo = dir.resolve("reviewed");
        build(repo);
        // Ann's patch at 10:00, Bob's Reviewed-by at 14:00 (4 h), Cy's Acked-by the next day; Dee's patch unanswered
        try (dev.tributary.testkit.TestInbox inbox = dev.tributary.testkit.TestInbox.v2(dir.resolve("lore"))) {
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.mail("<p1@acme.com>", "Ann <ann@acme.com>",
                    "Mon, 6 Jan 2020 10:00:00 +0000", "[PATCH] x: fix", "fix"));
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.reply("<r1@initech.com>", "Bob <bob@initech.com>",
                    "Mon, 6 Jan 2020 14:00:00 +0000", "Re: [PATCH] x: fix", "<p1@acme.com>", "Reviewed-by: Bob <bob@initech.com>"));
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.reply("<r2@initech.com>", "Cy <cy@initech.com>",
                    "Tue, 7 Jan 2020 10:00:00 +0000", "Re: [PATCH] x: fix", "<p1@acme.com>", "Acked-by: Cy <cy@initech.com>"));
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.mail("<p2@acme.com>", "Dee <dee@acme.com>",
                    "Wed, 8 Jan 2020 10:00:00 +0000", "[PATCH] y: fix", "fix"));
        }
        Path project = Files.writeString(dir.resolve("reviewed.yaml"), """
                name: reviewed
                repositories: [reviewed]
                mailingLists:
                  - name: lore
                    paths: [lore]
                """);
        String db = dir.resolve("reviewed.duckdb").toString();
        Path page = dir.resolve("reviewed.html");
        var run = AnalyzeCommandTest.tributary("report", "--quiet", "--db", db, "--project", project.toString(), "--format", "html",
                "--output", page.toString());
        assertEquals(0, run.code(), run.err());
        String html = Files.readString(page);
        assertTrue(html.contains("<section id=\"patch-review\"><h2>Patch review</h2>"), "the patch section");
        assertEquals("2", figure(html, "patches"));
        assertEquals("2", figure(html, "review-trailers"));
        assertEquals("2", figure(html, "reviewers"));
        assertEquals("4.0 h", figure(html, "patch-ttfr"));
        assertEquals("4.0 h", figure(html, "patch-ttfv"));
        assertEquals("1", figure(html, "unanswered-patches"));
        assertTrue(html.contains("Reviews by organization") && html.contains("initech.com"), "the reviewers' organization");
    }

    @Test
    void an_output_in_a_missing_folder_is_bad_input_with_exit_code_3_and_nothing_written() throws Exception {
        Path out = dir.resolve("missing").resolve("report.html");
        AnalyzeCommandTest.Run run = tributary("report", "--quiet", "--no-collect", "--db", db.toString(), "--format", "html",
                "--output", out.toString(), repo.toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("cannot write " + out + ": no directory"), run.err());
        assertFalse(Files.exists(out.getParent()));
    }

        static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
