package dev.tributary.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Fuzzes the .mailmap parser and its lookups with any text: never an exception, every mapping has a name and address. */
class MailmapFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void any_mailmap_parses_and_maps_without_throwing(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Mailmap m = Mailmap.parse(text);
        for (String line : text.lines().limit(20).toList()) {
            Mailmap.Mapping got = m.map(line, line);
            if (got.name() == null || got.email() == null) {
                throw new AssertionError("a mapping without a name or address for '" + line + "'");
            }
        }
        m.aliases();
    }
}
