package dev.tributary.source.issues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import dev.tributary.model.TrackerAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bugzilla's REST shapes ({@code /rest/bug}, 5.0 and later): a bug list ({@code {"bugs": [...]}}), comments
 * ({@code /rest/bug/comment?ids=...}: {@code {"bugs": {"N": {"comments": [...]}}}}), history ({@code
 * /rest/bug/history?ids=...}: {@code {"bugs": [{"id", "history": [{"when", "who", "changes"}]}]}}), an error
 * ({@code {"error": true, "code", "message"}}), and a Perceval BugzillaREST item ({@code comments}, {@code
 * history} inside the bug).
 *
 * <p>Comment 0 ({@code count} 0, else the first) is the description, not a comment. A bug is closed when
 * {@code is_open} is false (else its status is RESOLVED, VERIFIED or CLOSED); its close time is the last
 * history change of {@code status} to one of those, else {@code cf_last_resolved}, else {@code
 * last_change_time}. Accounts are addresses ({@code creator}, {@code author}, {@code who}). Stateless.
 */
public final class BugzillaBugs {
    private BugzillaBugs() {
    }

    /**
     * The bugs of a bug list.
     *
     * @throws TributaryException.InvalidInput for an error answer (with Bugzilla's message) or no {@code bugs}
     */
    public static List<JsonNode> bugs(JsonNode root) {
        checkError(root);
        if (root == null || !root.has("bugs") || !root.get("bugs").isArray()) {
            throw new TributaryException.InvalidInput("not a Bugzilla bug list: no 'bugs' array");
        }
        return Json.array(root, "bugs");
    }

    /** Comments by bug id of a comment answer. */
    public static Map<String, List<JsonNode>> comments(JsonNode root) {
        checkError(root);
        JsonNode bugs = Json.object(root, "bugs");
        if (bugs == null) {
            throw new TributaryException.InvalidInput("not a Bugzilla comment answer: no 'bugs' object");
        }
        Map<String, List<JsonNode>> out = new HashMap<>();
        bugs.fields().forEachRemaining(e -> out.put(e.getKey(), Json.array(e.getValue(), "comments")));
        return out;
    }

    /** History by bug id of a history answer. */
    public static Map<String, List<JsonNode>> history(JsonNode root) {
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (JsonNode b : bugs(root)) {
            out.put(Json.text(b, "id"), Json.array(b, "history"));
        }
        return out;
    }

    /** @throws TributaryException.InvalidInput with Bugzilla's own message when the answer is an error */
    static void checkError(JsonNode root) {
        if (root != null && root.path("error").asBoolean(false)) {
            throw new TributaryException.InvalidInput("Bugzilla error " + Json.text(root, "code") + ": "
                    + Json.bounded(Json.text(root, "message")));
        }
    }

    /** One bug with its comments and history (either may be empty). */
    public static TrackedIssue issue(JsonNode bug, List<JsonNode> comments, List<JsonNode> history) {
        String key = Json.text(bug, "id");
        if (!key.matches("\\d{1,18}")) {
            throw new TributaryException.InvalidInput("Bugzilla bug without a numeric id: '" + Json.bounded(key) + "'");
        }
        String what = "bug " + key;
        String status = Json.text(bug, "status");
        boolean open = bug.has("is_open") ? bug.get("is_open").asBoolean() : !closedStatus(status);
        List<IssueEvent> events = new ArrayList<>();
        Long lastClose = null;
        for (JsonNode h : history) {
            long at = Json.requiredTime(h, "when", "history of " + what);
            TrackerAccount who = account(Json.text(h, "who"), null);
            for (JsonNode c : Json.array(h, "changes")) {
                if (!Json.text(c, "field_name").equals("status")) {
                    continue;
                }
                String to = Json.text(c, "added");
                events.add(new IssueEvent(key, "status", who, at, Json.text(c, "removed"), to, ""));
                if (closedStatus(to)) {
                    lastClose = at;
                }
            }
        }
        Long closed = null;
        if (!open) {
            closed = lastClose != null ? lastClose : Json.optionalTime(bug, "cf_last_resolved", what);
            if (closed == null) {
                closed = Json.optionalTime(bug, "last_change_time", what);
            }
        }
        String milestone = Json.text(bug, "target_milestone");
        List<String> components = new ArrayList<>();
        if (!Json.text(bug, "product").isBlank()) {
            components.add(Json.text(bug, "product") + "/" + Json.text(bug, "component"));
        }
        Issue issue = new Issue(key, Json.text(bug, "summary"), account(Json.text(bug, "creator"), Json.object(bug, "creator_detail")),
                Json.requiredTime(bug, "creation_time", what), closed, open ? "open" : "closed", status,
                Json.text(bug, "resolution"), null, false, Json.strings(bug, "keywords", JsonNode::asText), components,
                milestone.isBlank() || milestone.equals("---") ? List.of() : List.of(milestone),
                Json.optionalTime(bug, "last_change_time", what), List.of());
        List<IssueComment> out = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            JsonNode c = comments.get(i);
            int count = c.has("count") ? c.get("count").asInt() : i;
            if (count == 0) {
                continue; // the description
            }
            String author = Json.text(c, "creator").isBlank() ? Json.text(c, "author") : Json.text(c, "creator");
            String t = Json.text(c, "creation_time").isBlank() ? Json.text(c, "time") : Json.text(c, "creation_time");
            out.add(new IssueComment(key, Json.text(c, "id"), account(author, null), Json.time(t, "comment " + count + " of " + what)));
        }
        return new TrackedIssue(issue, out, events);
    }

    /** A Perceval BugzillaREST item's {@code data}: the bug with its {@code comments} and {@code history}. */
    public static TrackedIssue percevalItem(JsonNode data) {
        return issue(data, Json.array(data, "comments"), Json.array(data, "history"));
    }

    private static boolean closedStatus(String s) {
        return s.equals("RESOLVED") || s.equals("VERIFIED") || s.equals("CLOSED");
    }

    private static TrackerAccount account(String address, JsonNode detail) {
        String name = detail == null ? "" : Json.text(detail, "real_name");
        return Json.account(address, name, address.contains("@") ? address : "", false);
    }
}
