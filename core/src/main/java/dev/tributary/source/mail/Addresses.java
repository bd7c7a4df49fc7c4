package dev.tributary.source.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Senders and message ids as list archives write them, read by one small RFC 5322 tokenizer: comments
 * ({@code (...)}, nested, with {@code \} escapes) are set aside outside quoted strings, and whitespace folded
 * inside {@code <...>} is removed. Senders: {@code Name <a@b>}, {@code a@b (Name)}, a bare address, the
 * obsolete {@code Name a@b} without angle brackets (LISTSERV archives), RFC 5322 Appendix A.5's comments
 * inside the address, and Pipermail's obfuscated {@code a at b (Name)}, which is turned back into {@code a@b}.
 * Message ids: see {@link #ids}. Stateless.
 */
final class Addresses {
    private static final Pattern AT = Pattern.compile("^([^\\s@<>()\"]+)\\s+at\\s+([^\\s@<>()\"]+\\.[^\\s@<>()\"]+)$",
            Pattern.CASE_INSENSITIVE);
    /** A bare id or address word: something on each side of one '@', no quotes, brackets or commas. */
    private static final Pattern BARE = Pattern.compile("[^\\s@<>()\",;]+@[^\\s@<>()\",;]+");

    private Addresses() {
    }

    /** A sender: display name (may be empty) and address (may be empty when none could be read). */
    record Sender(String name, String email) {
    }

    /** A header value split into its text outside comments and the text of its first comment. */
    private record Uncommented(String text, String firstComment) {
    }

    /**
     * Removes comments outside quoted strings and angle brackets' quoted parts: each comment becomes one
     * space (so {@code a(x)b} does not join words it separated; inside {@code <...>} whitespace is dropped
     * later anyway). An unclosed comment or quote runs to the end of the value.
     */
    private static Uncommented uncomment(String v) {
        StringBuilder out = new StringBuilder(v.length());
        StringBuilder comment = null;
        String first = null;
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (depth > 0) {
                if (c == '\\' && i + 1 < v.length()) {
                    comment.append(v.charAt(++i));
                } else if (c == '(') {
                    depth++;
                    comment.append(c);
                } else if (c == ')') {
                    if (--depth == 0) {
                        if (first == null) {
                            first = comment.toString().trim();
                        }
                        out.append(' ');
                    } else {
                        comment.append(c);
                    }
                } else {
                    comment.append(c);
                }
            } else if (quoted) {
                out.append(c);
                if (c == '\\' && i + 1 < v.length()) {
                    out.append(v.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                out.append(c);
            } else if (c == '(') {
                depth = 1;
                comment = new StringBuilder();
            } else {
                out.append(c);
            }
        }
        if (depth > 0 && first == null) {
            first = comment.toString().trim();
        }
        return new Uncommented(out.toString(), first == null ? "" : first);
    }

    /** The index of the last {@code <} outside a quoted string, or -1. */
    private static int lastOpenAngle(String v) {
        boolean quoted = false;
        int at = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                at = i;
            }
        }
        return at;
    }

    private static String unquote(String name) {
        String n = name.trim().replaceAll("\\s+", " ");
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\").trim();
        }
        return n;
    }

    private static String noSpace(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** The sender of a decoded {@code From:}-like header value. */
    static Sender sender(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return new Sender("", "");
        }
        Matcher pipermail = AT.matcher(uncomment(v).text().trim());
        if (pipermail.matches()) { // "user at example.com (Name)"
            return new Sender(unquote(uncomment(v).firstComment()),
                    (pipermail.group(1) + "@" + pipermail.group(2)).toLowerCase(Locale.ROOT));
        }
        Uncommented u = uncomment(v);
        String t = u.text();
        String name;
        String email;
        int lt = lastOpenAngle(t);
        int gt = lt < 0 ? -1 : t.indexOf('>', lt);
        if (lt >= 0 && gt > lt) {
            email = noSpace(t.substring(lt + 1, gt));
            name = unquote(t.substring(0, lt));
        } else {
            String s = t.trim();
            int space = Math.max(s.lastIndexOf(' '), s.lastIndexOf('\t'));
            String last = s.substring(space + 1);
            if (BARE.matcher(last).matches()) {
                // a bare address, or the obsolete "Name addr@domain" that LISTSERV archives write
                email = last;
                name = unquote(s.substring(0, space + 1));
            } else {
                email = s;
                name = "";
            }
            if (name.isEmpty()) {
                name = unquote(u.firstComment());
            }
        }
        if (email.startsWith("\"") && email.endsWith("\"") && email.length() >= 2) {
            email = email.substring(1, email.length() - 1);
        }
        if (!BARE.matcher(email).matches()) {
            // no address: "undisclosed-recipients:;", or a name alone; keep the text as a name for the warning
            return new Sender(name.isEmpty() ? v : name, "");
        }
        return new Sender(name, email.toLowerCase(Locale.ROOT));
    }

    /** {@code user at example.com} (Pipermail) back to {@code user@example.com}; other text unchanged. */
    static String deobfuscate(String s) {
        Matcher m = AT.matcher(s.trim());
        return m.matches() ? m.group(1) + "@" + m.group(2) : s.trim();
    }

    /**
     * The message ids in a {@code Message-ID}, {@code In-Reply-To} or {@code References} value, in order,
     * without brackets. One rule for all three headers (docs/mail.md): an id is what stands between
     * {@code <} and {@code >}, with any whitespace inside removed (folding may put a line break there);
     * a value with no {@code <} at all whose every word (comments set aside) is {@code left@right} is a
     * list of bare ids, as LISTSERV archives write them. Anything else ({@code Your message of ...}) holds
     * no id.
     */
    static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        String t = uncomment(value).text();
        if (t.indexOf('<') < 0) {
            String s = t.trim();
            if (s.isEmpty()) {
                return out;
            }
            for (String word : s.split("[\\s,]+")) {
                if (!BARE.matcher(word).matches()) {
                    return new ArrayList<>();
                }
                out.add(word);
            }
            return out;
        }
        int i = 0;
        while ((i = t.indexOf('<', i)) >= 0) {
            int gt = t.indexOf('>', i + 1);
            if (gt < 0) {
                break;
            }
            int reopen = t.lastIndexOf('<', gt);
            String id = noSpace(t.substring(reopen + 1, gt));
            if (id.indexOf('@') > 0 || id.length() > 6) { // "<>" or a stray word in angle brackets is no id
                out.add(id);
            }
            i = gt + 1;
        }
        return out;
    }

    /** The id of a Message-ID header by the rule of {@link #ids}: its first id, or "". */
    static String messageId(String value) {
        List<String> ids = ids(value);
        return ids.isEmpty() ? "" : ids.get(0);
    }
}
