package dev.tributary.source.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns text bytes into a string when the declared charset is missing, unknown or wrong, which list archives
 * are full of. The rule (docs/mail.md):
 * <ol>
 * <li>a declared charset Java knows is used, with two widenings every mail reader applies:
 *     {@code iso-8859-1}/{@code us-ascii} are read as {@code windows-1252}, {@code gb2312}/{@code gbk} as
 *     {@code GB18030} (their supersets); but 8-bit bytes declared {@code us-ascii} go to the guess below;</li>
 * <li>otherwise bytes that are valid UTF-8 are UTF-8;</li>
 * <li>otherwise, if at least 90% of the bytes above 0x7F form GBK double-byte pairs (lead 0x81–0xFE,
 *     trail 0x80–0xFE), GB18030;</li>
 * <li>otherwise windows-1252 (Latin-1 with the C1 range as Windows writes it).</li>
 * </ol>
 * Stateless.
 */
final class Charsets {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final Charset GB18030 = Charset.forName("GB18030");

    private Charsets() {
    }

    static String decode(byte[] b, int off, int len, String declared) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.US_ASCII);
        }
        Charset cs = known(declared);
        if (cs != null) {
            return new String(b, off, len, cs);
        }
        return guess(b, off, len);
    }

    /** The charset to use for a declared name, or null to guess from the bytes. */
    static Charset known(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String d = declared.trim().toLowerCase(Locale.ROOT).replace("\"", "");
        switch (d) {
            case "us-ascii":
            case "ascii":
            case "unknown-8bit":
            case "x-unknown":
            case "unknown":
            case "default":
                return null; // 8-bit bytes under an ASCII label: the label is wrong, guess
            case "iso-8859-1":
            case "latin1":
            case "iso8859-1":
                return WINDOWS_1252;
            case "gb2312":
            case "gbk":
            case "x-gbk":
            case "cp936":
            case "gb18030":
                return GB18030;
            default:
                try {
                    return Charset.forName(d);
                } catch (IllegalArgumentException e) {
                    return null; // unknown or illegal name: guess
                }
        }
    }

    static String guess(byte[] b, int off, int len) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer c = utf8.decode(ByteBuffer.wrap(b, off, len));
            return c.toString();
        } catch (CharacterCodingException e) {
            // not UTF-8: GBK or Latin-1
        }
        int high = 0;
        int paired = 0;
        for (int i = off; i < off + len; i++) {
            int x = b[i] & 0xff;
            if (x < 0x80) {
                continue;
            }
            if (x >= 0x81 && x <= 0xfe && i + 1 < off + len) {
                int y = b[i + 1] & 0xff;
                if (y >= 0x80 && y <= 0xfe) {
                    high += 2;
                    paired += 2;
                    i++;
                    continue;
                }
            }
            high++;
        }
        return new String(b, off, len, high > 0 && paired * 10 >= high * 9 ? GB18030 : WINDOWS_1252);
    }
}
