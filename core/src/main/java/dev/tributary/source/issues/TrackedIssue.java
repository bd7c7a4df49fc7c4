package dev.tributary.source.issues;

import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import java.util.List;
import java.util.Objects;

/** One issue with its comments and events, as one parse of a tracker's response gave them. Immutable. */
public record TrackedIssue(Issue issue, List<IssueComment> comments, List<IssueEvent> events) {
    public TrackedIssue {
        Objects.requireNonNull(issue, "issue");
        comments = List.copyOf(comments);
        events = List.copyOf(events);
    }

    /** The same issue with {@code more} comments after its own (comments fetched apart, page by page). */
    public TrackedIssue withComments(List<IssueComment> more) {
        List<IssueComment> all = new java.util.ArrayList<>(comments);
        all.addAll(more);
        return new TrackedIssue(issue, all, events);
    }

    /** The same issue with {@code more} events after its own. */
    public TrackedIssue withEvents(List<IssueEvent> more) {
        List<IssueEvent> all = new java.util.ArrayList<>(events);
        all.addAll(more);
        return new TrackedIssue(issue, comments, all);
    }
}
