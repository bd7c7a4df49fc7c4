package dev.tributary.source.issues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import dev.tributary.model.TrackerAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Jira's REST v2 shapes: an issue object ({@code /rest/api/2/issue/KEY}, an element of a search page, or a
 * saved file such as {@code bug_reports/ZOOKEEPER/details/ZOOKEEPER-1234.json}) with its {@code
 * fields.comment.comments} and, when expanded, its {@code changelog.histories}; a search page ({@code
 * startAt}, {@code maxResults}, {@code total}, {@code issues}); a comment page ({@code .../comment}).
 *
 * <p>An issue is closed when its status is in the {@code done} category (or, for responses without categories,
 * named Closed, Resolved or Done); its close time is {@code resolutiondate}, else the last changelog move into
 * that status. Accounts are the server user {@code name} (or {@code key}), else the cloud {@code accountId}.
 * Stateless.
 */
public final class JiraIssues {
    private static final Set<String> DONE = Set.of("closed", "resolved", "done");

    private JiraIssues() {
    }

    /** A search or comment page's paging figures. */
    public record Page(int startAt, int maxResults, int total, List<JsonNode> items) {
    }

    /**
     * A search page ({@code issues}) or comment page ({@code comments}).
     *
     * @throws TributaryException.InvalidInput when it has neither, or no paging figures
     */
    public static Page page(JsonNode root, String itemsField) {
        if (root == null || !root.isObject() || !root.has(itemsField) || !root.get(itemsField).isArray()) {
            throw new TributaryException.InvalidInput("not a Jira page: no '" + itemsField + "' array");
        }
        if (!root.has("total") || !root.has("startAt")) {
            throw new TributaryException.InvalidInput("Jira page without 'startAt' or 'total'");
        }
        return new Page(root.get("startAt").asInt(), root.path("maxResults").asInt(0), root.get("total").asInt(),
                Json.array(root, itemsField));
    }

    /**
     * One issue object with the comments and changelog it carries.
     *
     * @throws TributaryException.InvalidInput when it has no key, no fields or no creation time
     */
    public static TrackedIssue issue(JsonNode n) {
        String key = Json.text(n, "key");
        JsonNode f = Json.object(n, "fields");
        if (key.isBlank() || f == null) {
            throw new TributaryException.InvalidInput("not a Jira issue object (no key or no fields)");
        }
        String what = "issue " + key;
        JsonNode status = Json.object(f, "status");
        String statusName = Json.text(status, "name");
        JsonNode category = Json.object(status, "statusCategory");
        boolean done = category != null ? Json.text(category, "key").equals("done")
                : DONE.contains(statusName.toLowerCase(Locale.ROOT));
        List<IssueEvent> events = new ArrayList<>();
        JsonNode changelog = Json.object(n, "changelog");
        Long lastDone = null;
        for (JsonNode h : Json.array(changelog, "histories")) {
            long at = Json.requiredTime(h, "created", what + " changelog");
            TrackerAccount who = account(h.get("author"));
            for (JsonNode item : Json.array(h, "items")) {
                if (!Json.text(item, "field").equals("status")) {
                    continue;
                }
                String to = Json.text(item, "toString");
                events.add(new IssueEvent(key, "status", who, at, Json.text(item, "fromString"), to, ""));
                if (DONE.contains(to.toLowerCase(Locale.ROOT))) {
                    lastDone = at;
                }
            }
        }
        Long closed = null;
        if (done) {
            closed = Json.optionalTime(f, "resolutiondate", what);
            if (closed == null) {
                closed = lastDone != null ? lastDone : Json.optionalTime(f, "updated", what);
            }
        }
        JsonNode reporter = f.hasNonNull("reporter") ? f.get("reporter") : f.get("creator");
        Issue issue = new Issue(key, Json.text(f, "summary"), account(reporter), Json.requiredTime(f, "created", what), closed,
                done ? "closed" : "open", statusName, Json.text(Json.object(f, "resolution"), "name"), null, false,
                Json.strings(f, "labels", JsonNode::asText), Json.strings(f, "components", c -> Json.text(c, "name")),
                Json.strings(f, "fixVersions", v -> Json.text(v, "name")), Json.optionalTime(f, "updated", what), List.of());
        JsonNode comment = Json.object(f, "comment");
        List<IssueComment> comments = comment == null ? List.of() : comments(key, Json.array(comment, "comments"));
        return new TrackedIssue(issue, comments, events);
    }

    /** Comment objects of issue {@code key}. */
    public static List<IssueComment> comments(String key, List<JsonNode> items) {
        List<IssueComment> out = new ArrayList<>();
        for (JsonNode c : items) {
            String id = Json.text(c, "id");
            out.add(new IssueComment(key, id.isBlank() ? "?" : id, account(c.get("author")),
                    Json.requiredTime(c, "created", "comment " + id + " on " + key)));
        }
        return out;
    }

    /** The project key of an issue key: {@code ZOOKEEPER} of {@code ZOOKEEPER-1234}. */
    public static String project(String key) {
        int dash = key.lastIndexOf('-');
        return dash < 0 ? key : key.substring(0, dash);
    }

    static TrackerAccount account(JsonNode user) {
        if (user == null || !user.isObject()) {
            return TrackerAccount.GHOST;
        }
        String login = Json.text(user, "name");
        if (login.isBlank()) {
            login = Json.text(user, "key");
        }
        if (login.isBlank()) {
            login = Json.text(user, "accountId");
        }
        return Json.account(login, Json.text(user, "displayName"), Json.text(user, "emailAddress"), false);
    }
}
