package dev.tributary.source.mail;

import dev.tributary.model.MailThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.model.MailMessage;
import dev.tributary.source.Warning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fixture under {@code mbox/} is named after the edge case it covers; the expected values are read off it by hand. */
class MailArchivesTest {
    @TempDir
    Path dir;

    record Got(List<MailMessage> messages, List<Warning> warnings, List<Long> warningOffsets, MailArchives.Read read) {
        MailMessage byId(String id) {
            return messages.stream().filter(m -> m.messageId().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
        }

        List<String> kinds() {
            return warnings.stream().map(Warning::kind).toList();
        }
    }

    static Path fixture(String name) throws Exception {
        return Path.of(MailArchivesTest.class.getResource("/mbox/" + name).toURI());
    }

    static Got read(Path file, long from) throws Exception {
        List<MailMessage> ms = new ArrayList<>();
        List<Warning> ws = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        MailArchives.Read r = MailArchives.read(file, file.getFileName().toString(), from, new MailArchives.Sink() {
            @Override
            public void message(MailMessage m) {
                ms.add(m);
            }

            @Override
            public void warning(Warning w, long offset) {
                ws.add(w);
                offsets.add(offset);
            }
        });
        return new Got(ms, ws, offsets, r);
    }

    static Got read(String fixture) throws Exception {
        return read(fixture(fixture), 0);
    }

    @Test
    void pipermail_at_senders_become_addresses_and_names_come_from_the_comment() throws Exception {
        Got g = read("pipermail-at-sender.txt");
        assertEquals(2, g.messages().size());
        MailMessage ann = g.byId("p1@acme.com");
        assertEquals("ann@acme.com", ann.fromEmail());
        assertEquals("Ann Smith", ann.fromName());
        assertEquals(1333360800L, ann.epochSeconds(), "2012-04-02T10:00:00Z");
        MailMessage bob = g.byId("p2@initech.com");
        assertEquals("bob@initech.com", bob.fromEmail());
        assertEquals(120, bob.offsetMinutes());
        assertEquals(1333369800L, bob.epochSeconds(), "14:30 at +02:00 is 12:30 UTC");
        assertEquals("p1@acme.com", bob.inReplyTo());
        assertEquals(List.of("p1@acme.com"), bob.references());
        assertEquals("The build fails.", ann.body());
        assertEquals(List.of(), g.warnings());
        assertEquals(0L, g.messages().get(0).offset());
    }

    @Test
    void rfc2047_names_and_subjects_are_decoded_in_any_charset() throws Exception {
        Got g = read("rfc2047-names.mbox");
        MailMessage jose = g.byId("r1@example.org");
        assertEquals("José García", jose.fromName());
        assertEquals("jose@example.org", jose.fromEmail(), "addresses are lower-cased");
        assertEquals("Café crème naïve", jose.subject());
        assertEquals(-300, jose.offsetMinutes());
        MailMessage li = g.byId("r2@example.cn");
        assertEquals("李四", li.fromName());
        assertEquals("Re: Café crème", li.subject());
    }

    @Test
    void missing_headers_follow_the_documented_rules_with_a_warning_naming_file_and_offset() throws Exception {
        Path file = fixture("missing-headers.mbox");
        Got g = read(file, 0);
        // no Date: envelope date; no sender anywhere: skipped; no id: synthesized; bad date: envelope; cut short: skipped
        assertEquals(List.of("bad-date", "no-sender", "no-message-id", "bad-date", "truncated-message"), g.kinds());
        assertEquals(3, g.messages().size());
        assertEquals(1338969600L, g.byId("m1@example.net").epochSeconds(), "envelope: Wed Jun 6 08:00:00 2012 UTC");
        assertEquals(1338980400L, g.byId("m4@example.net").epochSeconds(), "envelope: 11:00");
        MailMessage noId = g.messages().stream().filter(MailMessage::syntheticId).findFirst().orElseThrow();
        assertEquals("noid@example.net", noId.fromEmail());
        assertTrue(noId.messageId().endsWith("@synthesized.tributary.invalid"));
        assertEquals(noId.messageId(), read(file, 0).messages().stream().filter(MailMessage::syntheticId).findFirst().orElseThrow()
                .messageId(), "the synthesized id is stable");
        String text = Files.readString(file);
        long skipped = text.indexOf("From MAILER-DAEMON");
        assertEquals(skipped, g.warningOffsets().get(1));
        assertEquals("missing-headers.mbox at byte " + skipped, g.warnings().get(1).location());
        long cut = text.indexOf("From cut@");
        assertEquals(cut, g.warningOffsets().get(4));
        assertEquals(cut, g.read().resumeOffset(), "a grown archive is read again from its last, incomplete message");
    }

    @Test
    void raw_latin1_body_without_charset_is_read_as_latin1() throws Exception {
        MailMessage m = read("latin1-body-no-charset.mbox").messages().get(0);
        assertEquals("Un café crème, s'il vous plaît. À bientôt.", m.body());
        assertEquals("café", m.subject());
    }

    @Test
    void raw_gbk_body_without_charset_is_read_as_gbk() throws Exception {
        MailMessage m = read("gbk-body-no-charset.mbox").messages().get(0);
        assertEquals("你好，编译失败了。请帮忙看一下。", m.body());
        assertEquals("编译问题", m.subject());
    }

    @Test
    void multipart_alternative_prefers_the_text_part_and_only_counts_attachments() throws Exception {
        MailMessage m = read("multipart-alternative.mbox").messages().get(0);
        assertEquals("Plain version: naïve €5 and a soft break.", m.body());
        assertTrue(m.attachmentBytes() >= 64, "the base64 attachment's 65 encoded bytes and the html part are counted: "
                + m.attachmentBytes());
    }

    @Test
    void escaped_from_lines_are_unescaped_and_undated_from_lines_do_not_split() throws Exception {
        Got g = read("from-escaping.mbox");
        assertEquals(2, g.messages().size());
        assertEquals("Hello,\nFrom the top, this line was escaped by the mbox writer.\n>From here, twice.\n"
                + "From what I said above, this line is not a separator: no date on it.", g.byId("fe1@example.com").body());
    }

    @Test
    void broken_in_reply_to_gives_no_parent_id_and_threads_fall_back_on_the_subject() throws Exception {
        Got g = read("broken-in-reply-to.mbox");
        assertEquals("", g.byId("b2@example.com").inReplyTo(), "no <id> in In-Reply-To");
        assertEquals("elsewhere@example.org", g.byId("b3@example.com").inReplyTo());
        List<MailThread.Link> links = Threader.thread(g.messages().stream()
                .map(m -> new MailThread.Node(m.messageId(), m.inReplyTo(), m.references(), m.subject(), m.epochSeconds())).toList());
        assertEquals(List.of(new MailThread.Link("b1@example.com", null, "b1@example.com"),
                new MailThread.Link("b2@example.com", "b1@example.com", "b1@example.com"),
                new MailThread.Link("b3@example.com", null, "b3@example.com"),
                new MailThread.Link("b4@example.com", null, "b4@example.com")), links,
                "b2 by subject; b3 replies to a message the list lacks; b4 is past the 30-day subject window");
    }

    @Test
    void a_gzip_archive_is_recognised_by_its_bytes() throws Exception {
        Got g = read("gzip-archive.mbox.gz");
        assertEquals(List.of("z1@example.com", "z2@example.com"), g.messages().stream().map(MailMessage::messageId).toList());
        assertEquals("Second.", g.byId("z2@example.com").body());
    }

    @Test
    void an_eml_file_and_a_maildir_are_single_messages() throws Exception {
        Path maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        String eml = "From: Kim <kim@example.com>\nDate: Wed, 11 Jul 2012 08:00:00 +0000\nSubject: eml\nMessage-ID: <e1@example.com>\n\n"
                + "From the start of a line, not a separator.\n";
        Files.writeString(maildir.resolve("cur").resolve("1.eml"), eml);
        Files.writeString(maildir.resolve("new").resolve("2"), eml.replace("e1@", "e2@"));
        Files.writeString(maildir.resolve("tmp").resolve("3"), eml.replace("e1@", "e3@"));
        List<Path> files = MailArchives.files(maildir);
        assertEquals(2, files.size(), "tmp/ is not delivered yet");
        Got g = read(files.get(0), 0);
        assertEquals(1, g.messages().size());
        assertEquals("From the start of a line, not a separator.", g.messages().get(0).body());
    }

    @Test
    void a_20_mb_attachment_is_counted_not_decoded_and_the_next_message_is_read() throws Exception {
        Path file = dir.resolve("big-attachment.mbox");
        byte[] blob = new byte[20 << 20];
        new java.util.Random(1).nextBytes(blob);
        String encoded = java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(blob);
        Files.writeString(file, "From ann@acme.com Mon Jan  6 10:00:00 2020\nFrom: Ann <ann@acme.com>\n"
                + "Date: Mon, 6 Jan 2020 10:00:00 +0000\nSubject: core dump\nMessage-ID: <big@acme.com>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nThe dump is attached.\n--b\n"
                + "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=core\n"
                + "Content-Transfer-Encoding: base64\n\n" + encoded + "\n--b--\n\n"
                + "From bob@initech.com Mon Jan  6 11:00:00 2020\nFrom: Bob <bob@initech.com>\n"
                + "Date: Mon, 6 Jan 2020 11:00:00 +0000\nSubject: Re: core dump\nMessage-ID: <after@initech.com>\n\nThanks.\n");
        Got g = read(file, 0);
        assertEquals(List.of(), g.warnings());
        assertEquals("The dump is attached.", g.byId("big@acme.com").body());
        long attached = g.byId("big@acme.com").attachmentBytes();
        assertTrue(attached >= encoded.length() && attached < encoded.length() + 100, "the encoded size: " + attached);
        assertEquals("Thanks.", g.byId("after@initech.com").body());
    }

    @Test
    void subjects_normalize_past_list_tags_and_reply_prefixes_in_several_languages() {
        assertEquals("release plan", Threader.normalize("[dev] Re: AW: [dev] Fwd: Release  plan"));
        assertTrue(Threader.isReply("[dev] SV: Release plan"));
        assertTrue(Threader.isReply("回复：编译问题"));
        assertFalse(Threader.isReply("Fwd: Release plan"));
        assertFalse(Threader.isReply("Reply needed: Release plan"));
    }

    @Test
    void dates_as_clients_write_them() {
        assertEquals(1333360800L, MailDates.parse("Mon, 2 Apr 2012 10:00:00 GMT").epochSeconds());
        assertEquals(1333360800L, MailDates.parse("2 Apr 12 06:00 EDT").epochSeconds(), "two-digit year, named zone, no seconds");
        assertEquals(1333360800L, MailDates.parse("Mon Apr  2 10:00:00 2012").epochSeconds(), "asctime");
        assertEquals(1333360800L, MailDates.parse("Mon, 02 Apr 2012 12:00:00 +0200 (CEST)").epochSeconds());
        assertEquals(null, MailDates.parse("31 Feb 2012 10:00:00 +0000"));
    }

    @Test
    void listserv_senders_without_brackets_and_bare_ids_are_read_and_threaded() throws Exception {
        Got g = read("listserv-bare-addresses-and-ids.mbox");
        assertEquals(List.of(), g.warnings());
        assertEquals(5, g.messages().size());
        MailMessage first = g.byId("CY4PR10MB1528AA@CY4PR10MB1528.namprd10.prod.example.com");
        assertEquals("alfonso.rodriguez@spirent.example", first.fromEmail());
        assertEquals("Rodriguez, Alfonso", first.fromName());
        MailMessage reply = g.byId("2020022112144537800715@caict.example.cn");
        assertEquals("wangruixin@caict.example.cn", reply.fromEmail());
        assertEquals("Ruixin Wang", reply.fromName());
        assertEquals(first.messageId(), reply.inReplyTo(), "a bare id in In-Reply-To is read by the Message-ID rule");
        assertEquals(List.of(first.messageId()), reply.references());
        MailMessage third = g.byId("00c601d579a2$51e3e3d0$f5abab70$@vivo.example");
        assertEquals(List.of(first.messageId(), reply.messageId()), third.references(), "bare ids folded over two lines");
        List<MailThread.Link> links = Threader.thread(g.messages().stream()
                .map(m -> new MailThread.Node(m.messageId(), m.inReplyTo(), m.references(), m.subject(), m.epochSeconds())).toList());
        assertEquals(first.messageId(), links.get(1).parent());
        assertEquals(reply.messageId(), links.get(2).parent());
    }

    @Test
    void rfc5322_comments_in_an_address_and_whitespace_folded_inside_an_id_are_read() throws Exception {
        Got g = read("listserv-bare-addresses-and-ids.mbox");
        MailMessage pete = g.byId("folded-id-1234@silly.test");
        assertFalse(pete.syntheticId());
        assertEquals("pete@silly.test", pete.fromEmail());
        assertEquals("Pete", pete.fromName());
        MailMessage ann = g.byId("a5-reply@example.com");
        assertEquals(List.of("folded-id-1234@silly.test"), ann.references());
    }

    @Test
    void a_folder_reads_bz2_and_xz_and_names_every_file_that_is_not_mail() throws Exception {
        Path folder = dir.resolve("archives");
        Files.createDirectories(folder);
        String mbox = "From a@example.com Mon Jan  6 10:00:00 2020\nFrom: A <a@example.com>\nDate: Mon, 6 Jan 2020 10:00:00 +0000\n"
                + "Subject: s\nMessage-ID: <%s@example.com>\n\nText.\n";
        Files.writeString(folder.resolve("2020-01.mbox"), mbox.formatted("plain"));
        try (var o = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(
                Files.newOutputStream(folder.resolve("2020-02.mbox.bz2")))) {
            o.write(mbox.formatted("bz").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (var o = new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(
                Files.newOutputStream(folder.resolve("2020-03.mbox.xz")))) {
            o.write(mbox.formatted("xz").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(folder.resolve("2020-04.zip")))) {
            z.putNextEntry(new java.util.zip.ZipEntry("2020-04.mbox"));
            z.write(mbox.formatted("zip").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.write(folder.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        try (dev.tributary.store.Store s = dev.tributary.store.Store.open(folder.resolve("tributary.duckdb"))) {
            s.path(); // a store kept beside the archives
        }
        Files.createSymbolicLink(folder.resolve("2020-05.mbox"), folder.resolve("gone.mbox"));
        List<Warning> skipped = new ArrayList<>();
        List<Path> files = MailArchives.files(folder, skipped::add);
        assertEquals(List.of("2020-01.mbox", "2020-02.mbox.bz2", "2020-03.mbox.xz"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        java.util.Map<String, String> why = new java.util.TreeMap<>();
        skipped.forEach(w -> why.put(Path.of(w.location()).getFileName().toString(), w.message()));
        assertTrue(why.get("2020-04.zip").startsWith("a zip archive"), why.toString());
        assertTrue(why.get("logo.png").startsWith("a binary file"), why.toString());
        assertTrue(why.get("tributary.duckdb").startsWith("a DuckDB database"), why.toString());
        assertTrue(why.get("2020-05.mbox").startsWith("a symbolic link to a missing file"), why.toString());
        assertEquals("bz@example.com", read(files.get(1), 0).messages().get(0).messageId());
        assertEquals("xz@example.com", read(files.get(2), 0).messages().get(0).messageId());
        dev.tributary.TributaryException e = org.junit.jupiter.api.Assertions.assertThrows(dev.tributary.TributaryException.InvalidInput.class,
                () -> MailArchives.files(Path.of("/dev/zero")));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(dev.tributary.TributaryException.InvalidInput.class,
                () -> MailArchives.files(folder.resolve("2020-04.zip")));
        assertTrue(e.getMessage().contains("a zip archive, not mail"), e.getMessage());
    }
}
