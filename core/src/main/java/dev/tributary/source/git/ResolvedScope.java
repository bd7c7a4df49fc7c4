package dev.tributary.source.git;

import java.util.List;

/**
 * A {@link GitScope} resolved against the repository as it is now: the commits to start from and the
 * commits to exclude, as sorted full ids. Two resolutions are equal exactly when the scope's history is
 * unchanged, which is how a rerun with nothing new skips the walk.
 */
public record ResolvedScope(GitScope scope, List<String> include, List<String> exclude) {
    public ResolvedScope {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The tips as stored in a cursor: included ids, then excluded ids prefixed with {@code ^}. */
    public List<String> tips() {
        var all = new java.util.ArrayList<String>(include);
        for (String e : exclude) {
            all.add("^" + e);
        }
        return all;
    }
}
