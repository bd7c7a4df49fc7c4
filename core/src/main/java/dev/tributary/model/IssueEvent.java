package dev.tributary.model;

import java.util.Objects;

/**
 * Something that happened to an issue besides a comment: closed, reopened, a status change, a label, a
 * commit that referenced it. Immutable; {@code at} is UTC epoch seconds.
 *
 * @param kind  {@code closed}, {@code reopened}, {@code status}, {@code referenced}, {@code labeled}, ...
 * @param from  the old value (status changes), or ""
 * @param to    the new value, or ""
 * @param commit the commit sha of a {@code referenced} or {@code closed} event, or ""
 */
public record IssueEvent(String issueKey, String kind, TrackerAccount actor, long at, String from, String to, String commit) {
    public IssueEvent {
        Objects.requireNonNull(issueKey, "issueKey");
        Objects.requireNonNull(kind, "kind");
        from = from == null ? "" : cut(from);
        to = to == null ? "" : cut(to);
        commit = commit == null ? "" : commit;
    }

    private static String cut(String s) {
        return s.length() <= 256 ? s : s.substring(0, 256);
    }
}
