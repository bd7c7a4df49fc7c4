package dev.tributary.source.issues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import dev.tributary.model.TrackerAccount;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's REST shapes for issues, as the live API returns them and as offline archives keep them: an issue
 * object ({@code /repos/O/R/issues/N}, also an element of the {@code /issues} list), its comments array
 * ({@code /issues/N/comments}), its timeline ({@code /issues/N/timeline}), a {@code github-metadata-backup}
 * file ({@code issues/N.json} or {@code pulls/N.json}: {@code {"type", "issue"|"pull", "events"}} whose
 * {@code commented} events are the comments), and the {@code -xrefs.json} files of per-issue archives (events
 * already filtered, with the actor's login as a string). Pull requests share the numbering and are kept,
 * flagged: their texts ({@code Fixes #12}) link issues to code. Stateless.
 */
public final class GitHubIssues {
    private GitHubIssues() {
    }

    /**
     * One issue object.
     *
     * @throws TributaryException.InvalidInput when it has no number or creation time, or a time is malformed
     */
    public static Issue issue(JsonNode n) {
        if (n == null || !n.isObject() || !n.hasNonNull("number")) {
            throw new TributaryException.InvalidInput("not a GitHub issue object (no number)");
        }
        String key = Long.toString(n.get("number").asLong());
        String what = "issue #" + key;
        boolean pull = n.hasNonNull("pull_request") || n.hasNonNull("merged_at") || n.has("head");
        String state = Json.text(n, "state").equalsIgnoreCase("closed") ? "closed" : "open";
        Long closed = Json.optionalTime(n, "closed_at", what);
        if (state.equals("open")) {
            closed = null;
        }
        JsonNode milestone = Json.object(n, "milestone");
        List<String> fix = milestone == null ? List.of() : List.of(Json.text(milestone, "title"));
        String resolution = Json.text(n, "state_reason");
        if (pull && Json.object(n, "pull_request") != null && !Json.text(n.get("pull_request"), "merged_at").isBlank()) {
            resolution = "merged";
        } else if (pull && !Json.text(n, "merged_at").isBlank()) {
            resolution = "merged";
        }
        List<String> refs = pull ? IssueRefs.find(TrackerKind.GITHUB, "", Json.text(n, "body")) : List.of();
        return new Issue(key, Json.text(n, "title"), account(n.get("user")), Json.requiredTime(n, "created_at", what), closed,
                state, Json.text(n, "state"), resolution, accountOrNull(n.get("closed_by")), pull,
                Json.strings(n, "labels", l -> l.isTextual() ? l.asText() : Json.text(l, "name")), List.of(),
                fix.stream().filter(s -> !s.isBlank()).toList(), Json.optionalTime(n, "updated_at", what), refs);
    }

    /** A comments array ({@code /issues/N/comments}), for issue {@code key}. */
    public static List<IssueComment> comments(String key, JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new TributaryException.InvalidInput("comments of issue #" + key + ": not a JSON array");
        }
        List<IssueComment> out = new ArrayList<>();
        for (JsonNode c : array) {
            out.add(comment(key, c));
        }
        return out;
    }

    private static IssueComment comment(String key, JsonNode c) {
        String id = Json.text(c, "id");
        String what = "comment " + id + " on issue #" + key;
        JsonNode user = c.hasNonNull("user") ? c.get("user") : c.get("actor");
        return new IssueComment(key, id.isBlank() ? "?" : id, account(user), Json.requiredTime(c, "created_at", what));
    }

    /**
     * Timeline events ({@code /issues/N/timeline}, or a backup's {@code events}): {@code commented} events become
     * comments, {@code closed}, {@code reopened}, {@code referenced}, {@code cross-referenced}, {@code labeled}
     * and {@code unlabeled} events are kept, the rest (subscriptions, mentions) left out.
     */
    public static TrackedIssue withTimeline(Issue issue, JsonNode events) {
        List<IssueComment> comments = new ArrayList<>();
        List<IssueEvent> kept = new ArrayList<>();
        String key = issue.key();
        for (JsonNode e : events != null && events.isArray() ? events : List.<JsonNode>of()) {
            String kind = Json.text(e, "event");
            if (kind.equals("commented")) {
                comments.add(comment(key, e));
                continue;
            }
            if (!List.of("closed", "reopened", "referenced", "cross-referenced", "labeled", "unlabeled", "merged").contains(kind)) {
                continue;
            }
            String at = Json.text(e, "created_at").isBlank() ? Json.text(e, "date") : Json.text(e, "created_at");
            if (at.isBlank()) {
                continue;
            }
            JsonNode actor = e.get("actor");
            TrackerAccount who = actor != null && actor.isTextual() ? Json.account(actor.asText(), "", "", false) : account(actor);
            String to = "";
            if (kind.equals("cross-referenced")) {
                JsonNode source = Json.object(Json.object(e, "source"), "issue");
                to = source != null ? Json.text(source, "number") : Json.text(e, "from");
            } else if (kind.endsWith("labeled")) {
                to = Json.text(Json.object(e, "label"), "name");
            }
            String commit = Json.text(e, "commit_id").isBlank() ? Json.text(e, "commit") : Json.text(e, "commit_id");
            kept.add(new IssueEvent(key, kind, who, Json.time(at, "event " + kind + " on issue #" + key), "", to, commit));
        }
        return new TrackedIssue(issue, comments, kept);
    }

    /**
     * A {@code github-metadata-backup} file: {@code {"type": "issue", "issue": {...}, "events": [...]}} or {@code
     * {"type": "pull", "pull": {...}, "events": [...], "comments": [...]}} (a pull request's {@code comments} are
     * review comments on code and are counted as comments too).
     */
    public static TrackedIssue backup(JsonNode root) {
        String type = Json.text(root, "type");
        JsonNode item = type.equals("pull") ? Json.object(root, "pull") : Json.object(root, "issue");
        if (item == null) {
            throw new TributaryException.InvalidInput("not a github-metadata-backup file (no 'issue' or 'pull' object)");
        }
        Issue issue = issue(item);
        if (type.equals("pull") && !issue.pullRequest()) {
            issue = new Issue(issue.key(), issue.title(), issue.reporter(), issue.created(), issue.closed(), issue.state(),
                    issue.status(), issue.resolution(), issue.closedBy(), true, issue.labels(), issue.components(),
                    issue.fixVersions(), issue.updated(), IssueRefs.find(TrackerKind.GITHUB, "", Json.text(item, "body")));
        }
        TrackedIssue t = withTimeline(issue, root.get("events"));
        JsonNode review = root.get("comments");
        return review != null && review.isArray() ? t.withComments(comments(issue.key(), review)) : t;
    }

    /** A GitHub user object; a missing user (a deleted account) is {@link TrackerAccount#GHOST}. */
    static TrackerAccount account(JsonNode user) {
        TrackerAccount a = accountOrNull(user);
        return a == null ? TrackerAccount.GHOST : a;
    }

    /** A GitHub user object, or null when there is none ({@code closed_by} of an open issue). */
    static TrackerAccount accountOrNull(JsonNode user) {
        if (user == null || !user.isObject()) {
            return null;
        }
        return Json.account(Json.text(user, "login"), "", "", Json.text(user, "type").equals("Bot"));
    }
}
