package dev.tributary.model;

import dev.tributary.TributaryException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Path globs as modules are written in {@code tributary.yaml}, turned into one regular expression that the
 * store matches against repository-relative paths ({@code /}-separated):
 * <ul>
 * <li>{@code **} matches any run of characters, slashes included ({@code nova/virt/**});</li>
 * <li>{@code *} and {@code ?} match within one path segment ({@code *.py}, {@code nova/?/x});</li>
 * <li>a glob with no wildcard names a file or a folder and everything under it ({@code nova/compute});</li>
 * <li>a glob ending in {@code /} names folders, and everything under them ({@code plugins/*}{@code /});</li>
 * </ul>
 * Globs are anchored at the repository's root ({@code **}{@code /*.rst} for any depth); everything else is
 * literal. Stateless.
 */
public final class PathGlobs {
    private PathGlobs() {
    }

    /** The glob itself if usable. @throws TributaryException.InvalidInput for an empty glob or an absolute path */
    public static String check(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new TributaryException.InvalidInput("empty path glob");
        }
        if (glob.startsWith("/") || glob.startsWith("./") || glob.equals(".")) {
            throw new TributaryException.InvalidInput("path glob '" + glob + "' must be relative to the repository's root,"
                    + " without a leading '/' or './'");
        }
        return glob;
    }

    /** One RE2-compatible expression matching a whole path when any glob matches. */
    public static String regex(List<String> globs) {
        return "(?s)" + globs.stream().map(PathGlobs::one).collect(Collectors.joining("|")); // (?s): paths may hold newlines
    }

    private static String one(String glob) {
        boolean folder = glob.endsWith("/");
        String g = folder ? glob.substring(0, glob.length() - 1) : glob;
        boolean wild = g.indexOf('*') >= 0 || g.indexOf('?') >= 0;
        StringBuilder rx = new StringBuilder("(?:");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                    i++;
                    rx.append("(?:.*/)?"); // '**/' : zero or more folders
                } else {
                    rx.append(".*");
                }
            } else if (c == '*') {
                rx.append("[^/]*");
            } else if (c == '?') {
                rx.append("[^/]");
            } else if ("\\.[]{}()+-^$|".indexOf(c) >= 0) {
                rx.append('\\').append(c);
            } else {
                rx.append(c);
            }
        }
        if (!wild) {
            rx.append("(?:/.*)?"); // a file, or a folder and all below it
        } else if (folder) {
            rx.append("/.*"); // 'src/*/': folders, so everything below them
        }
        return rx.append(')').toString();
    }
}
