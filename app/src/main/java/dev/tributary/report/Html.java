package dev.tributary.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text into HTML. Names, emails, subjects and paths come from commits anyone can write: every one goes
 * through {@link #text} (or {@link #json} inside a script data block), never into markup as it is.
 * Immutable and thread-safe.
 */
final class Html {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@([A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)+)");

    private final boolean hideEmails;

    Html(boolean hideEmails) {
        this.hideEmails = hideEmails;
    }

    /**
     * The value as the page shows it: control and bidi/format characters from author names as '?', and
     * emails masked (local part hidden) when asked. The templates escape the result for its context.
     */
    String shown(String s) {
        if (s == null) {
            return "";
        }
        s = printable(s);
        if (!hideEmails || s.indexOf('@') < 0) {
            return s;
        }
        Matcher m = EMAIL.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement("…@" + m.group(1)));
        }
        m.appendTail(b);
        return b.toString();
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) && cp != '\n' && cp != '\t' || Character.getType(cp) == Character.FORMAT) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Escaped for element content and double- or single-quoted attribute values. */
    String text(String s) {
        return escape(shown(s));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default:
                    // control and bidi/format characters from author names are shown as '?'
                    if (Character.isISOControl(cp) && cp != '\n' && cp != '\t' || Character.getType(cp) == Character.FORMAT) {
                        b.append('?');
                    } else {
                        b.appendCodePoint(cp);
                    }
            }
        });
        return b.toString();
    }

    /**
     * JSON text made safe inside {@code <script type="application/json">}: no {@code <}, {@code >} or
     * {@code &} left (they only occur inside JSON strings, where the \\u escapes mean the same), so no
     * {@code </script>} or comment opener can end the block early.
     */
    static String json(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
