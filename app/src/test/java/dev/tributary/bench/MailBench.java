package dev.tributary.bench;

import dev.tributary.model.MailMessage;
import dev.tributary.source.Warning;
import dev.tributary.source.mail.MailArchives;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of the mail source on a generated archive. {@code generate FILE MB} writes a deterministic mbox
 * of about MB megabytes: 2,000 senders at 60 domains, threads with replies and quoting, a quarter
 * quoted-printable, a tenth multipart/alternative with HTML, 2% with a base64 attachment of 20-400 KiB, a few
 * {@code >From} lines. {@code inbox PATH ROUNDS} reads a public-inbox the same way. {@code parse FILE ROUNDS} reads it with {@link MailArchives#read} on one thread (every
 * message parsed, nothing stored) and prints the seconds of each round.
 *
 * <p>Run: {@code bench/mail.sh [MB] [ROUNDS]}.
 */
public final class MailBench {
    private MailBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]) << 20);
        } else if (args[0].equals("inbox")) {
            // every message of a public-inbox read and parsed from the git objects, nothing stored
            dev.tributary.source.mail.PublicInbox inbox = dev.tributary.source.mail.PublicInbox.detect(Path.of(args[1])).orElseThrow();
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                long t0 = System.nanoTime();
                long[] n = new long[3];
                for (dev.tributary.source.mail.PublicInbox.Epoch e : inbox.epochs()) {
                    inbox.read(e, null, e.name(), new dev.tributary.source.mail.PublicInbox.Sink() {
                        @Override
                        public void message(MailMessage m, String commit) {
                            n[0]++;
                        }

                        @Override
                        public void removed(String messageId, String commit) {
                            n[1]++;
                        }

                        @Override
                        public void warning(Warning w, String commit) {
                            n[2]++;
                        }
                    });
                }
                System.out.printf(Locale.ROOT, "%.3f %d %d %d%n", (System.nanoTime() - t0) / 1e9, n[0], n[1], n[2]);
            }
        } else {
            int rounds = Integer.parseInt(args[2]);
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                long[] n = new long[2];
                MailArchives.Read r = MailArchives.read(Path.of(args[1]), "bench", 0, new MailArchives.Sink() {
                    @Override
                    public void message(MailMessage m) {
                        n[0]++;
                    }

                    @Override
                    public void warning(Warning w, long offset) {
                        n[1]++;
                    }
                });
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%.3f %d %d %d%n", s, r.bytes(), n[0], n[1]);
            }
        }
    }

    private static final String[] WORDS = ("the build fails on arm when linking against the new allocator patch review merge "
            + "release branch thanks for looking into this I think we should revert it and try again later with tests "
            + "performance regression memory leak kernel driver documentation update please see attached log output "
            + "configure option deprecated warning compiler version upstream downstream backport stable maintainer").split(" ");

    static void generate(Path file, long target) throws Exception {
        Random rnd = new Random(42);
        DateTimeFormatter env = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
        DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.ofHours(2));
        List<String> recent = new ArrayList<>();
        long t = Instant.parse("2010-01-01T00:00:00Z").getEpochSecond();
        long written = 0;
        int n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < target) {
                n++;
                t += rnd.nextInt(1800);
                int who = rnd.nextInt(2000);
                String email = "dev" + who + "@company" + (who % 60) + ".example.com";
                String id = "m" + n + "." + Long.toHexString(rnd.nextLong()) + "@mail.example.com";
                boolean reply = !recent.isEmpty() && rnd.nextInt(3) > 0;
                String parent = reply ? recent.get(rnd.nextInt(recent.size())) : null;
                StringBuilder body = new StringBuilder();
                int lines = 5 + rnd.nextInt(60);
                for (int l = 0; l < lines; l++) {
                    if (reply && l < 4) {
                        body.append("> ");
                    }
                    int words = 4 + rnd.nextInt(10);
                    for (int w = 0; w < words; w++) {
                        body.append(w == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
                    }
                    body.append(rnd.nextInt(50) == 0 ? " caf\u00e9 na\u00efve" : "").append('\n');
                }
                if (rnd.nextInt(100) == 0) {
                    body.append("From the logs above, nothing.\n".replace("From", ">From"));
                }
                StringBuilder m = new StringBuilder(body.length() + 1024);
                m.append("From ").append(email).append(' ').append(env.format(Instant.ofEpochSecond(t))).append('\n');
                m.append("Return-Path: <").append(email).append(">\nReceived: from mx.example.com by lists.example.com; ")
                        .append(rfc.format(Instant.ofEpochSecond(t))).append('\n');
                m.append("From: Developer ").append(who).append(" <").append(email).append(">\n");
                m.append("Date: ").append(rfc.format(Instant.ofEpochSecond(t))).append('\n');
                m.append("Subject: ").append(reply ? "Re: " : "").append("[dev] topic ").append(parent == null ? n : parent.hashCode() & 0xffff)
                        .append('\n');
                m.append("Message-ID: <").append(id).append(">\n");
                if (parent != null) {
                    m.append("In-Reply-To: <").append(parent).append(">\nReferences: <").append(parent).append(">\n");
                }
                m.append("List-Id: Development <dev.lists.example.com>\nMIME-Version: 1.0\n");
                int kind = rnd.nextInt(100);
                byte[] bodyBytes;
                if (kind < 2) {
                    byte[] blob = new byte[20 * 1024 + rnd.nextInt(380 * 1024)];
                    rnd.nextBytes(blob);
                    m.append("Content-Type: multipart/mixed; boundary=\"b").append(n).append("\"\n\n--b").append(n)
                            .append("\nContent-Type: text/plain; charset=utf-8\n\n").append(body).append("--b").append(n)
                            .append("\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"log.bin\"\n"
                                    + "Content-Transfer-Encoding: base64\n\n")
                            .append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(blob)).append("\n--b").append(n).append("--\n");
                    bodyBytes = new byte[0];
                } else if (kind < 12) {
                    m.append("Content-Type: multipart/alternative; boundary=\"a").append(n).append("\"\n\n--a").append(n)
                            .append("\nContent-Type: text/plain; charset=utf-8\n\n").append(body).append("--a").append(n)
                            .append("\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>")
                            .append(body.toString().replace("\n", "<br>\n")).append("</p></body></html>\n--a").append(n).append("--\n");
                    bodyBytes = new byte[0];
                } else if (kind < 37) {
                    m.append("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n");
                    bodyBytes = body.toString().replace("\u00e9", "=C3=A9").replace("\u00ef", "=C3=AF").getBytes(StandardCharsets.US_ASCII);
                } else {
                    m.append("Content-Type: text/plain; charset=utf-8\n\n");
                    bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
                }
                byte[] head = m.toString().getBytes(StandardCharsets.UTF_8);
                out.write(head);
                out.write(bodyBytes);
                out.write('\n');
                written += head.length + bodyBytes.length + 1;
                recent.add(id);
                if (recent.size() > 200) {
                    recent.remove(0);
                }
            }
        }
    }
}
