package dev.tributary.report;

import dev.tributary.identity.EmailMask;

/**
 * Text into HTML. Names, emails, subjects and paths come from commits anyone can write: every one goes
 * through {@link #text} (or {@link #json} inside a script data block), never into markup as it is.
 * Immutable and thread-safe.
 */
final class Html {

    private final boolean hideEmails;

    Html(boolean hideEmails) {
        this.hideEmails = hideEmails;
    }

    /**
     * The value as the page shows it: control and bidi/format characters from author names as '?', and words
     * holding an '@' masked by {@link EmailMask} when asked. The templates escape the result for its context.
     */
    String shown(String s) {
        if (s == null) {
            return "";
        }
        s = printable(s);
        return hideEmails ? EmailMask.text(s) : s;
    }

    /** An address as the page shows it (not escaped): masked whole by {@link EmailMask#address} when asked, a bare 'plainuser' too. */
    String email(String s) {
        if (s == null) {
            return "";
        }
        s = printable(s);
        return hideEmails ? EmailMask.address(s) : s;
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
