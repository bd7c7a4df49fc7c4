package dev.tributary.source.mail;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.model.MailMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the mbox scanner and the message parser with any bytes (seeds: the fixtures' shapes, in
 * {@code MailFuzzTestInputs/}): they split and parse or report, never throw, and every message they give is
 * valid. Runs over the committed inputs in every build; {@code fuzz/run.sh} fuzzes it for a bounded time.
 */
class MailFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void any_bytes_are_split_and_parsed_or_reported_never_thrown(byte[] data) throws IOException {
        MboxScanner scanner = new MboxScanner(new ByteArrayInputStream(data), 0);
        MessageParser parser = new MessageParser();
        long last = -1;
        for (MboxScanner.Raw r; (r = scanner.next()) != null; ) {
            assertTrue(r.offset() > last, "offsets grow");
            last = r.offset();
            MailMessage m = parser.parse(r, "fuzz", w -> assertNotNull(w.message()));
            if (m != null) {
                assertTrue(!m.messageId().isEmpty() && !m.fromEmail().isEmpty(), "a kept message has an id and a sender");
                assertTrue(m.body().length() <= MailMessage.BODY_LIMIT);
            }
            Addresses.ids(new String(r.bytes(), 0, Math.min(r.length(), 4096), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }
}
