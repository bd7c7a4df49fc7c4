package dev.tributary.model;

import java.util.Objects;

/**
 * A comment on an issue (the description itself is not one: Bugzilla's comment 0 and Launchpad's first
 * message are the report, and are left out by the parsers). Immutable; {@code at} is UTC epoch seconds.
 */
public record IssueComment(String issueKey, String id, TrackerAccount author, long at) {
    public IssueComment {
        Objects.requireNonNull(issueKey, "issueKey");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author of comment " + id + " on " + issueKey);
    }
}
