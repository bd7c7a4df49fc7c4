package dev.tributary.source.git;

import java.util.ArrayList;
import java.util.List;

/**
 * A commit message's trailers exactly as git finds them ({@code git log --format='%(trailers)'},
 * {@code git interpret-trailers --parse}), a port of git's {@code trailer.c}: the trailer block is the last
 * paragraph after the title whose non-blank lines are all trailers, or hold a git-generated one
 * ({@code Signed-off-by: }, {@code (cherry picked from commit }) and are at least 25% trailers; a trailer
 * line is a key of letters, digits and '-' (optionally followed by spaces) then ':'; an indented line
 * continues the trailer before it; lines starting with '#' are comments. JGit's footer parser accepts any
 * last paragraph and keys like {@code Reviewed-on-3.8-fb}, so its counts stray from git's (3 glusterfs
 * commits). Stateless.
 */
public final class GitTrailers {
    private GitTrailers() {
    }

    /** One trailer: its key as written and its value (continuation lines joined with a space). */
    public record Line(String key, String value) {
    }

    private static final String[] GIT_GENERATED = {"Signed-off-by: ", "(cherry picked from commit "};

    public static List<Line> parse(String message) {
        List<String> lines = lines(message);
        int n = endOfMessage(lines);
        // the title paragraph: up to the first blank line (comments skipped)
        int endOfTitle = 0;
        for (; endOfTitle < n; endOfTitle++) {
            String l = lines.get(endOfTitle);
            if (isComment(l)) {
                continue;
            }
            if (blank(l)) {
                break;
            }
        }
        int start = blockStart(lines, endOfTitle, n);
        List<Line> out = new ArrayList<>();
        if (start < 0) {
            return out;
        }
        String key = null;
        StringBuilder value = null;
        for (int i = start; i < n; i++) {
            String l = lines.get(i);
            if (isComment(l)) {
                continue;
            }
            if (!l.isEmpty() && (l.charAt(0) == ' ' || l.charAt(0) == '\t')) {
                if (key != null) {
                    value.append(' ').append(l.strip());
                }
                continue;
            }
            if (key != null) {
                out.add(new Line(key, value.toString()));
                key = null;
            }
            int sep = separator(l);
            if (sep >= 1) {
                key = l.substring(0, sep).strip();
                value = new StringBuilder(l.substring(sep + 1).strip());
            }
        }
        if (key != null) {
            out.add(new Line(key, value.toString()));
        }
        return out;
    }

    /** Lines without their terminators. */
    private static List<String> lines(String message) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < message.length(); i++) {
            if (message.charAt(i) == '\n') {
                out.add(message.substring(from, i));
                from = i + 1;
            }
        }
        if (from < message.length()) {
            out.add(message.substring(from));
        }
        return out;
    }

    /** git's ignore_non_trailer: trailing blank and comment lines are not part of the message's end. */
    private static int endOfMessage(List<String> lines) {
        int n = lines.size();
        while (n > 0 && (blank(lines.get(n - 1)) || isComment(lines.get(n - 1)))) {
            n--;
        }
        return n;
    }

    /** The first line of the trailer block, or -1 (git's find_trailer_block_start). */
    private static int blockStart(List<String> lines, int endOfTitle, int n) {
        boolean onlySpaces = true;
        boolean recognized = false;
        int trailers = 0;
        int nonTrailers = 0;
        int continuations = 0;
        for (int i = n - 1; i >= endOfTitle; i--) {
            String l = lines.get(i);
            if (isComment(l)) {
                nonTrailers += continuations;
                continuations = 0;
                continue;
            }
            if (blank(l)) {
                if (onlySpaces) {
                    continue;
                }
                nonTrailers += continuations;
                if (recognized && trailers * 3 >= nonTrailers) {
                    return i + 1;
                } else if (trailers > 0 && nonTrailers == 0) {
                    return i + 1;
                }
                return -1;
            }
            onlySpaces = false;
            boolean generated = false;
            for (String p : GIT_GENERATED) {
                if (l.startsWith(p)) {
                    generated = true;
                    break;
                }
            }
            if (generated) {
                trailers++;
                continuations = 0;
                recognized = true;
                continue;
            }
            int sep = separator(l);
            if (sep >= 1 && !Character.isWhitespace(l.charAt(0))) {
                trailers++;
                continuations = 0;
            } else if (!l.isEmpty() && Character.isWhitespace(l.charAt(0))) {
                continuations++;
            } else {
                nonTrailers++;
                nonTrailers += continuations;
                continuations = 0;
            }
        }
        return -1;
    }

    /** git's find_separator with ":": the position of ':' after a key of [A-Za-z0-9-] and optional blanks, or -1. */
    static int separator(String line) {
        boolean whitespace = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!whitespace && (c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
                continue;
            }
            if (i != 0 && (c == ' ' || c == '\t')) {
                whitespace = true;
                continue;
            }
            break;
        }
        return -1;
    }

    private static boolean isComment(String l) {
        return l.startsWith("#");
    }

    private static boolean blank(String l) {
        for (int i = 0; i < l.length(); i++) {
            if (!Character.isWhitespace(l.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
