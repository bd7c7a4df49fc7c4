package dev.tributary.source.issues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import dev.tributary.model.TrackerAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Launchpad's REST 1.0 shapes: a bug task ({@code searchTasks} page entries: {@code total_size}, {@code
 * start}, {@code next_collection_link}, {@code entries}), the bug it is a task of ({@code /bugs/N}), the bug's
 * messages and activity collections. A Perceval item keeps them together ({@code bug_data}, {@code
 * messages_data}, {@code activity_data}).
 *
 * <p>The bug's first message is its description, not a comment. A task is closed when Launchpad calls it
 * complete ({@code is_complete}: Fix Committed, Fix Released, Invalid, Won't Fix, Opinion, Expired); its close
 * time is {@code date_closed}, else {@code date_fix_committed}, else {@code date_fix_released}. Accounts are
 * Launchpad person names ({@code ~name} of the person link). Stateless.
 */
public final class LaunchpadBugs {
    /** Launchpad accounts of CI and review robots (OpenStack's Gerrit posts "Fix proposed" on every bug). */
    static final Set<String> BOTS = Set.of("openstack-gerrit", "hudson-openstack", "openstack-infra", "janitor",
            "ubuntu-launchpad-bot", "launchpad-buildd-admins", "apport");

    private LaunchpadBugs() {
    }

    /** A collection page's entries, with the link to the next page ("" on the last). */
    public record Page(int totalSize, int start, String next, List<JsonNode> entries) {
    }

    /** @throws TributaryException.InvalidInput when it has no {@code entries} array */
    public static Page page(JsonNode root) {
        if (root == null || !root.isObject() || !root.has("entries") || !root.get("entries").isArray()) {
            throw new TributaryException.InvalidInput("not a Launchpad collection page: no 'entries' array");
        }
        return new Page(root.path("total_size").asInt(-1), root.path("start").asInt(0), Json.text(root, "next_collection_link"),
                Json.array(root, "entries"));
    }

    /** The bug number of a task entry, from its {@code bug_link}. */
    public static String bugNumber(JsonNode task) {
        String link = Json.text(task, "bug_link");
        String n = link.substring(link.lastIndexOf('/') + 1);
        if (!n.matches("\\d{1,18}")) {
            throw new TributaryException.InvalidInput("Launchpad task without a bug link: '" + Json.bounded(link) + "'");
        }
        return n;
    }

    /**
     * One bug task with its bug, messages and activity (any may be null or empty: then the task's own fields are
     * used and there are no comments or events).
     */
    public static TrackedIssue issue(JsonNode task, JsonNode bug, List<JsonNode> messages, List<JsonNode> activity) {
        String key = bugNumber(task);
        String what = "bug " + key;
        boolean complete = task.path("is_complete").asBoolean(false);
        Long closed = null;
        if (complete) {
            for (String f : List.of("date_closed", "date_fix_committed", "date_fix_released")) {
                closed = Json.optionalTime(task, f, what);
                if (closed != null) {
                    break;
                }
            }
        }
        JsonNode source = bug != null && bug.isObject() ? bug : task;
        long created = Json.requiredTime(source, "date_created", what);
        String milestone = Json.text(task, "milestone_link");
        String title = bug != null ? Json.text(bug, "title") : Json.text(task, "title");
        Issue issue = new Issue(key, title, person(Json.text(source, "owner_link")), created, closed,
                complete ? "closed" : "open", Json.text(task, "status"), "", null, false,
                Json.strings(bug, "tags", JsonNode::asText), nonBlank(Json.text(task, "bug_target_name")),
                nonBlank(milestone.isBlank() ? "" : milestone.substring(milestone.lastIndexOf('/') + 1)),
                bug != null ? Json.optionalTime(bug, "date_last_updated", what) : null, List.of());
        List<IssueComment> comments = new ArrayList<>();
        List<JsonNode> ms = messages == null ? List.of() : messages;
        for (int i = 1; i < ms.size(); i++) { // message 0 is the description
            JsonNode m = ms.get(i);
            String id = Json.text(m, "self_link");
            id = id.isBlank() ? Integer.toString(i) : id.substring(id.lastIndexOf('/') + 1);
            comments.add(new IssueComment(key, id, person(Json.text(m, "owner_link")), Json.requiredTime(m, "date_created",
                    "message " + i + " of " + what)));
        }
        List<IssueEvent> events = new ArrayList<>();
        for (JsonNode a : activity == null ? List.<JsonNode>of() : activity) {
            String changed = Json.text(a, "whatchanged");
            if (!changed.endsWith(": status") && !changed.equals("status")) {
                continue;
            }
            events.add(new IssueEvent(key, "status", person(Json.text(a, "person_link")),
                    Json.requiredTime(a, "datechanged", "activity of " + what), Json.text(a, "oldvalue"), Json.text(a, "newvalue"), ""));
        }
        return new TrackedIssue(issue, comments, events);
    }

    /**
     * A Perceval Launchpad item's {@code data}: the task with {@code bug_data}, {@code messages_data} and {@code
     * activity_data}.
     */
    public static TrackedIssue percevalItem(JsonNode data) {
        return issue(data, Json.object(data, "bug_data"), Json.array(data, "messages_data"), Json.array(data, "activity_data"));
    }

    /** The account of a person link ({@code https://api.launchpad.net/1.0/~name}). */
    static TrackerAccount person(String link) {
        int tilde = link.lastIndexOf('~');
        if (tilde < 0 || tilde == link.length() - 1) {
            return TrackerAccount.GHOST;
        }
        String name = link.substring(tilde + 1);
        int slash = name.indexOf('/');
        if (slash >= 0) {
            name = name.substring(0, slash);
        }
        return Json.account(name, "", "", BOTS.contains(name));
    }

    private static List<String> nonBlank(String s) {
        return s.isBlank() ? List.of() : List.of(s);
    }
}
