package dev.tributary.metrics;

import static dev.tributary.metrics.HealthTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.model.Dates;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectMail;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail metrics on {@code mbox/threads-and-responses.mbox}, worked out by hand:
 * <pre>
 * T1 Ann  Jan 06 10:00  Bob 12:00 (2 h), Ann 13:00 (her own thread: not a response)
 * T2 Cy   Jan 10 08:00  Build Bot 08:05 (a bot: not a response), Ann 14:00 (6 h)
 * T3 Bob  Jan 20 09:00  Bob (as bob.old@, mailmapped to him) Jan 21: unanswered
 * T4 Dee  Feb 03 10:00  unanswered (Dee's first post)
 * T5 Ann  Feb 10 10:00  Bob 22:00 (12 h), Cy Feb 11 10:00
 * </pre>
 * Ann works for Acme until 2020-02-01 and for Initech after (gitdm email-map); initech.com is Initech.
 */
class MailMetricsTest {
    @TempDir
    Path dir;

    static Map<String, Double> groups(List<Point> points, String metric, String period) {
        Map<String, Double> out = new LinkedHashMap<>();
        points.stream().filter(p -> p.metric().equals(metric) && p.period().equals(period) && !p.group().equals("all"))
                .forEach(p -> out.put(p.group(), p.value()));
        return out;
    }

    @Test
    void monthly_mail_metrics_match_the_hand_worked_answers_and_git_and_list_share_individuals() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Ann", "ann@acme.com", "a", "2019-12-01T10:00:00Z");
        }
        Files.writeString(repo.resolve(".mailmap"), "Bob Jones <bob@initech.com> <bob.old@initech.com>\n"); // the work tree's
        Path map = dir.resolve("email-map");
        Files.writeString(map, "ann@acme.com Acme < 2020-02-01\nann@acme.com Initech\ninitech.com Initech\n");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            ImportCurated.run(store, "gitdm", map);
            int list = CollectMail.run(store, "dev", List.of(Path.of(getClass().getResource("/mbox/threads-and-responses.mbox").toURI())),
                    Progress.NONE).listId();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT DISTINCT person FROM identities),"
                         + " (SELECT list(DISTINCT person ORDER BY person) FROM mail_identities WHERE email LIKE 'ann%' OR email LIKE 'bob%')")) {
                rs.next();
                assertEquals("ann@acme.com", rs.getString(1));
                assertEquals("[ann@acme.com, bob@initech.com]", rs.getString(2),
                        "the list's Ann@ACME.com is git's ann@acme.com; bob.old@ is mapped by the repository's .mailmap");
            }
            MailScope window = new MailScope(List.of(list), Dates.parse("2020-01-01"), Dates.parse("2020-03-01"), false);
            store.deriveStale();
            store.deriveStale();
            MailMetrics metrics = new MailMetrics(store.connection());
            List<Point> monthly = metrics.run(window, MailMetrics.all(), Interval.month, true, 10);
            assertEquals(Map.of("2020-01", 7.0, "2020-02", 4.0), values(monthly, "messages"), "the bot's message is left out");
            assertEquals(Map.of("2020-01", 3.0, "2020-02", 2.0), values(monthly, "threads"));
            assertEquals(Map.of("2020-01", 4.0, "2020-02", 2.0), values(monthly, "replies"));
            assertEquals(Map.of("2020-01", 3.0, "2020-02", 4.0), values(monthly, "posters"));
            assertEquals(Map.of("2020-01", 3.0, "2020-02", 1.0), values(monthly, "new-posters"));
            assertEquals(Map.of("2020-01", 4.0, "2020-02", 12.0), values(monthly, "time-to-first-response-median"), "(2 + 6) / 2; 12");
            assertEquals(5.6, values(monthly, "time-to-first-response-p90").get("2020-01"), 1e-9, "2 + 0.9 * (6 - 2)");
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 1.0), values(monthly, "unanswered-threads"));
            assertEquals(Map.of("2020-01", 2.0, "2020-02", 1.0), values(monthly, "newcomer-threads"), "T1 (Ann's first), T2; T4");
            assertEquals(Map.of("2020-01", 0.0, "2020-02", 1.0), values(monthly, "newcomer-threads-unanswered"));
            // who does the answering: Bob (Initech) twice and Ann (Acme, in January) twice; in February Bob and Cy
            assertEquals(Map.of("Acme", 2.0, "Initech", 2.0), groups(monthly, "replies", "2020-01"));
            assertEquals(Map.of("Initech", 1.0, "Unknown", 1.0), groups(monthly, "replies", "2020-02"));
            assertEquals(Map.of("Initech", 2.0, "Unknown", 2.0), groups(monthly, "posters", "2020-02"), "Ann is at Initech by then");

            List<Point> whole = metrics.run(window, MailMetrics.all(), null, false, 10);
            assertEquals(Map.of("all", 6.0), values(whole, "time-to-first-response-median"), "2, 6, 12");
            assertEquals(10.8, values(whole, "time-to-first-response-p90").get("all"), 1e-9, "6 + 0.8 * (12 - 6)");
            assertEquals(Map.of("all", 5.0), values(whole, "threads"));
            assertEquals(Map.of("all", 2.0), values(whole, "unanswered-threads"));

            MailScope february = new MailScope(List.of(list), Dates.parse("2020-02-01"), Dates.parse("2020-03-01"), false);
            assertEquals(Map.of("all", 1.0), values(metrics.run(february, MailMetrics.all(), null, false, 10), "new-posters"),
                    "Cy and Bob posted before the window: only Dee is new");
            MailScope withBots = new MailScope(List.of(list), null, null, true);
            assertEquals(Map.of("all", 12.0), values(metrics.run(withBots, MailMetrics.all(), null, false, 10), "messages"));
            assertEquals(Map.of("all", 6.0), values(metrics.run(withBots, MailMetrics.all(), null, false, 10),
                    "time-to-first-response-median"), "a bot's reply never counts as a response");
        }
    }

    static String message(String from, String date, String subject, String id, String inReplyTo) {
        return "From x@example.com Mon Jan  6 10:00:00 2020\nFrom: " + from + "\nDate: " + date + "\nSubject: " + subject
                + "\nMessage-ID: <" + id + ">\n" + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n") + "\nText.\n\n";
    }

    @Test
    void a_newcomer_starts_one_newcomer_thread_and_loops_or_self_replies_are_not_orphans() throws Exception {
        Path mbox = dir.resolve("edge.mbox");
        Files.writeString(mbox, message("Ann <ann@example.com>", "Mon, 6 Jan 2020 10:00:00 +0000", "Topic one", "a1@x", null)
                + message("Ann <ann@example.com>", "Mon, 6 Jan 2020 10:00:00 +0000", "Topic two", "a2@x", null)
                + message("Bob <bob@example.com>", "Mon, 6 Jan 2020 11:00:00 +0000", "Re: loop", "l1@x", "l2@x")
                + message("Cy <cy@example.com>", "Mon, 6 Jan 2020 12:00:00 +0000", "Re: loop", "l2@x", "l1@x")
                + message("Dee <dee@example.com>", "Mon, 6 Jan 2020 13:00:00 +0000", "Self", "s1@x", "s1@x"));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int list = CollectMail.run(store, "dev", List.of(mbox), Progress.NONE).listId();
            store.deriveStale();
            List<Point> whole = new MailMetrics(store.connection()).run(new MailScope(List.of(list), null, null, false),
                    MailMetrics.all(), null, false, 10);
            assertEquals(Map.of("all", 4.0), values(whole, "threads"), "a1, a2, the loop cut at l1, s1");
            assertEquals(Map.of("all", 3.0), values(whole, "newcomer-threads"),
                    "Ann's first message (a1, not also a2 in the same second), Bob's l1, Dee's s1");
            assertEquals(Map.of("all", 3.0), values(whole, "unanswered-threads"),
                    "a1, a2 and s1 (a self-reply is answerable, not an orphan); l1, cut from the loop, is answered by Cy");
        }
    }
}
