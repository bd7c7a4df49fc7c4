package dev.tributary.pipeline;

import static dev.tributary.pipeline.CollectMailTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contributions read model: commits and mail messages in one relation, each with its actor resolved
 * once, a reply with the message it answers and that message's actor; derived only by the explicit
 * {@code deriveStale()} step, and only what a write marked stale.
 */
class ContributionsTest {
    @TempDir
    Path dir;

    static String message(String from, String date, String id, String inReplyTo) {
        return "From x Mon Jan  6 10:00:00 2020\nFrom: " + from + "\nDate: " + date + "\nSubject: s\nMessage-ID: <" + id + ">\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n") + "\nbody\n\n";
    }

    @Test
    void commits_and_messages_are_one_relation_with_the_same_individual_and_a_reply_knows_whom_it_answers() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Ann", "Ann@Acme.com", "a", "2020-01-01T10:00:00Z");
            r.commit().by("Bob", "bob@initech.com", "2020-01-02T10:00:00+02:00").put("b", "1\n2\n").create();
        }
        Path mbox = dir.resolve("dev.mbox");
        Files.writeString(mbox, message("Ann <ann@acme.com>", "Mon, 6 Jan 2020 10:00:00 +0000", "q@acme.com", null)
                + message("Bob <bob@initech.com>", "Mon, 6 Jan 2020 12:00:00 -0500", "a@initech.com", "q@acme.com"));
        try (Store store = Store.open(dir.resolve("t.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            CollectMail.run(store, "dev", List.of(mbox), Progress.NONE);
            assertTrue(store.stale(), "written, not derived yet");
            assertEquals("0\n", query(store, "SELECT count(*) FROM contributions"), "nothing is derived behind a getter");
            assertEquals(List.of("git", "mail", "review", "issues", "people"), store.deriveStale(), "a new store: every source");
            assertFalse(store.stale());
            assertEquals(List.of(), store.deriveStale(), "nothing stale: no work");
            assertEquals("""
                    commit|ann@acme.com|ann@acme.com|0|null|null
                    commit|bob@initech.com|bob@initech.com|120|null|null
                    message|ann@acme.com|ann@acme.com|0|null|null
                    message|bob@initech.com|bob@initech.com|-300|q@acme.com|ann@acme.com
                    """, query(store, "SELECT c.kind, c.email, p.individual, c.at_offset, c.subject_item, sp.individual"
                    + " FROM contributions c JOIN contribution_people p ON p.aid = c.actor"
                    + " LEFT JOIN contribution_people sp ON sp.aid = c.subject_actor ORDER BY c.kind, c.at_epoch"));
            assertEquals("2\n", query(store, "SELECT count(DISTINCT pid) FROM contribution_people"), "Ann and Bob, in git and on the list");
            assertEquals("2\n", query(store, "SELECT count(*) FROM contribution_scopes"), "the commits are in HEAD");
        }
    }

    @Test
    void a_new_commit_re_derives_only_the_git_source_and_the_people() throws Exception {
        Path repo = dir.resolve("r");
        Path mbox = dir.resolve("dev.mbox");
        Files.writeString(mbox, message("Ann <ann@acme.com>", "Mon, 6 Jan 2020 10:00:00 +0000", "q@acme.com", null));
        try (TestRepo r = TestRepo.init(repo); Store store = Store.open(dir.resolve("t.duckdb"))) {
            r.commits("Ann", "ann@acme.com", "a", "2020-01-01T10:00:00Z");
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            CollectMail.run(store, "dev", List.of(mbox), Progress.NONE);
            store.deriveStale();
            r.commits("Ann", "ann@acme.com", "a", "2020-01-03T10:00:00Z");
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(List.of("git", "people"), store.deriveStale());
            assertEquals("commit|2\nmessage|1\n", query(store, "SELECT kind, count(*) FROM contributions GROUP BY 1 ORDER BY 1"));
        }
    }
}
