package dev.tributary.source.git;

import java.util.List;

/**
 * A {@link GitScope} resolved against the repository as it is now: the commits to start from and the
 * commits to exclude, as sorted full ids. Two resolutions are equal exactly when the scope's history is
 * unchanged, which is how a rerun with nothing new skips the walk.
 */
public record ResolvedScope(GitScope scope, List<String> include, List<String> exclude, List<String> shallow) {
    public ResolvedScope {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        shallow = List.copyOf(shallow);
    }

    public ResolvedScope(GitScope scope, List<String> include, List<String> exclude) {
        this(scope, include, exclude, List.of());
    }

    /**
     * The tips as stored in a cursor: included ids, then excluded ids prefixed with {@code ^}, then, for a
     * shallow repository, one {@code shallow:} digest of its boundary, so that deepening it
     * ({@code git fetch --unshallow}) is a change the next collect sees.
     */
    public List<String> tips() {
        var all = new java.util.ArrayList<String>(include);
        for (String e : exclude) {
            all.add("^" + e);
        }
        if (!shallow.isEmpty()) {
            all.add("shallow:" + com.google.common.hash.Hashing.sha256()
                    .hashString(String.join(" ", shallow), java.nio.charset.StandardCharsets.UTF_8).toString().substring(0, 16));
        }
        return all;
    }
}
