package dev.tributary.source.git;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gerrit's review notes ({@code refs/notes/review}, written by the reviewnotes plugin): per merged commit, one
 * note of lines such as
 * <pre>
 * Code-Review+2: Jane Doe &lt;jane@example.org&gt;
 * Verified+1: CI &lt;ci@example.org&gt;
 * Submitted-by: Jane Doe &lt;jane@example.org&gt;
 * Submitted-at: Tue, 14 Jun 2011 13:26:05 +0200
 * Reviewed-on: https://review.example.org/1234
 * Project: p
 * Branch: refs/heads/master
 * </pre>
 * A label line is {@code LABEL[+-]N: WHO}; {@code Submitted-by} names a person; the other keys carry text. Lines
 * of no such shape are left out. Stateless.
 */
public final class ReviewNotes {
    private ReviewNotes() {
    }

    /** One line of a note: a vote ({@code value} the vote, e.g. Code-Review +2), or a key with a person or text (value 0). */
    public record Line(String key, int value, String name, String email) {
    }

    private static final Pattern VOTE = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)([+-][0-9]{1,3}): (.*)");
    private static final Pattern KEY = Pattern.compile("(Submitted-by|Submitted-at|Reviewed-on|Project|Branch): (.*)");
    private static final Pattern PERSON = Pattern.compile("(.*?)\\s*<([^<>]*)>\\s*");
    /** A note is a few lines; anything longer than this is cut (untrusted text is bounded). */
    static final int MAX_LINES = 200;
    static final int MAX_TEXT = 500;

    /** The lines of one note, in order. */
    public static List<Line> parse(String note) {
        List<Line> out = new ArrayList<>();
        for (String raw : note.split("\n", MAX_LINES + 1)) {
            if (out.size() >= MAX_LINES) {
                break;
            }
            String line = raw.strip();
            Matcher v = VOTE.matcher(line);
            if (v.matches()) {
                String[] who = person(v.group(3));
                out.add(new Line(v.group(1), Integer.parseInt(v.group(2).replace("+", "")), who[0], who[1]));
                continue;
            }
            Matcher k = KEY.matcher(line);
            if (k.matches()) {
                String[] who = k.group(1).equals("Submitted-by") ? person(k.group(2)) : new String[] {cut(k.group(2)), ""};
                out.add(new Line(k.group(1), 0, who[0], who[1]));
            }
        }
        return out;
    }

    private static String[] person(String text) {
        Matcher m = PERSON.matcher(text);
        return m.matches() ? new String[] {cut(m.group(1).strip()), cut(m.group(2).strip())} : new String[] {cut(text.strip()), ""};
    }

    private static String cut(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
}
