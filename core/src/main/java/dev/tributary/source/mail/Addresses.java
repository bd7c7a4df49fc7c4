package dev.tributary.source.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Senders and message ids as list archives write them: {@code Name <a@b>}, {@code a@b (Name)}, a bare
 * address, and Pipermail's obfuscated {@code a at b (Name)}, which is turned back into {@code a@b}. Stateless.
 */
final class Addresses {
    private static final Pattern AT = Pattern.compile("^([^\\s@<>()\"]+)\\s+at\\s+([^\\s@<>()\"]+\\.[^\\s@<>()\"]+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MSG_ID = Pattern.compile("<([^<>\\s]+)>");

    private Addresses() {
    }

    /** A sender: display name (may be empty) and address (may be empty when none could be read). */
    record Sender(String name, String email) {
    }

    /** The sender of a decoded {@code From:}-like header value. */
    static Sender sender(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return new Sender("", "");
        }
        String name;
        String email;
        int lt = v.lastIndexOf('<');
        int gt = v.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            email = v.substring(lt + 1, gt).trim();
            name = v.substring(0, lt).trim();
        } else {
            int open = v.indexOf('(');
            int close = v.lastIndexOf(')');
            if (open >= 0 && close > open) {
                name = v.substring(open + 1, close).trim();
                email = v.substring(0, open).trim();
            } else {
                name = "";
                email = v;
            }
        }
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\").trim();
        }
        email = deobfuscate(email);
        if (email.indexOf('@') < 0 || email.indexOf(' ') >= 0) {
            // no address: "undisclosed-recipients", or a name alone; keep the text as a name for the warning
            return new Sender(name.isEmpty() ? v : name, "");
        }
        return new Sender(name, email.toLowerCase(Locale.ROOT));
    }

    /** {@code user at example.com} (Pipermail) back to {@code user@example.com}; other text unchanged. */
    static String deobfuscate(String s) {
        Matcher m = AT.matcher(s.trim());
        return m.matches() ? m.group(1) + "@" + m.group(2) : s.trim();
    }

    /** The message ids in a header value, in order: {@code <id>} forms only; ids are kept without brackets. */
    static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Matcher m = MSG_ID.matcher(value);
        while (m.find()) {
            String id = m.group(1);
            if (id.indexOf('@') > 0 || id.length() > 6) { // "<>" or a stray word in angle brackets is no id
                out.add(id);
            }
        }
        return out;
    }

    /** The id of a Message-ID header: the bracketed id, else a lone bracket-less token with an '@'; or "". */
    static String messageId(String value) {
        List<String> ids = ids(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String v = value == null ? "" : value.trim();
        return !v.isEmpty() && v.indexOf('@') > 0 && v.indexOf(' ') < 0 && v.indexOf('<') < 0 ? v : "";
    }
}
