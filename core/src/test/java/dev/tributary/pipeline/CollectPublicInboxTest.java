package dev.tributary.pipeline;

import static dev.tributary.pipeline.CollectMailTest.query;
import static dev.tributary.testkit.TestInbox.mail;
import static dev.tributary.testkit.TestInbox.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestInbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectPublicInboxTest {
    @TempDir
    Path dir;

    static final String A = mail("<a@x>", "Ann Lee <ann@ibm.com>", "Mon, 2 Mar 2020 10:00:00 +0000", "[PATCH] mips: fix", "the fix");
    static final String B = reply("<b@x>", "Bob <bob@redhat.com>", "Mon, 2 Mar 2020 12:00:00 +0000", "Re: [PATCH] mips: fix", "<a@x>",
            "> the fix\n\nReviewed-by: Bob <bob@redhat.com>");
    static final String C = mail("<c@x>", "Cy <cy@suse.com>", "Tue, 3 Mar 2020 09:00:00 +0100", "question", "hello");
    static final String SPAM = mail("<spam@x>", "Spammer <s@spam.example>", "Tue, 3 Mar 2020 10:00:00 +0000", "buy", "now");

    @Test
    void a_v2_inbox_is_read_from_each_epochs_commits_and_a_rerun_reads_only_new_commits() throws Exception {
        try (TestInbox inbox = TestInbox.v2(dir.resolve("linux-mips")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(A);
            inbox.epoch(0).deliver(B);
            inbox.epoch(1).deliver(C);
            CollectMail.Result first = CollectMail.run(store, "linux-mips", List.of(inbox.dir()), Progress.NONE);
            assertEquals(3, first.stored());
            assertEquals(2, first.archives().size(), "one archive per epoch: " + first.archives());
            assertEquals("a@x|ann@ibm.com|1583143200|[PATCH] mips: fix\nb@x|bob@redhat.com|1583150400|Re: [PATCH] mips: fix\n"
                    + "c@x|cy@suse.com|1583222400|question\n",
                    query(store, "SELECT message_id, from_email, epoch, subject FROM mail_messages ORDER BY 1"));
            assertEquals("b@x|a@x|a@x\n", query(store, "SELECT message_id, parent_id, thread_root FROM mail_threads WHERE parent_id IS NOT NULL"));

            CollectMail.Result again = CollectMail.run(store, "linux-mips", List.of(inbox.dir()), Progress.NONE);
            assertTrue(again.archives().stream().allMatch(a -> a.status().equals("unchanged")), again.archives().toString());
            assertEquals(0, again.stored());

            inbox.epoch(1).deliver(SPAM);
            String more = reply("<d@x>", "Ann Lee <ann@ibm.com>", "Tue, 3 Mar 2020 11:00:00 +0000", "Re: question", "<c@x>", "answer");
            inbox.epoch(1).deliver(more);
            CollectMail.Result third = CollectMail.run(store, "linux-mips", List.of(inbox.dir()), Progress.NONE);
            assertEquals(2, third.stored());
            assertEquals("unchanged", third.archives().get(0).status());
            assertEquals("resumed", third.archives().get(1).status());
            assertEquals(2, third.archives().get(1).bytes(), "two new commits read");

            inbox.epoch(1).remove(SPAM);
            CollectMail.Result fourth = CollectMail.run(store, "linux-mips", List.of(inbox.dir()), Progress.NONE);
            assertEquals(0, fourth.stored());
            assertEquals("a@x\nb@x\nc@x\nd@x\n", query(store, "SELECT message_id FROM mail_messages ORDER BY 1"),
                    "the removed message is gone");
        }
    }

    @Test
    void a_single_epoch_repository_can_be_named_on_its_own() throws Exception {
        try (TestInbox inbox = TestInbox.v2(dir.resolve("inbox")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(A);
            inbox.epoch(1).deliver(C);
            CollectMail.Result r = CollectMail.run(store, "l", List.of(inbox.epoch(1).gitDir()), Progress.NONE);
            assertEquals(1, r.stored());
            assertEquals("c@x\n", query(store, "SELECT message_id FROM mail_messages"));
        }
    }

    @Test
    void a_v1_ssoma_inbox_is_read_commit_by_commit_and_a_deleted_path_removes_its_message() throws Exception {
        try (TestInbox inbox = TestInbox.v1(dir.resolve("v1.git")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(A);
            inbox.epoch(0).deliver(SPAM);
            inbox.epoch(0).deliver(B);
            CollectMail.Result first = CollectMail.run(store, "l", List.of(inbox.dir()), Progress.NONE);
            assertEquals(3, first.stored());
            assertEquals(0, first.warningsByKind().size(), first.warnings().toString());
            inbox.epoch(0).remove(SPAM);
            inbox.epoch(0).deliver(C);
            CollectMail.Result second = CollectMail.run(store, "l", List.of(inbox.dir()), Progress.NONE);
            assertEquals(1, second.stored());
            assertEquals("a@x\nb@x\nc@x\n", query(store, "SELECT message_id FROM mail_messages ORDER BY 1"));
        }
    }

    @Test
    void bad_input_is_a_warning_naming_the_commit_and_the_rest_is_collected() throws Exception {
        try (TestInbox inbox = TestInbox.v2(dir.resolve("bad")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(A);
            String noM = inbox.epoch(0).commitWithoutMessage();
            String missing = inbox.epoch(0).commitWithMissingBlob();
            String junk = inbox.epoch(0).deliver("\u0000\u0001binary junk\n\nnot a header at all\n".getBytes(StandardCharsets.ISO_8859_1));
            inbox.epoch(0).deliver(B);
            String dup = inbox.epoch(1).deliver(A.replace("the fix", "the fix, delivered again"));
            inbox.epoch(1).deliver(C);
            CollectMail.Result r = CollectMail.run(store, "l", List.of(inbox.dir()), Progress.NONE);
            assertEquals(3, r.stored(), "A, B and C are collected");
            assertEquals(1, r.duplicates());
            String warnings = query(store, "SELECT kind, message FROM mail_warnings ORDER BY archive, archive_offset");
            String[] lines = warnings.split("\n");
            assertEquals(4, lines.length, warnings);
            assertTrue(lines[0].startsWith("no-message|") && lines[0].contains("commit " + noM), lines[0]);
            assertTrue(lines[1].startsWith("missing-object|") && lines[1].contains("commit " + missing)
                    && lines[1].contains("0123456789abcdef0123456789abcdef01234567"), lines[1]);
            assertTrue(lines[2].startsWith("no-sender|") && lines[2].contains("commit " + junk), lines[2]);
            assertTrue(lines[3].startsWith("duplicate-message-id|") && lines[3].contains("commit " + dup) && lines[3].contains("<a@x>"),
                    lines[3]);
            assertEquals("the fix\n", query(store, "SELECT body FROM mail_messages WHERE message_id = 'a@x'"), "the first is kept");

            CollectMail.Result again = CollectMail.run(store, "l", List.of(inbox.dir()), Progress.NONE);
            assertEquals(0, again.stored());
            assertEquals("4\n", query(store, "SELECT count(*) FROM mail_warnings"), "warnings are not stored twice");
        }
    }

    @Test
    void a_rewritten_epoch_is_read_again_whole() throws Exception {
        try (TestInbox inbox = TestInbox.v2(dir.resolve("rw")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(A);
            inbox.epoch(0).deliver(SPAM);
            CollectMail.run(store, "l", List.of(inbox.dir()), Progress.NONE);
        }
        // public-inbox-purge rewrites an epoch's history without the purged message
        try (TestInbox inbox = TestInbox.v2(dir.resolve("rw2")); Store store = Store.open(dir.resolve("s.duckdb"))) {
            inbox.epoch(0).deliver(A);
            inbox.epoch(0).deliver(C);
            java.nio.file.Files.move(dir.resolve("rw/git/0.git"), dir.resolve("old.git"));
            java.nio.file.Files.move(dir.resolve("rw2/git/0.git"), dir.resolve("rw/git/0.git"));
            CollectMail.Result r = CollectMail.run(store, "l", List.of(dir.resolve("rw")), Progress.NONE);
            assertEquals("read", r.archives().get(0).status());
            assertEquals("a@x\nc@x\n", query(store, "SELECT message_id FROM mail_messages ORDER BY 1"));
        }
    }
}
