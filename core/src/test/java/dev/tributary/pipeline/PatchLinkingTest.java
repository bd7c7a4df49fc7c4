package dev.tributary.pipeline;

import static dev.tributary.pipeline.CollectMailTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.metrics.MailScope;
import dev.tributary.metrics.PatchMetrics;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestInbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture pair built with the git CLI: a developer's repository whose commits are mailed with
 * {@code git format-patch} into a public-inbox, and an upstream repository where a maintainer applies some of
 * them with {@code git am}: one with a {@code Link:} trailer added, one recorded in {@code refs/notes/amlog}, one
 * as mailed (patch-id), one changed on the way in (author + subject), and a v2 series of three of which only
 * two patches land (its v1 never does). The expected links were worked out by hand from those steps.
 */
class PatchLinkingTest {
    @TempDir
    Path dir;
    Path dev;
    Path upstream;
    Path inbox;
    final List<String> mails = new ArrayList<>();

    static final String ANN = "Ann Lee <ann@ibm.com>";

    @BeforeEach
    void build() throws Exception {
        dev = dir.resolve("dev");
        upstream = dir.resolve("upstream");
        Files.createDirectories(dev);
        git(dev, "Maint", "maint@kernel.org", "2020-03-01T09:00:00+00:00", "init", "-q", "-b", "main");
        for (String f : List.of("a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt", "g.txt")) {
            Files.writeString(dev.resolve(f), "line 1 of " + f + "\nline 2\nline 3\nline 4\nline 5\nline 6\n");
        }
        git(dev, "Maint", "maint@kernel.org", "2020-03-01T09:00:00+00:00", "add", ".");
        git(dev, "Maint", "maint@kernel.org", "2020-03-01T09:00:00+00:00", "commit", "-q", "-m", "base");
        git(dir, "Maint", "maint@kernel.org", "2020-03-01T09:00:00+00:00", "clone", "-q", dev.toString(), upstream.toString());

        // Ann's four single patches, each mailed on its own
        String[][] ann = {{"a.txt", "mips: fix one", "p1@ann"}, {"b.txt", "mips: fix two", "p2@ann"},
            {"c.txt", "mips: fix three", "p3@ann"}, {"d.txt", "mips: fix four", "p4@ann"}};
        for (int i = 0; i < ann.length; i++) {
            String date = "2020-03-0" + (2 + i) + "T10:00:00+00:00";
            edit(dev.resolve(ann[i][0]), "line 3", "line 3 fixed by ann");
            git(dev, "Ann Lee", "ann@ibm.com", date, "commit", "-q", "-a", "-m", ann[i][1], "-m", "Why it matters.",
                    "-m", "Signed-off-by: " + ANN);
            mails.add(mail(formatPatch(dev, date, "-1", "HEAD").get(0), ann[i][2], null));
        }
        // Bob's series: v1 (never applied), then v2 with a cover letter, threaded under it
        String bob = "Bob Ray";
        git(dev, bob, "bob@redhat.com", "2020-03-05T10:00:00+00:00", "checkout", "-q", "-b", "v1", "main~4");
        String[] files = {"e.txt", "f.txt", "g.txt"};
        for (int v = 1; v <= 2; v++) {
            if (v == 2) {
                git(dev, bob, "bob@redhat.com", "2020-03-08T10:00:00+00:00", "checkout", "-q", "-b", "v2", "main~4");
            }
            for (int i = 0; i < 3; i++) {
                edit(dev.resolve(files[i]), "line 5", "line 5 cleaned up" + (v == 1 ? " (first try)" : ""));
                git(dev, bob, "bob@redhat.com", "2020-03-0" + (4 + v * 2) + "T1" + i + ":00:00+00:00", "commit", "-q", "-a",
                        "-m", "mips: clean up " + files[i], "-m", "Signed-off-by: Bob Ray <bob@redhat.com>");
            }
            List<String> series = formatPatch(dev, "2020-03-0" + (4 + v * 2) + "T09:00:00+00:00", "--cover-letter", "-n", v == 2 ? "-v2" : "--subject-prefix=PATCH", "-3", "HEAD");
            for (int i = 0; i < series.size(); i++) {
                String text = series.get(i).replace("*** SUBJECT HERE ***", "mips: clean up three files")
                        .replace("*** BLURB HERE ***", "Three small cleanups.");
                mails.add(mail(text, "s" + v + "-" + i + "@bob", i == 0 ? null : "s" + v + "-0@bob"));
            }
        }
        // reviews: a Reviewed-by from the sender, an Acked-by for someone else, a NAK
        mails.add(TestInbox.reply("<r1@carol>", "Carol <carol@suse.com>", "Tue, 3 Mar 2020 08:00:00 +0000", "Re: [PATCH] mips: fix one",
                "<p1@ann>", "> line 3 fixed by ann\n\nReviewed-by: Carol <carol@suse.com>"));
        mails.add(TestInbox.reply("<r2@dave>", "Dave <dave@gmail.com>", "Mon, 9 Mar 2020 12:00:00 +0000",
                "Re: [PATCH v2 0/3] mips: clean up three files", "<s2-0@bob>", "For the series:\nAcked-by: Dave Dee <dave@arm.com>"));
        mails.add(TestInbox.reply("<r3@erin>", "Erin <erin@intel.com>", "Thu, 5 Mar 2020 10:00:00 +0000", "Re: [PATCH] mips: fix three",
                "<p3@ann>", "NACK.\n\nThis breaks the build."));

        try (TestInbox in = TestInbox.v2(dir.resolve("inbox"))) {
            for (String m : mails) {
                in.epoch(0).deliver(m);
            }
            inbox = in.dir();
        }

        // the maintainer applies with git am
        String maint = "2020-03-20T09:00:00+00:00";
        am(mails.get(0)); // p1, then a Link: trailer naming its Message-ID
        String msg = new String(run(upstream, Map.of(), "log", "-1", "--format=%B"), StandardCharsets.UTF_8).strip();
        git(upstream, "Maint", "maint@kernel.org", maint, "commit", "-q", "--amend", "-m",
                msg + "\nLink: https://lore.kernel.org/r/p1@ann");
        am(mails.get(1)); // p2, recorded in amlog
        git(upstream, "Maint", "maint@kernel.org", maint, "notes", "--ref=amlog", "add", "-m", "Message-Id: <p2@ann>", "HEAD");
        am(mails.get(2)); // p3 as mailed
        am(mails.get(3)); // p4, changed on the way in
        edit(upstream.resolve("d.txt"), "line 1 of d.txt", "line 1 of d.txt, touched by the maintainer");
        git(upstream, "Maint", "maint@kernel.org", maint, "commit", "-q", "-a", "--amend", "--no-edit");
        am(mails.get(9)); // v2 1/3
        am(mails.get(10)); // v2 2/3; 3/3 is never applied
    }

    @Test
    void each_patch_is_linked_to_its_commit_by_the_first_method_that_finds_it() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectGit.run(store, upstream, GitScope.HEAD, 1, Progress.NONE);
            CollectMail.run(store, "mips", List.of(inbox), Progress.NONE);
            assertEquals(expectedLinks(), links(store));
        }
    }

    @Test
    void the_links_are_the_same_when_the_mail_is_collected_before_the_repository() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectMail.run(store, "mips", List.of(inbox), Progress.NONE);
            assertEquals("", links(store), "no repository yet");
            CollectGit.run(store, upstream, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(expectedLinks(), links(store));
        }
    }

    @Test
    void series_versions_and_review_replies_are_grouped() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectMail.run(store, "mips", List.of(inbox), Progress.NONE);
            assertEquals("p1@ann|patch|1|-1|-1|p1@ann|p1@ann\n"
                    + "p2@ann|patch|1|-1|-1|p2@ann|p2@ann\n"
                    + "p3@ann|patch|1|-1|-1|p3@ann|p3@ann\n"
                    + "p4@ann|patch|1|-1|-1|p4@ann|p4@ann\n"
                    + "s1-0@bob|cover|1|0|3|s1-0@bob|s1-0@bob\n"
                    + "s1-1@bob|patch|1|1|3|s1-0@bob|s1-0@bob\n"
                    + "s1-2@bob|patch|1|2|3|s1-0@bob|s1-0@bob\n"
                    + "s1-3@bob|patch|1|3|3|s1-0@bob|s1-0@bob\n"
                    + "s2-0@bob|cover|2|0|3|s2-0@bob|s1-0@bob\n"
                    + "s2-1@bob|patch|2|1|3|s2-0@bob|s1-0@bob\n"
                    + "s2-2@bob|patch|2|2|3|s2-0@bob|s1-0@bob\n"
                    + "s2-3@bob|patch|2|3|3|s2-0@bob|s1-0@bob\n",
                    query(store, "SELECT p.message_id, f.kind, f.version, f.number, f.total, p.series_id, p.family_id"
                            + " FROM mail_patches p JOIN mail_patch_facts f USING (list_id, message_id) ORDER BY 1"));
            assertEquals("r1@carol|p1@ann|reviewed|Carol|carol@suse.com\n"
                    + "r2@dave|s2-0@bob|acked|Dave Dee|dave@arm.com\n"
                    + "r3@erin|p3@ann|nacked||\n",
                    query(store, "SELECT r.message_id, r.target_id, t.kind, t.name, t.email FROM mail_patch_replies r"
                            + " JOIN mail_review_trailers t USING (list_id, message_id) ORDER BY 1"));
        }
    }

    @Test
    void patch_metrics_count_series_versions_reviews_and_landings_as_worked_out_by_hand() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectGit.run(store, upstream, GitScope.HEAD, 1, Progress.NONE);
            CollectMail.Result r = CollectMail.run(store, "mips", List.of(inbox), Progress.NONE);
            var points = new PatchMetrics(store.connection()).run(
                    new MailScope(List.of(r.listId()), null, null, false),
                    PatchMetrics.all(), null, PatchMetrics.By.person, 10);
            StringBuilder b = new StringBuilder();
            points.forEach(p -> b.append(p.metric()).append(' ').append(p.group()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", p.value())).append('\n'));
            // Ann: 4 single patches; Bob: v1 and v2 of one series of 3 with cover letters. Replies: Carol reviews p1
            // after 22 h, Erin NAKs p3 after 24 h, Dave acks the v2 series for dave@arm.com 27 h after its cover.
            // The maintainer commits on 2020-03-20 09:00: p1..p4 (posted 2..5 March 10:00) and v2 1/3, 2/3 (cover
            // 8 March 09:00): 431, 407, 383, 359 and 288 hours.
            assertEquals("""
                    patches all 10.00
                    patches Bob Ray 6.00
                    patches Ann Lee 4.00
                    series all 6.00
                    series Ann Lee 4.00
                    series Bob Ray 2.00
                    versions-per-series all 1.20
                    time-to-first-response-median all 24.00
                    time-to-first-review-median all 24.50
                    unanswered-patches all 5.00
                    unanswered-patches Bob Ray 3.00
                    unanswered-patches Ann Lee 2.00
                    review-replies all 3.00
                    review-replies Carol 1.00
                    review-replies Dave 1.00
                    review-replies Erin 1.00
                    review-trailers all 3.00
                    review-trailers Carol 1.00
                    review-trailers Dave 1.00
                    review-trailers Erin 1.00
                    reviews-reviewed all 1.00
                    reviews-reviewed Carol 1.00
                    reviews-acked all 1.00
                    reviews-acked Dave 1.00
                    reviews-tested all 0.00
                    nacks all 1.00
                    nacks Erin 1.00
                    reviewers all 2.00
                    reviewers Carol 1.00
                    reviewers Dave 1.00
                    reviewers-named all 2.00
                    reviewers-named Carol 1.00
                    reviewers-named Dave Dee 1.00
                    series-accepted all 5.00
                    series-accepted Ann Lee 4.00
                    series-accepted Bob Ray 1.00
                    patches-landed all 6.00
                    patches-landed Ann Lee 4.00
                    patches-landed Bob Ray 2.00
                    time-to-land-median all 383.00
                    maintainer-load all 6.00
                    maintainer-load maint@kernel.org 6.00
                    """, b.toString());
        }
    }

    private String expectedLinks() throws Exception {
        String log = new String(run(upstream, Map.of(), "log", "--format=%H %s"), StandardCharsets.UTF_8);
        Map<String, String> sha = new java.util.HashMap<>();
        for (String line : log.split("\n")) {
            sha.put(line.substring(41), line.substring(0, 40));
        }
        return "p1@ann|" + sha.get("mips: fix one") + "|link\n"
                + "p2@ann|" + sha.get("mips: fix two") + "|notes\n"
                + "p3@ann|" + sha.get("mips: fix three") + "|patch-id\n"
                + "p4@ann|" + sha.get("mips: fix four") + "|author-subject\n"
                + "s2-1@bob|" + sha.get("mips: clean up e.txt") + "|patch-id\n"
                + "s2-2@bob|" + sha.get("mips: clean up f.txt") + "|patch-id\n";
    }

    private static String links(Store store) throws Exception {
        return query(store, "SELECT message_id, sha, method FROM patch_commits ORDER BY 1");
    }

    /** A format-patch file as public-inbox stores it: no mbox From line, with our Message-ID (and In-Reply-To). */
    private static String mail(String patch, String id, String parent) {
        String text = patch.substring(patch.indexOf('\n') + 1);
        int from = text.indexOf("\nDate: ");
        String extra = "\nMessage-ID: <" + id + ">" + (parent == null ? "" : "\nIn-Reply-To: <" + parent + ">\nReferences: <" + parent + ">");
        return text.substring(0, from) + extra + text.substring(from);
    }

    private void am(String mail) throws Exception {
        Path f = dir.resolve("am.mbox");
        Files.writeString(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n" + mail);
        git(upstream, "Maint", "maint@kernel.org", "2020-03-20T09:00:00+00:00", "am", "-q", f.toString());
    }

    private List<String> formatPatch(Path repo, String date, String... args) throws Exception {
        Path out = dir.resolve("patches-" + System.nanoTime());
        // the cover letter is from the sender (the identity format-patch runs as): Bob, the only one to send a series
        List<String> a = new ArrayList<>(List.of("-c", "user.name=Bob Ray", "-c", "user.email=bob@redhat.com", "format-patch", "-q", "--no-signature", "-o", out.toString()));
        a.addAll(List.of(args));
        run(repo, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), a.toArray(String[]::new));
        List<String> texts = new ArrayList<>();
        try (var s = Files.list(out)) {
            for (Path p : s.sorted().toList()) {
                texts.add(Files.readString(p));
            }
        }
        return texts;
    }

    private static void edit(Path file, String line, String replacement) throws IOException {
        Files.writeString(file, Files.readString(file).replace(line + "\n", replacement + "\n"));
    }

    private static void git(Path repo, String name, String email, String date, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-c", "user.name=" + name, "-c", "user.email=" + email, "-c", "commit.gpgsign=false"));
        a.addAll(List.of(args));
        run(repo, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), a.toArray(String[]::new));
    }

    private static byte[] run(Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " exited " + p.exitValue());
        }
        return out;
    }
}
