package dev.tributary.model;

import java.util.Objects;

/**
 * One file changed by a non-merge commit against its first parent (a root commit against the empty tree),
 * as {@code git log --numstat --no-renames} counts it: lines added and removed, or a binary flag with both
 * counts zero.
 */
public record FileChange(String path, int added, int removed, boolean binary) {
    public FileChange {
        Objects.requireNonNull(path, "path");
        if (added < 0 || removed < 0) {
            throw new IllegalArgumentException("negative line count for " + path + ": +" + added + " -" + removed);
        }
        if (binary && (added != 0 || removed != 0)) {
            throw new IllegalArgumentException("binary file with line counts: " + path);
        }
    }
}
