package dev.tributary.model;

import dev.tributary.TributaryException;
import java.util.List;
import java.util.Objects;

/**
 * A change request as a review system keeps it (a GitHub pull request, a Gerrit change), with everything
 * done on it. Immutable; built by a source's parser from the system's own JSON, live or from a backup.
 *
 * @param container   the source's name for where it lives: {@code github/OWNER/REPO}, {@code gerrit/HOST/PROJECT}
 * @param number      the number users see (#123, change 45678)
 * @param nativeId    the system's stable id (GitHub node id, Gerrit {@code project~branch~Change-Id})
 * @param title       title or subject, bounded
 * @param author      who proposed it
 * @param created     epoch seconds
 * @param updated     epoch seconds of the last change the system reports (the incremental cursor), or {@code created}
 * @param closed      epoch seconds when closed or merged, or null while open
 * @param merged      epoch seconds when merged, or null
 * @param mergedBy    who merged it (GitHub) or submitted it (Gerrit), or null
 * @param state       open, merged, or closed without merging (Gerrit: abandoned)
 * @param baseRef     target branch
 * @param headSha     last proposed commit
 * @param mergeSha    the commit the merge made (GitHub {@code merge_commit_sha}), or empty
 * @param draft       a draft / work in progress
 * @param iterations  patch sets (Gerrit) or pushes of the head (GitHub: 1 + force pushes + pushes of new commits)
 * @param commits     the change's commits with their authors (GitHub {@code committed} events; Gerrit patch set revisions)
 * @param files       paths the change touches when the system lists them (Gerrit current revision), else empty
 * @param reviews     formal reviews and votes
 * @param comments    comments (discussion, inline, Gerrit messages)
 * @param events      other timeline events (review requested, ready for review, force pushed, closed, reopened)
 */
public record Change(String container, long number, String nativeId, String title, Actor author, long created,
                     long updated, Long closed, Long merged, Actor mergedBy, State state, String baseRef,
                     String headSha, String mergeSha, boolean draft, int iterations, List<CommitRef> commits,
                     List<String> files, List<Review> reviews, List<Comment> comments, List<Event> events) {
    public enum State { OPEN, MERGED, CLOSED }

    public static final int MAX_TITLE = 500;

    public Change {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(state, "state");
        if (number < 0) {
            throw new TributaryException.InvalidInput(container + ": bad change number " + number);
        }
        if (state == State.MERGED && merged == null) {
            throw new TributaryException.InvalidInput(container + " #" + number + ": merged without a merge time");
        }
        title = title == null ? "" : title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
        nativeId = nativeId == null ? "" : nativeId;
        baseRef = baseRef == null ? "" : baseRef;
        headSha = headSha == null ? "" : headSha;
        mergeSha = mergeSha == null ? "" : mergeSha;
        commits = List.copyOf(commits);
        files = List.copyOf(files);
        reviews = List.copyOf(reviews);
        comments = List.copyOf(comments);
        events = List.copyOf(events);
    }

    /**
     * A formal review or vote.
     *
     * @param state  GitHub {@code APPROVED}, {@code CHANGES_REQUESTED}, {@code COMMENTED}, {@code DISMISSED};
     *               Gerrit the label ({@code Code-Review}, {@code Verified}, …)
     * @param value  Gerrit's vote (−2..+2), GitHub: +1 approved, −1 changes requested, 0 otherwise
     */
    public record Review(String nativeId, Actor reviewer, long at, String state, int value) {
        public Review {
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(state, "state");
            nativeId = nativeId == null ? "" : nativeId;
        }
    }

    /** A comment: {@code kind} is {@code issue} (discussion), {@code inline} (on a line), {@code message} (Gerrit). */
    public record Comment(String nativeId, Actor author, long at, String kind) {
        public Comment {
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(kind, "kind");
            nativeId = nativeId == null ? "" : nativeId;
        }
    }

    /** A commit of the change and who authored it (name and address as the commit says), to link logins to addresses. */
    public record CommitRef(String sha, String authorName, String authorEmail) {
        public CommitRef {
            Objects.requireNonNull(sha, "sha");
            authorName = authorName == null ? "" : authorName;
            authorEmail = authorEmail == null ? "" : authorEmail.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A timeline event; {@code detail} is its object (the requested reviewer's key, a sha), or empty. */
    public record Event(String kind, Actor actor, long at, String detail) {
        public Event {
            Objects.requireNonNull(kind, "kind");
            detail = detail == null ? "" : detail;
        }
    }
}
