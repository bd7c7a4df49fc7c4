package dev.tributary.source.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.model.Actor;
import dev.tributary.model.Change;
import dev.tributary.source.Warning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Turns Gerrit's JSON into {@link Change}s, in its two shapes:
 * <ul>
 * <li>{@code gerrit query --format=JSON --all-approvals --comments [--files] [--patch-sets]} output (one
 * change per line, a last {@code "type":"stats"} line), as Perceval stores it ({@code tests/data/gerrit}), or
 * a JSON array of Perceval items whose {@code data} is such a change (GrimoireLab ELK's
 * {@code tests/data/gerrit.json});</li>
 * <li>the REST {@code /changes/} answer with {@code o=DETAILED_LABELS&o=MESSAGES&o=DETAILED_ACCOUNTS&o=ALL_REVISIONS}
 * (after the {@code )]}'} prefix is removed).</li>
 * </ul>
 * Reviews are votes (every patch set's approvals; {@code SUBM} is the submit, not a review), state the
 * label ({@code Code-Review}, {@code Verified}, {@code Workflow}, …) and value −2..+2; comments are the
 * change's messages; iterations its patch sets. A merged change's merge time is its submit time (the
 * {@code SUBM} approval, REST {@code submitted}), else the "merged" message, else its last update; an
 * abandoned change is closed at its "Abandoned" message or last update. Accounts are
 * {@code gerrit:HOST:username} (else {@code #account-id}, else the address). Stateless and thread-safe.
 */
public final class GerritChanges {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS]", Locale.ROOT);

    private GerritChanges() {
    }

    /** The container name of a Gerrit project. */
    public static String container(String host, String project) {
        return "gerrit/" + host + "/" + project;
    }

    /**
     * Reads a {@code gerrit query} dump (JSON lines, plain or .gz) or a JSON array of Perceval items; each
     * change goes to {@code sink}. {@code host} names the server when the changes do not (their {@code url}).
     */
    public static List<Warning> readDump(Path file, String host, Consumer<GitHubPulls.Parsed> sink) {
        List<Warning> warnings = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.mark(1 << 16);
            int first;
            do {
                first = r.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t');
            r.reset();
            if (first == '[') {
                JsonNode all = JSON.readTree(r);
                int i = 0;
                for (JsonNode item : all) {
                    i++;
                    JsonNode data = item.has("data") ? item.get("data") : item;
                    sink.accept(parseQuery(data, host, file.getFileName() + " item " + i));
                }
                return warnings;
            }
            dev.tributary.source.Lines.nonBlank(r, (n, line) -> {
                String where = file.getFileName() + " line " + n;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    warnings.add(new Warning("bad-gerrit-line", where, "not JSON: " + GitHubPulls.bounded(String.valueOf(e.getMessage()))));
                    return;
                }
                if ("stats".equals(node.path("type").asText()) || "error".equals(node.path("type").asText())) {
                    if ("error".equals(node.path("type").asText())) {
                        warnings.add(new Warning("gerrit-error", where, GitHubPulls.bounded(node.path("message").asText())));
                    }
                    return;
                }
                sink.accept(parseQuery(node, host, where));
            });
        } catch (IOException e) {
            throw new TributaryException.InvalidInput("cannot read Gerrit dump " + file + ": " + e.getMessage(), e);
        }
        return warnings;
    }

    /** One change of {@code gerrit query --format=JSON}. */
    public static GitHubPulls.Parsed parseQuery(JsonNode c, String defaultHost, String where) {
        List<Warning> warnings = new ArrayList<>();
        String host = hostOf(c.path("url").asText(""), defaultHost);
        String project = c.path("project").asText("");
        if (!c.path("number").canConvertToLong() && !c.path("number").isTextual() || project.isEmpty() || !c.has("createdOn")) {
            warnings.add(new Warning("bad-gerrit-change", where, "a change needs number, project and createdOn"));
            return new GitHubPulls.Parsed(Optional.empty(), warnings);
        }
        long number = c.path("number").asLong();
        String container = container(host, project);
        long created = c.get("createdOn").asLong();
        long updated = c.path("lastUpdated").asLong(created);
        if (updated < created) {
            updated = created; // Perceval's data has lastUpdated 0 for some changes
        }
        Actor owner = account(c.get("owner"), host);
        String status = c.path("status").asText("NEW");
        List<Change.Review> reviews = new ArrayList<>();
        List<Change.CommitRef> commits = new ArrayList<>();
        Long submitted = null;
        Actor submitter = null;
        List<String> files = new ArrayList<>();
        String head = "";
        JsonNode sets = c.path("patchSets");
        int iterations = Math.max(1, sets.size());
        for (JsonNode ps : sets) {
            String rev = ps.path("revision").asText("");
            head = rev.isEmpty() ? head : rev;
            JsonNode author = ps.path("author");
            if (!rev.isEmpty()) {
                commits.add(new Change.CommitRef(rev, author.path("name").asText(""), author.path("email").asText("")));
            }
            for (JsonNode a : ps.path("approvals")) {
                String type = a.path("type").asText("");
                long at = a.path("grantedOn").asLong(0);
                if (type.equals("SUBM")) {
                    submitted = at;
                    submitter = account(a.get("by"), host);
                    continue;
                }
                int value;
                try {
                    value = Integer.parseInt(a.path("value").asText("0").replace("+", ""));
                } catch (NumberFormatException e) {
                    warnings.add(new Warning("bad-gerrit-vote", where, "vote '" + GitHubPulls.bounded(a.path("value").asText()) + "'"));
                    continue;
                }
                reviews.add(new Change.Review(ps.path("number").asText() + ":" + type + ":" + at, account(a.get("by"), host), at, type, value));
            }
            files.clear();
            for (JsonNode f : ps.path("files")) {
                String path = f.path("file").asText("");
                if (!path.isEmpty() && !path.startsWith("/")) {
                    files.add(path);
                }
            }
        }
        List<Change.Comment> comments = new ArrayList<>();
        Long mergedMessage = null;
        Long abandoned = null;
        Actor mergedBy = null;
        for (JsonNode m : c.path("comments")) {
            long at = m.path("timestamp").asLong(0);
            Actor who = account(m.get("reviewer"), host);
            String text = m.path("message").asText("");
            if (text.startsWith("Change has been successfully merged") || text.contains("successfully merged")) {
                mergedMessage = at;
                mergedBy = who;
            }
            if (text.startsWith("Abandoned")) {
                abandoned = at;
            }
            comments.add(new Change.Comment("", who, at, "message"));
        }
        Change.State state;
        Long merged = null;
        Long closed = null;
        if (status.equals("MERGED")) {
            state = Change.State.MERGED;
            merged = submitted != null ? submitted : mergedMessage != null ? mergedMessage : updated;
            closed = merged;
        } else if (status.equals("ABANDONED")) {
            state = Change.State.CLOSED;
            closed = abandoned != null ? abandoned : updated;
        } else {
            state = Change.State.OPEN;
        }
        Actor by = submitter != null ? submitter : mergedBy;
        String nativeId = project + "~" + c.path("branch").asText("") + "~" + c.path("id").asText("");
        return new GitHubPulls.Parsed(Optional.of(new Change(container, number, nativeId, c.path("subject").asText(""), owner,
                created, updated, closed, merged, state == Change.State.MERGED ? by : null, state, c.path("branch").asText(""),
                head, "", c.path("wip").asBoolean(false), iterations, commits, files, reviews, comments, List.of())), warnings);
    }

    /** One ChangeInfo of the REST API (DETAILED_LABELS, MESSAGES, DETAILED_ACCOUNTS, ALL_REVISIONS). */
    public static GitHubPulls.Parsed parseRest(JsonNode c, String host) {
        List<Warning> warnings = new ArrayList<>();
        String project = c.path("project").asText("");
        String where = "gerrit/" + host + " change " + c.path("_number").asText("?");
        Long created = restTime(c.path("created").asText(""));
        if (!c.path("_number").canConvertToLong() || project.isEmpty() || created == null) {
            warnings.add(new Warning("bad-gerrit-change", where, "a change needs _number, project and created"));
            return new GitHubPulls.Parsed(Optional.empty(), warnings);
        }
        Long updated = restTime(c.path("updated").asText(""));
        Long submitted = restTime(c.path("submitted").asText(""));
        Actor owner = account(c.get("owner"), host);
        List<Change.Review> reviews = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> labels = c.path("labels").fields();
        while (labels.hasNext()) {
            Map.Entry<String, JsonNode> l = labels.next();
            for (JsonNode v : l.getValue().path("all")) {
                int value = v.path("value").asInt(0);
                Long at = restTime(v.path("date").asText(""));
                if (at == null || (value == 0 && !v.has("value"))) {
                    continue; // a reviewer who has not voted
                }
                reviews.add(new Change.Review(l.getKey() + ":" + v.path("_account_id").asText() + ":" + at, account(v, host), at, l.getKey(), value));
            }
        }
        List<Change.Comment> comments = new ArrayList<>();
        Long abandoned = null;
        for (JsonNode m : c.path("messages")) {
            Long at = restTime(m.path("date").asText(""));
            if (at == null) {
                continue;
            }
            if (m.path("message").asText("").startsWith("Abandoned")) {
                abandoned = at;
            }
            comments.add(new Change.Comment(m.path("id").asText(""), account(m.get("author"), host), at, "message"));
        }
        List<Change.CommitRef> commits = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> revs = new ArrayList<>();
        c.path("revisions").fields().forEachRemaining(revs::add);
        revs.sort(Comparator.comparingInt(e -> e.getValue().path("_number").asInt()));
        for (Map.Entry<String, JsonNode> r : revs) {
            JsonNode a = r.getValue().path("commit").path("author");
            commits.add(new Change.CommitRef(r.getKey(), a.path("name").asText(""), a.path("email").asText("")));
        }
        String status = c.path("status").asText("NEW");
        Change.State state = status.equals("MERGED") ? Change.State.MERGED : status.equals("ABANDONED") ? Change.State.CLOSED : Change.State.OPEN;
        long upd = updated == null ? created : updated;
        Long merged = state == Change.State.MERGED ? (submitted != null ? submitted : upd) : null;
        Long closed = state == Change.State.MERGED ? merged : state == Change.State.CLOSED ? (abandoned != null ? abandoned : upd) : null;
        Actor submitter = c.hasNonNull("submitter") ? account(c.get("submitter"), host) : null;
        String nativeId = project + "~" + c.path("branch").asText("") + "~" + c.path("change_id").asText("");
        return new GitHubPulls.Parsed(Optional.of(new Change(container(host, project), c.get("_number").asLong(), nativeId,
                c.path("subject").asText(""), owner, created, upd, closed, merged, state == Change.State.MERGED ? submitter : null, state,
                c.path("branch").asText(""), c.path("current_revision").asText(""), "", c.path("work_in_progress").asBoolean(false),
                Math.max(1, revs.size()), commits, List.of(), reviews, comments, List.of())), warnings);
    }

    /** A Gerrit account: username, else {@code #account id}, else address; Gerrit's own service users are bots. */
    static Actor account(JsonNode a, String host) {
        String system = "gerrit:" + host;
        if (a == null || !a.isObject()) {
            return new Actor(system, "#unknown", "", "", false);
        }
        String user = a.path("username").asText("");
        String login = !user.isEmpty() ? user : a.hasNonNull("_account_id") ? "#" + a.get("_account_id").asText()
                : !a.path("email").asText("").isEmpty() ? a.path("email").asText() : !a.path("name").asText("").isEmpty()
                ? a.path("name").asText() : "#unknown";
        boolean bot = a.path("tags").toString().contains("SERVICE_USER");
        return new Actor(system, login, a.path("name").asText(""), a.path("email").asText(""), bot);
    }

    private static String hostOf(String url, String fallback) {
        try {
            String h = url.isEmpty() ? null : URI.create(url).getHost();
            return h != null ? h : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** Gerrit REST times: "2013-02-01 09:59:32.126000000", UTC. */
    static Long restTime(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, REST_TIME).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
