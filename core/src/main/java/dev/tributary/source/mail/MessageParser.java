package dev.tributary.source.mail;

import dev.tributary.model.MailMessage;
import dev.tributary.source.Warning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Turns one raw message into a {@link MailMessage} with mime4j's streaming parser, leniently (no line,
 * header or size limits). Only text parts are decoded: the first {@code text/plain} part that is not an
 * attachment is the body, else the first {@code text/html} one with its tags removed; every other part is
 * counted in bytes and skipped. Bad input gives warnings (see {@code docs/mail.md} for each rule), never an
 * exception. Not thread-safe: one parser per reading thread.
 */
final class MessageParser {
    /** Decoded bytes of one text part read at most (a body is cut at {@link MailMessage#BODY_LIMIT} characters anyway). */
    private static final int TEXT_READ_LIMIT = 1 << 20;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
    private static final Pattern FROM_ESCAPE = Pattern.compile("(?m)^>(>*From )");
    private static final Pattern TAGS = Pattern.compile("(?s)<(script|style)[^>]*>.*?</\\1>|<[^>]*>");

    private final MimeStreamParser parser;
    private final Handler handler = new Handler();
    private final byte[] skip = new byte[1 << 16];

    MessageParser() {
        MimeConfig config = new MimeConfig.Builder().setMaxLineLen(-1).setMaxHeaderCount(-1).setMaxHeaderLen(-1)
                .setMaxContentLen(-1).setStrictParsing(false).setMalformedHeaderStartsBody(true).build();
        parser = new MimeStreamParser(config);
        parser.setContentDecoding(false); // we decode text parts only; attachments are counted, not decoded
        parser.setNoRecurse(); // an attached message is an attachment, its headers are not the list's
        parser.setContentHandler(handler);
    }

    /**
     * Parses {@code raw}; gives the message, or null after reporting why it was skipped. Warnings about
     * repaired problems (a synthesized id, a date from the envelope) are reported too.
     */
    MailMessage parse(MboxScanner.Raw raw, String archive, Consumer<Warning> warnings) {
        return parse(raw, archive, archive + " at byte " + raw.offset(), warnings);
    }

    /** As {@link #parse(MboxScanner.Raw, String, Consumer)}, with {@code where} naming the message in warnings. */
    MailMessage parse(MboxScanner.Raw raw, String archive, String where, Consumer<Warning> warnings) {
        if (!hasHeaderEnd(raw.bytes(), raw.length())) {
            warnings.accept(new Warning(raw.last() ? "truncated-message" : "no-body", where,
                    raw.last() ? "the archive ends inside this message's header: skipped (re-read when the archive grows)"
                            : "no blank line ends the header: skipped"));
            return null;
        }
        handler.reset();
        try {
            parser.parse(new ByteArrayInputStream(raw.bytes(), 0, raw.length()));
        } catch (MimeException | IOException | RuntimeException e) {
            warnings.accept(new Warning("unparsable-message", where, "cannot be parsed (" + e + "): skipped"));
            return null;
        }
        Handler h = handler;
        Addresses.Sender sender = Addresses.sender(h.from);
        if (sender.email().isEmpty()) {
            Addresses.Sender alt = Addresses.sender(h.sender);
            if (alt.email().isEmpty() && raw.envelope() != null) {
                alt = Addresses.sender(envelopeSender(raw.envelope()));
            }
            if (alt.email().isEmpty()) {
                warnings.accept(new Warning("no-sender", where, "no address in From, Sender or the mbox envelope"
                        + (h.from == null ? "" : " (From: '" + h.from + "')") + ": skipped"));
                return null;
            }
            sender = new Addresses.Sender(sender.name().isEmpty() || sender.name().equals(h.from) ? alt.name() : sender.name(),
                    alt.email());
        }
        MailDates.When when = MailDates.parse(h.date);
        if (when == null || implausible(when)) {
            MailDates.When env = MailDates.asctime(raw.envelope());
            if (env == null) {
                warnings.accept(new Warning("no-date", where, (h.date == null ? "no Date header" : "unreadable Date '" + h.date + "'")
                        + " and no envelope date: skipped"));
                return null;
            }
            warnings.accept(new Warning("bad-date", where, (h.date == null ? "no Date header" : "unreadable Date '" + h.date + "'")
                    + ": the mbox envelope's date is used"));
            when = env;
        }
        String text = h.text != null ? h.text : h.html != null ? html(h.html) : "";
        // mboxrd: a body line ">From " (any number of '>') was escaped by the writer; trailing blank lines are the
        // separator's, not the author's
        text = (text.contains(">From ") ? FROM_ESCAPE.matcher(text).replaceAll("$1") : text).stripTrailing();
        boolean truncated = text.length() > MailMessage.BODY_LIMIT;
        if (truncated) {
            text = text.substring(0, MailMessage.BODY_LIMIT);
        }
        String subject = h.subject == null ? "" : h.subject.strip();
        String id = Addresses.messageId(h.messageId);
        boolean synthetic = id.isEmpty();
        if (synthetic) {
            id = synthesize(sender.email(), when.epochSeconds(), subject, text);
            warnings.accept(new Warning("no-message-id", where, (h.messageId == null ? "no Message-ID" : "unreadable Message-ID '"
                    + h.messageId + "'") + ": synthesized " + id));
        }
        List<String> replyTo = Addresses.ids(h.inReplyTo);
        List<String> refs = Addresses.ids(h.references);
        return new MailMessage(id, synthetic, sender.name(), sender.email(), when.epochSeconds(), when.offsetMinutes(), subject,
                replyTo.isEmpty() ? "" : replyTo.get(0), refs, text, truncated, h.otherBytes + raw.droppedBytes(), archive,
                raw.offset());
    }

    /**
     * The synthesized id of a message without one: a digest of sender, date, subject and body, so the same
     * message in two archives, or read twice, gets the same id.
     */
    static String synthesize(String email, long epoch, String subject, String body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((email + '\n' + epoch + '\n' + subject + '\n' + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 16) + "@synthesized.tributary.invalid";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean implausible(MailDates.When w) {
        // before 1980 (a zero date, a broken clock) or more than two days ahead of this machine's clock
        return w.epochSeconds() < 315_532_800L || w.epochSeconds() > System.currentTimeMillis() / 1000 + 2 * 86_400;
    }

    private static String envelopeSender(String envelope) {
        // "From user@example.com  Mon Apr ..." or Pipermail's "From user at example.com  Mon Apr ..."
        String rest = envelope.substring(5).trim();
        Matcher m = Pattern.compile("^(\\S+ at \\S+|\\S+)").matcher(rest);
        return m.find() ? m.group(1) : "";
    }

    private static boolean hasHeaderEnd(byte[] b, int len) {
        for (int i = 0; i + 1 < len; i++) {
            if (b[i] == '\n' && (b[i + 1] == '\n' || b[i + 1] == '\r' && i + 2 < len && b[i + 2] == '\n')) {
                return true;
            }
        }
        return false;
    }

    private static String html(String html) {
        String t = TAGS.matcher(html).replaceAll(" ");
        return t.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&").replaceAll("[ \\t]+", " ").strip();
    }

    /** A header value: unfolded, raw 8-bit bytes read by the charset rule, RFC 2047 words decoded. */
    private static String headerValue(Field f) {
        ByteSequence raw = f.getRaw();
        if (raw == null) {
            return DecoderUtil.decodeEncodedWords(f.getBody(), DecodeMonitor.SILENT).strip();
        }
        int n = raw.length();
        int colon = 0;
        while (colon < n && raw.byteAt(colon) != ':') {
            colon++;
        }
        byte[] b = new byte[Math.max(0, n - colon - 1)];
        int len = 0;
        for (int i = colon + 1; i < n; i++) {
            byte c = raw.byteAt(i);
            if (c != '\r' && c != '\n') {
                b[len++] = c;
            }
        }
        String s = Charsets.decode(b, 0, len, null);
        return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT).strip();
    }

    private final class Handler extends AbstractContentHandler {
        int headers;
        String from;
        String sender;
        String date;
        String subject;
        String messageId;
        String inReplyTo;
        String references;
        String contentType;
        String disposition;
        String text;
        String html;
        long otherBytes;

        void reset() {
            headers = 0;
            from = sender = date = subject = messageId = inReplyTo = references = null;
            text = html = null;
            otherBytes = 0;
        }

        @Override
        public void startHeader() {
            headers++;
            contentType = null;
            disposition = null;
        }

        @Override
        public void field(Field f) {
            String name = f.getName().toLowerCase(Locale.ROOT).trim();
            switch (name) {
                case "content-type": contentType = f.getBody(); return;
                case "content-disposition": disposition = f.getBody(); return;
                default: break;
            }
            if (headers != 1) {
                return; // a part's own header
            }
            switch (name) { // the first of each wins, as mail readers show it
                case "from": if (from == null) from = headerValue(f); break;
                case "sender": if (sender == null) sender = headerValue(f); break;
                case "date": if (date == null) date = f.getBody(); break;
                case "subject": if (subject == null) subject = headerValue(f); break;
                case "message-id": if (messageId == null) messageId = f.getBody(); break;
                case "in-reply-to": if (inReplyTo == null) inReplyTo = f.getBody(); break;
                case "references": if (references == null) references = f.getBody(); break;
                default: break;
            }
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            String mime = bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
            boolean attachment = disposition != null && disposition.trim().toLowerCase(Locale.ROOT).startsWith("attachment");
            boolean plain = mime.equals("text/plain") && !attachment && text == null;
            boolean markup = mime.equals("text/html") && !attachment && html == null;
            if (!plain && !markup) {
                long n;
                while ((n = is.read(skip)) > 0) {
                    otherBytes += n;
                }
                return;
            }
            String te = bd.getTransferEncoding() == null ? "" : bd.getTransferEncoding().toLowerCase(Locale.ROOT);
            InputStream decoded = te.equals("quoted-printable") ? new QuotedPrintableInputStream(is, DecodeMonitor.SILENT)
                    : te.equals("base64") ? new Base64InputStream(is, DecodeMonitor.SILENT) : is;
            byte[] bytes = decoded.readNBytes(TEXT_READ_LIMIT);
            while (is.read(skip) > 0) {
                // the rest of an enormous text part: past what is kept
            }
            String declared = null;
            if (contentType != null) {
                Matcher m = CHARSET.matcher(contentType);
                if (m.find()) {
                    declared = m.group(1);
                }
            }
            String s = Charsets.decode(bytes, 0, bytes.length, declared).replace("\r\n", "\n");
            if (plain) {
                text = s;
            } else {
                html = s;
            }
        }
    }
}
