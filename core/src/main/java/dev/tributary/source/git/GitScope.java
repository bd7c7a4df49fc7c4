package dev.tributary.source.git;

import dev.tributary.TributaryException;
import java.util.Objects;

/**
 * Which history of a repository to collect: what is reachable from HEAD (the default), from every ref
 * ({@code --all}), from one revision ({@code --rev}), or a range {@code A..B} (reachable from B, not from A).
 * The scope's {@link #key()} names its cursor in the store, so that each scope is incremental on its own.
 */
public record GitScope(Mode mode, String rev) {
    public enum Mode { HEAD, ALL, REV, RANGE }

    public static final GitScope HEAD = new GitScope(Mode.HEAD, null);
    public static final GitScope ALL = new GitScope(Mode.ALL, null);

    public GitScope {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.REV || mode == Mode.RANGE) && (rev == null || rev.isBlank())) {
            throw new TributaryException.InvalidInput("a " + mode.name().toLowerCase() + " scope needs a revision");
        }
        if (mode == Mode.RANGE && (!rev.contains("..") || rev.contains("...")
                || rev.startsWith("..") || rev.endsWith(".."))) {
            throw new TributaryException.InvalidInput("range '" + rev + "' is not of the form A..B");
        }
    }

    public static GitScope rev(String rev) {
        return new GitScope(Mode.REV, rev);
    }

    public static GitScope range(String range) {
        return new GitScope(Mode.RANGE, range);
    }

    /** Stable text naming this scope, used as the cursor key in the store. */
    public String key() {
        switch (mode) {
            case HEAD: return "HEAD";
            case ALL: return "--all";
            case REV: return "rev:" + rev;
            default: return "range:" + rev;
        }
    }
}
