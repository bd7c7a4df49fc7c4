package dev.tributary.model;

import java.util.List;
import java.util.Objects;

/**
 * One commit as a git source read it. Immutable; {@code files} is empty for merges (they are counted, not
 * diffed) and lists each changed path for other commits.
 */
public record Commit(
        String sha,
        List<String> parents,
        Signature author,
        Signature committer,
        String subject,
        String message,
        List<Trailer> trailers,
        List<FileChange> files) {

    public Commit {
        Objects.requireNonNull(sha, "sha");
        if (sha.length() != 40) {
            throw new IllegalArgumentException("not a full commit id: '" + sha + "'");
        }
        parents = List.copyOf(parents);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committer, "committer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        trailers = List.copyOf(trailers);
        files = List.copyOf(files);
        if (parents.size() > 1 && !files.isEmpty()) {
            throw new IllegalArgumentException("merge " + sha + " carries file changes");
        }
    }

    public boolean merge() {
        return parents.size() > 1;
    }

    public long linesAdded() {
        long n = 0;
        for (FileChange f : files) {
            n += f.added();
        }
        return n;
    }

    public long linesRemoved() {
        long n = 0;
        for (FileChange f : files) {
            n += f.removed();
        }
        return n;
    }
}
