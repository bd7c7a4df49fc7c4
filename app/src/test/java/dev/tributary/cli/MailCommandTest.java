package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailCommandTest {
    @TempDir
    Path dir;

    static String message(String from, String date, String id, String inReplyTo) {
        return "From " + from.replaceAll(".*<|>", "") + " Mon Jan  6 10:00:00 2020\n"
                + "From: " + from + "\nDate: " + date + "\nSubject: hello\nMessage-ID: <" + id + ">\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n") + "\nbody\n\n";
    }

    static Map<String, Double> values(JsonNode points) {
        Map<String, Double> out = new HashMap<>();
        points.forEach(p -> {
            if (p.get("group").asText().equals("all")) {
                out.put(p.get("period").asText() + " " + p.get("metric").asText(), p.get("value").asDouble());
            }
        });
        return out;
    }

    @Test
    void collect_mail_help_describes_the_sources_and_exit_codes() {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("collect", "mail", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("Pipermail") && run.out().contains("Maildir") && run.out().contains("Exit codes"), run.out());
        assertEquals(2, AnalyzeCommandTest.tributary("collect", "mail", "--db", dir.resolve("x.duckdb").toString()).code(),
                "no --list, no PATH: a usage error");
    }

    @Test
    void a_bad_path_is_named_and_exits_3_while_the_other_archives_are_collected() throws Exception {
        Path good = dir.resolve("good.mbox");
        Files.writeString(good, message("Ann <ann@acme.com>", "Mon, 6 Jan 2020 10:00:00 +0000", "a1@acme.com", null)
                + message("Bob <bob@initech.com>", "Mon, 6 Jan 2020 13:00:00 +0000", "a2@initech.com", "a1@acme.com")
                + "From nobody Mon Jan  6 14:00:00 2020\nSubject: no sender\n\nx\n\n");
        Path missing = dir.resolve("2020-February.txt.gz");
        String db = dir.resolve("t.duckdb").toString();
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("collect", "mail", "--db", db, "--list", "dev", good.toString(),
                missing.toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains(missing + ": no such file or directory"), run.err());
        assertTrue(run.err().contains("good.mbox at byte " + Files.readString(good).indexOf("From nobody")), run.err());
        assertTrue(run.out().contains("List dev: 2 messages stored"), run.out());

        AnalyzeCommandTest.Run again = AnalyzeCommandTest.tributary("collect", "mail", "--db", db, "--list", "dev", good.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("List dev: 0 messages stored") && again.out().contains("unchanged"), again.out());

        AnalyzeCommandTest.Run metrics = AnalyzeCommandTest.tributary("mail", "--db", db, "--list", "dev", "--format", "json",
                "messages", "threads", "time-to-first-response-median", "unanswered-threads");
        assertEquals(0, metrics.code(), metrics.err());
        Map<String, Double> v = values(new ObjectMapper().readTree(metrics.out()));
        assertEquals(Map.of("all messages", 2.0, "all threads", 1.0, "all time-to-first-response-median", 3.0,
                "all unanswered-threads", 0.0), v);

        AnalyzeCommandTest.Run unknown = AnalyzeCommandTest.tributary("mail", "--db", db, "--list", "users");
        assertEquals(3, unknown.code());
        assertTrue(unknown.err().contains("no list named 'users'"), unknown.err());
    }

    @Test
    void a_project_collects_its_lists_by_glob_and_a_release_window_applies() throws Exception {
        Path repo = dir.resolve("repo");
        try (TestRepo r = TestRepo.init(repo)) {
            String c1 = r.commit().by("Ann", "ann@acme.com", "2020-01-01T00:00:00Z").put("a", "1\n").create();
            r.tag("v1", c1);
            r.commit().by("Ann", "ann@acme.com", "2020-01-15T00:00:00Z").put("a", "2\n").create();
            String c3 = r.commit().by("Ann", "ann@acme.com", "2020-02-01T00:00:00Z").put("a", "3\n").create();
            r.tag("v2", c3);
        }
        Path archives = dir.resolve("archives");
        Files.createDirectories(archives);
        Files.writeString(archives.resolve("2020-January.txt"),
                message("Ann <ann@acme.com>", "Sun, 5 Jan 2020 10:00:00 +0000", "before@acme.com", null) // before v2's range
                        + message("Ann <ann@acme.com>", "Mon, 20 Jan 2020 10:00:00 +0000", "in@acme.com", null));
        Files.writeString(archives.resolve("2020-February.txt"),
                message("Bob <bob@initech.com>", "Mon, 3 Feb 2020 10:00:00 +0000", "after@initech.com", null));
        Path project = dir.resolve("tributary.yaml");
        Files.writeString(project, "name: p\nrepositories:\n  - name: repo\n    path: repo\nreleases:\n  - name: two\n"
                + "    ranges: { repo: v1..v2 }\nmailingLists:\n  - name: dev\n    paths: [archives/*.txt]\n");
        String db = dir.resolve("p.duckdb").toString();
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("mail", "--db", db, "--project", project.toString(), "--release", "two",
                "--format", "json", "messages", "posters");
        assertEquals(0, run.code(), run.err());
        // v1..v2 holds the commits of Jan 15 and Feb 1: messages dated [Jan 15, Feb 1 00:00:01) count
        assertEquals(Map.of("all messages", 1.0, "all posters", 1.0), values(new ObjectMapper().readTree(run.out())));
        AnalyzeCommandTest.Run all = AnalyzeCommandTest.tributary("mail", "--db", db, "--project", project.toString(), "--no-collect",
                "--format", "csv", "messages");
        assertEquals(0, all.code(), all.err());
        assertEquals("period,metric,group,value\nall,messages,\"all\",3\n", all.out());
    }

    @Test
    void a_public_inbox_is_collected_and_measured_with_kind_patch_a_git_repository_that_is_not_one_exits_3() throws Exception {
        Path inboxDir = dir.resolve("lore");
        try (dev.tributary.testkit.TestInbox inbox = dev.tributary.testkit.TestInbox.v2(inboxDir)) {
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.mail("<p1@x>", "Ann <ann@ibm.com>", "Mon, 2 Mar 2020 10:00:00 +0000",
                    "[PATCH v2 1/1] a: fix", "fix"));
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.reply("<r1@x>", "Bob <bob@redhat.com>", "Mon, 2 Mar 2020 13:00:00 +0000",
                    "Re: [PATCH v2 1/1] a: fix", "<p1@x>", "Tested-by: Bob <bob@redhat.com>"));
        }
        Path plain = dir.resolve("plain");
        try (TestRepo r = TestRepo.init(plain)) {
            r.commit().put("README", "not mail\n").create();
        }
        String db = dir.resolve("t.duckdb").toString();
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("collect", "mail", "--db", db, "--list", "lore", inboxDir.toString(),
                plain.toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains(plain + ": a git repository but not a public-inbox"), run.err());
        assertTrue(run.out().contains("List lore: 2 messages stored"), run.out());
        AnalyzeCommandTest.Run m = AnalyzeCommandTest.tributary("mail", "--db", db, "--list", "lore", "--kind", "patch", "--format", "json",
                "patches", "reviews-tested", "time-to-first-review-median");
        assertEquals(0, m.code(), m.err());
        assertEquals(Map.of("all patches", 1.0, "all reviews-tested", 1.0, "all time-to-first-review-median", 3.0),
                values(new ObjectMapper().readTree(m.out())));
        assertEquals(3, AnalyzeCommandTest.tributary("mail", "--db", db, "--list", "lore", "--kind", "patch", "lines").code(),
                "not a patch metric");
        assertEquals(2, AnalyzeCommandTest.tributary("mail", "--db", db, "--list", "lore", "--kind", "issue").code());
    }
}
