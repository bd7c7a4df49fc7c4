package dev.tributary.source.issues;

import dev.tributary.TributaryException;
import java.util.Locale;

/** The kinds of issue tracker Tributary reads; each has its own response shapes and its own way to cite an issue. */
public enum TrackerKind {
    GITHUB, JIRA, LAUNCHPAD, BUGZILLA;

    /** The lower-case name used in the store, the CLI and the project file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws TributaryException.InvalidInput naming the accepted kinds */
    public static TrackerKind of(String s) {
        for (TrackerKind k : values()) {
            if (k.id().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new TributaryException.InvalidInput("unknown tracker kind '" + s + "': github, jira, launchpad or bugzilla");
    }
}
