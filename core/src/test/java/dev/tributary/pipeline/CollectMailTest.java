package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectMailTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(CollectMailTest.class.getResource("/mbox/" + name).toURI());
    }

    static String query(Store store, String sql) throws Exception {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                b.append('\n');
            }
            return b.toString();
        }
    }

    @Test
    void a_re_collect_stores_nothing_twice_and_reads_no_unchanged_archive() throws Exception {
        Path archives = dir.resolve("archives");
        Files.createDirectories(archives);
        for (String f : List.of("threads-and-responses.mbox", "pipermail-at-sender.txt", "gzip-archive.mbox.gz", "missing-headers.mbox")) {
            Files.copy(fixture(f), archives.resolve(f));
        }
        // the same messages again under another name: duplicate Message-IDs across archives
        Files.copy(fixture("pipermail-at-sender.txt"), archives.resolve("pipermail-copy.txt"));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectMail.Result first = CollectMail.run(store, "dev", List.of(archives), Progress.NONE);
            assertEquals(12 + 2 + 2 + 3, first.stored());
            assertEquals(2, first.duplicates(), "the copy's two messages are already stored");
            assertEquals(5, first.warningsByKind().values().stream().mapToInt(Integer::intValue).sum());
            String before = query(store, "SELECT message_id, archive, archive_offset FROM mail_messages ORDER BY 1");
            assertEquals(19, before.lines().count());

            CollectMail.Result again = CollectMail.run(store, "dev", List.of(archives), Progress.NONE);
            assertTrue(again.archives().stream().allMatch(a -> a.status().equals("unchanged")), again.archives().toString());
            assertEquals(before, query(store, "SELECT message_id, archive, archive_offset FROM mail_messages ORDER BY 1"));
            assertEquals("5\n", query(store, "SELECT count(*) FROM mail_warnings"), "warnings are not stored twice either");
        }
    }

    @Test
    void a_growing_current_month_is_read_again_from_its_last_message_without_duplicates() throws Exception {
        Path month = dir.resolve("2012-June.txt");
        String text = Files.readString(fixture("missing-headers.mbox"));
        // pad the head so the file is past the 64 KiB digested prefix, as a real month is
        String pad = "From pad@example.net Tue Jun  5 08:00:00 2012\nFrom: Pad <pad@example.net>\nDate: Tue, 5 Jun 2012 08:00:00 +0000\n"
                + "Subject: padding\nMessage-ID: <pad@example.net>\n\n" + "x".repeat(70_000) + "\n\n";
        Files.writeString(month, pad + text);
        try (Store store = Store.open(dir.resolve("g.duckdb"))) {
            CollectMail.Result r1 = CollectMail.run(store, "users", List.of(month), Progress.NONE);
            assertEquals(4, r1.stored(), "pad, m1, the synthesized one, m4; the cut-short last message is skipped");
            // the month grows: the cut message is completed and one more arrives
            Files.writeString(month, "de\nMessage-ID: <m5@example.net>\n\nnow complete\n\n"
                    + "From late@example.net Sat Jun 30 23:00:00 2012\nFrom: Late <late@example.net>\n"
                    + "Date: Sat, 30 Jun 2012 23:00:00 +0000\nSubject: late\nMessage-ID: <m6@example.net>\n\nlast\n", StandardOpenOption.APPEND);
            CollectMail.Result r2 = CollectMail.run(store, "users", List.of(month), Progress.NONE);
            assertEquals("resumed", r2.archives().get(0).status());
            assertEquals(2, r2.stored());
            assertEquals(0, r2.duplicates());
            assertEquals("m5@example.net|the archive ends inside\n",
                    query(store, "SELECT message_id, subject FROM mail_messages WHERE message_id = 'm5@example.net'"));
            assertEquals("6\n", query(store, "SELECT count(*) FROM mail_messages"));
            assertEquals("bad-date\nbad-date\nno-message-id\nno-sender\n", query(store, "SELECT kind FROM mail_warnings ORDER BY 1"),
                    "the truncated-message warning went with the message it was about");
        }
    }

    @Test
    void a_run_killed_after_some_batches_is_finished_by_the_next_with_the_same_contents() throws Exception {
        Path archive = fixture("threads-and-responses.mbox");
        String all = "SELECT m.message_id, m.archive_offset, t.parent_id, t.thread_root, i.person FROM mail_messages m"
                + " JOIN mail_threads t USING (list_id, message_id) JOIN mail_identities i"
                + " ON i.list_id = m.list_id AND i.name = m.from_name AND i.email = m.from_email ORDER BY 1";
        String clean;
        try (Store store = Store.open(dir.resolve("clean.duckdb"))) {
            CollectMail.Result r = CollectMail.run(store, "dev", List.of(archive), Progress.NONE);
            assertEquals(12, r.stored());
            clean = query(store, all);
        }
        try (Store store = Store.open(dir.resolve("killed.duckdb"))) {
            // what a kill leaves: the first batch committed (here: 3 messages), no cursor, no threads, no identities
            List<dev.tributary.model.MailMessage> first = new java.util.ArrayList<>();
            dev.tributary.source.mail.MailArchives.read(archive, archive.toAbsolutePath().normalize().toString(), 0,
                    new dev.tributary.source.mail.MailArchives.Sink() {
                        @Override
                        public void message(dev.tributary.model.MailMessage m) {
                            if (first.size() < 3) {
                                first.add(m);
                            }
                        }

                        @Override
                        public void warning(dev.tributary.source.Warning w, long offset) {
                        }
                    });
            int list = store.mail().list("dev");
            store.mail().writeBatch(list, archive.toAbsolutePath().normalize().toString(), first, List.of(), List.of(), null);
            CollectMail.Result r = CollectMail.run(store, "dev", List.of(archive), Progress.NONE);
            assertEquals("read", r.archives().get(0).status(), "no cursor: the archive is read again");
            assertEquals(clean, query(store, all));
        }
    }

    @Test
    void a_missing_path_is_reported_and_the_other_paths_are_still_collected() throws Exception {
        try (Store store = Store.open(dir.resolve("m.duckdb"))) {
            CollectMail.Result r = CollectMail.run(store, "dev", List.of(dir.resolve("nope.mbox"), fixture("from-escaping.mbox")),
                    Progress.NONE);
            assertEquals(List.of(dir.resolve("nope.mbox") + ": no such file or directory"), r.failures());
            assertEquals(2, r.stored());
        }
    }
}
