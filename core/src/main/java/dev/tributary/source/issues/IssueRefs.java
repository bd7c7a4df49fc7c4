package dev.tributary.source.issues;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the issues a commit message or a pull request's text says it fixes, in each tracker's own idiom:
 * <ul>
 * <li>GitHub: the closing keywords ({@code close}, {@code closes}, {@code closed}, {@code fix}, {@code fixes},
 * {@code fixed}, {@code resolve}, {@code resolves}, {@code resolved}, case-insensitive, an optional colon)
 * before {@code #N}; several may follow one keyword ({@code Fixes #1, #2});</li>
 * <li>Launchpad: OpenStack's trailers {@code Closes-Bug:}, {@code Partial-Bug:}, {@code Related-Bug:} and
 * Ubuntu's {@code LP: #N};</li>
 * <li>Bugzilla: a {@code BUG: N} or {@code Bug: N} line (Gluster's and Gerrit's habit);</li>
 * <li>Jira: the issue key, {@code ZOOKEEPER-1234}, of the tracker's project (any project when none is named).</li>
 * </ul>
 * Stateless and thread-safe. Text is only matched, never kept.
 */
public final class IssueRefs {
    private static final Pattern GITHUB = Pattern.compile(
            "(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\\s+((?:#\\d+)(?:\\s*(?:,|and)\\s*#\\d+)*)");
    private static final Pattern HASH_NUMBER = Pattern.compile("#(\\d+)");
    private static final Pattern LAUNCHPAD = Pattern.compile(
            "(?im)^\\s*(?:closes-bug|partial-bug|related-bug)\\s*:\\s*#?(\\d+)|\\blp:\\s*#(\\d+)");
    private static final Pattern BUGZILLA = Pattern.compile("(?im)^\\s*bug\\s*:\\s*#?(\\d+)");
    private static final Pattern JIRA = Pattern.compile("\\b([A-Z][A-Z0-9_]+-[1-9]\\d*)\\b");
    /** Characters of a text scanned: a message longer than this is read only this far. */
    static final int SCANNED = 1 << 20;

    private IssueRefs() {
    }

    /**
     * The keys of the issues {@code text} cites, in order of first mention, without repeats.
     *
     * @param project for Jira, the project key ({@code ZOOKEEPER}) whose keys count; "" for any project
     */
    public static List<String> find(TrackerKind kind, String project, String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = text.length() <= SCANNED ? text : text.substring(0, SCANNED);
        Set<String> out = new LinkedHashSet<>();
        switch (kind) {
            case GITHUB -> {
                Matcher m = GITHUB.matcher(t);
                while (m.find()) {
                    Matcher n = HASH_NUMBER.matcher(m.group(1));
                    while (n.find()) {
                        out.add(strip(n.group(1)));
                    }
                }
            }
            case LAUNCHPAD -> {
                Matcher m = LAUNCHPAD.matcher(t);
                while (m.find()) {
                    out.add(strip(m.group(1) != null ? m.group(1) : m.group(2)));
                }
            }
            case BUGZILLA -> {
                Matcher m = BUGZILLA.matcher(t);
                while (m.find()) {
                    out.add(strip(m.group(1)));
                }
            }
            case JIRA -> {
                String prefix = project == null || project.isBlank() ? "" : project.toUpperCase(Locale.ROOT) + "-";
                Matcher m = JIRA.matcher(t);
                while (m.find()) {
                    if (prefix.isEmpty() || m.group(1).startsWith(prefix)) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** "0012" and "12" are the same issue. */
    private static String strip(String digits) {
        String s = digits.replaceFirst("^0+(?=\\d)", "");
        return s.length() > 18 ? s.substring(0, 18) : s;
    }
}
