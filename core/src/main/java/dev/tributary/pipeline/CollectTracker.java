package dev.tributary.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.model.IssueComment;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.HttpFailure;
import dev.tributary.source.http.Pagination;
import dev.tributary.source.issues.BugzillaBugs;
import dev.tributary.source.issues.GitHubIssues;
import dev.tributary.source.issues.JiraIssues;
import dev.tributary.source.issues.LaunchpadBugs;
import dev.tributary.source.issues.TrackedIssue;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.IssueStore;
import dev.tributary.store.Store;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects one tracker from its live API through the shared {@link Http} client (token, retries, rate-limit
 * waits, raw archive, offline replay), incrementally and resumably: items are asked for in ascending order
 * of their last update, from the tracker's sync mark (the newest update stored) on, and written in batches
 * of one transaction each with the mark of the batch's last item, so a run killed or failed at any point
 * (a 5xx after the retries, a rate limit resetting too late, a truncated answer) keeps every whole batch and
 * the next run asks again from there. An item that is answered again replaces its old copy, so the overlap
 * at the mark (trackers compare times by the second or the minute) stores nothing twice.
 *
 * <ul>
 * <li>GitHub: {@code /repos/O/R/issues?state=all&sort=updated&direction=asc&since=T&per_page=100} (pull
 * requests included, flagged), then each item's {@code /issues/N/timeline} (comments, closes, references), 100
 * per page, following {@code Link} headers; an item without comments or events costs no second request
 * only when GitHub says {@code comments: 0} and it is open.</li>
 * <li>Jira: {@code /rest/api/2/search} with JQL {@code project = "P" AND updated >= "yyyy/MM/dd HH:mm" ORDER
 * BY updated ASC}, {@code expand=changelog}, paged by {@code startAt}/{@code maxResults}/{@code total}; an
 * issue whose embedded comments are fewer than their {@code total} has the rest read from {@code
 * /rest/api/2/issue/KEY/comment}.</li>
 * <li>Launchpad: {@code /1.0/PROJECT?ws.op=searchTasks&modified_since=T&order_by=date_last_updated} with
 * every status, following {@code next_collection_link}; per task, its bug, messages and activity.</li>
 * <li>Bugzilla: {@code /rest/bug?product=P&last_change_time=T&order=changeddate&limit=100&offset=N}, then
 * {@code /rest/bug/N/comment} and {@code /rest/bug/N/history}.</li>
 * </ul>
 */
public final class CollectTracker {
    private static final int BATCH = 200;
    private static final List<String> LAUNCHPAD_STATUSES = List.of("New", "Incomplete", "Opinion", "Invalid", "Won't Fix",
            "Expired", "Confirmed", "Triaged", "In Progress", "Fix Committed", "Fix Released", "Incomplete (with response)",
            "Incomplete (without response)");

    private CollectTracker() {
    }

    /**
     * Where a tracker lives.
     *
     * @param api     the API root: {@code https://api.github.com}, {@code https://issues.apache.org/jira}, {@code
     *                https://api.launchpad.net/1.0}, {@code https://bugzilla.redhat.com}
     * @param project {@code OWNER/REPO} on GitHub, the project key on Jira, the project name on Launchpad, the
     *                product on Bugzilla
     */
    public record Target(TrackerKind kind, URI api, String project) {
        public Target {
            kind.checkProject(project);
            if (api == null || !("https".equals(api.getScheme()) || "http".equals(api.getScheme())) || api.getHost() == null) {
                throw new TributaryException.InvalidInput("the API URL must be http(s)://HOST/..., not '" + api + "'");
            }
        }

        /** The raw archive's folder name: {@code github/O/R}, {@code jira/HOST/KEY}, ... */
        public String container() {
            return kind == TrackerKind.GITHUB ? "github-issues/" + project : kind.id() + "/" + api.getHost() + "/" + project;
        }

        String base() {
            return api.toString().replaceAll("/+$", "");
        }
    }

    /** What a live collection did: issues stored, requests sent and replayed, rate-limit waits. */
    public record Result(String tracker, TrackerKind kind, int issues, int comments, long requests, long replayed, long waits,
            List<Warning> warnings) {
    }

    /**
     * Collects {@code target} into the tracker {@code name}.
     *
     * @throws HttpFailure when the service keeps failing (what was stored stays; the next run resumes)
     * @throws HttpFailure.BadCredentials on 401
     */
    public static Result run(Store store, Http http, String name, Target target, Progress progress) {
        IssueStore issues = store.issues();
        IssueStore.Tracker tracker = issues.tracker(name, target.kind());
        Batcher b = new Batcher(issues, tracker.id(), target.container());
        Optional<Long> since = issues.since(tracker.id());
        progress.start("issues of " + target.project(), -1);
        try {
            switch (target.kind()) {
                case GITHUB -> github(http, target, since, b, progress);
                case JIRA -> jira(http, target, since, b, progress);
                case LAUNCHPAD -> launchpad(http, target, since, b, progress);
                case BUGZILLA -> bugzilla(http, target, since, b, progress);
            }
            b.flush();
        } finally {
            progress.finish();
        }
        if (b.stored > 0) {
            Resolve.run(store); // the addresses trackers show are resolved like authors' (individuals, organizations)
        }
        Http.Stats s = http.stats();
        return new Result(name, target.kind(), b.stored, b.comments, s.requests(), s.replayed(), s.waits(), b.shown);
    }

    private static String iso(long epoch) {
        return Instant.ofEpochSecond(epoch).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void github(Http http, Target t, Optional<Long> since, Batcher b, Progress progress) {
        String base = t.base() + "/repos/" + t.project();
        URI first = URI.create(base + "/issues?state=all&sort=updated&direction=asc&per_page=100"
                + since.map(s -> "&since=" + enc(iso(s))).orElse(""));
        for (Http.Page page : http.pages(t.container(), first, Pagination.linkHeader())) {
            if (page.response().notFound()) {
                throw new TributaryException.InvalidInput("GitHub has no repository " + t.project() + " (HTTP 404 from " + first
                        + "), or the token cannot see it");
            }
            if (page.body() == null || !page.body().isArray()) {
                throw new HttpFailure(page.uri(), page.response().status(), "the issue listing of " + t.project() + " is not a JSON array");
            }
            for (JsonNode item : page.body()) {
                TrackedIssue ti;
                try {
                    ti = new TrackedIssue(GitHubIssues.issue(item), List.of(), List.of());
                } catch (TributaryException.InvalidInput e) {
                    b.warn(page.uri().toString(), e.getMessage());
                    continue;
                }
                boolean quiet = item.path("comments").asInt(-1) == 0 && ti.issue().state().equals("open");
                if (!quiet) {
                    List<JsonNode> events = new ArrayList<>();
                    for (Http.Page p : http.pages(t.container(), URI.create(base + "/issues/" + ti.issue().key() + "/timeline?per_page=100"),
                            Pagination.linkHeader())) {
                        if (p.body() != null && p.body().isArray()) {
                            p.body().forEach(events::add);
                        }
                    }
                    ti = GitHubIssues.withTimeline(ti.issue(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addAll(events));
                }
                b.accept(ti, ti.issue().updated());
                progress.advance(b.read);
            }
        }
    }

    private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").withZone(ZoneOffset.UTC);

    private static void jira(Http http, Target t, Optional<Long> since, Batcher b, Progress progress) {
        // JQL compares by the minute, in the server's zone: ask from one day before the mark; the overlap is replaced
        String jql = "project = \"" + t.project() + "\"" + since.map(s -> " AND updated >= \"" + JQL_TIME.format(Instant.ofEpochSecond(s - 86_400))
                + "\"").orElse("") + " ORDER BY updated ASC";
        URI first = URI.create(t.base() + "/rest/api/2/search?jql=" + enc(jql) + "&startAt=0&maxResults=100&expand=changelog&fields=*all");
        for (Http.Page page : http.pages(t.container(), first, Pagination.startAt("issues"))) {
            if (page.response().notFound()) {
                throw new TributaryException.InvalidInput("Jira at " + t.api() + " has no search API (HTTP 404)");
            }
            JiraIssues.Page p;
            try {
                p = JiraIssues.page(page.body(), "issues");
            } catch (TributaryException.InvalidInput e) {
                throw new HttpFailure(page.uri(), page.response().status(), e.getMessage());
            }
            for (JsonNode n : p.items()) {
                TrackedIssue ti;
                try {
                    n = wholeChangelog(http, t, n);
                    ti = JiraIssues.issue(n);
                } catch (TributaryException.InvalidInput e) {
                    b.warn(page.uri().toString(), e.getMessage());
                    continue;
                }
                JsonNode comment = n.path("fields").path("comment");
                if (comment.path("total").asInt(0) > ti.comments().size()) {
                    List<IssueComment> all = new ArrayList<>();
                    URI c = URI.create(t.base() + "/rest/api/2/issue/" + enc(ti.issue().key()) + "/comment?startAt=0&maxResults=100");
                    for (Http.Page cp : http.pages(t.container(), c, Pagination.startAt("comments"))) {
                        all.addAll(JiraIssues.comments(ti.issue().key(), JiraIssues.page(cp.body(), "comments").items()));
                    }
                    ti = new TrackedIssue(ti.issue(), all, ti.events());
                }
                b.accept(ti, ti.issue().updated());
                progress.advance(b.read);
            }
        }
    }

    /**
     * The issue with its whole changelog: a search answers at most a page of an issue's histories ({@code
     * changelog.total} says how many there are); the rest is read from {@code /rest/api/2/issue/KEY/changelog}, paged
     * by {@code startAt} (Jira Cloud and Jira 8.x Server), else, where that endpoint is missing (HTTP 404), from
     * {@code /rest/api/2/issue/KEY?expand=changelog}, which older servers answer whole.
     */
    private static JsonNode wholeChangelog(Http http, Target t, JsonNode n) {
        JsonNode changelog = n.path("changelog");
        JsonNode histories = changelog.path("histories");
        if (!changelog.path("total").isNumber() || !histories.isArray() || changelog.path("total").asInt() <= histories.size()
                || !n.path("key").isTextual()) {
            return n;
        }
        String key = n.path("key").asText();
        com.fasterxml.jackson.databind.node.ArrayNode all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        java.util.Set<String> seen = new java.util.HashSet<>();
        URI first = URI.create(t.base() + "/rest/api/2/issue/" + enc(key) + "/changelog?startAt=0&maxResults=100");
        boolean missing = false;
        for (Http.Page page : http.pages(t.container(), first, Pagination.startAt("values"))) {
            if (page.response().notFound()) {
                missing = true;
                break;
            }
            JsonNode values = page.body() == null ? null : page.body().path("values");
            if (values == null || !values.isArray()) {
                throw new HttpFailure(page.uri(), page.response().status(), "a changelog page without 'values'");
            }
            values.forEach(h -> {
                if (seen.add(h.path("id").asText(h.toString()))) {
                    all.add(h);
                }
            });
        }
        if (missing) {
            Http.Page whole = http.getJson(t.container(), URI.create(t.base() + "/rest/api/2/issue/" + enc(key)
                    + "?expand=changelog&fields=created"));
            JsonNode h = whole.body() == null ? null : whole.body().path("changelog").path("histories");
            if (h == null || !h.isArray()) {
                throw new HttpFailure(whole.uri(), whole.response().status(), "an issue without 'changelog.histories'");
            }
            h.forEach(all::add);
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = n.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode cl = copy.putObject("changelog");
        cl.put("startAt", 0);
        cl.put("maxResults", all.size());
        cl.put("total", all.size());
        cl.set("histories", all);
        return copy;
    }

    private static void launchpad(Http http, Target t, Optional<Long> since, Batcher b, Progress progress) {
        StringBuilder q = new StringBuilder(t.base() + "/" + t.project() + "?ws.op=searchTasks&order_by=date_last_updated&omit_duplicates=false&ws.size=75");
        since.ifPresent(s -> q.append("&modified_since=").append(enc(iso(s))));
        LAUNCHPAD_STATUSES.forEach(s -> q.append("&status=").append(enc(s)));
        Pagination next = (current, response, body) -> {
            String link = body == null ? "" : body.path("next_collection_link").asText("");
            return link.isBlank() ? Optional.empty() : Optional.of(URI.create(link));
        };
        for (Http.Page page : http.pages(t.container(), URI.create(q.toString()), next)) {
            if (page.response().notFound()) {
                throw new TributaryException.InvalidInput("Launchpad has no project " + t.project() + " (HTTP 404)");
            }
            for (JsonNode task : LaunchpadBugs.page(page.body()).entries()) {
                try {
                    String bugLink = task.path("bug_link").asText("");
                    JsonNode bug = bugLink.isBlank() ? null : http.getJson(t.container(), URI.create(bugLink)).body();
                    List<JsonNode> messages = collection(http, t, bug, "messages_collection_link", next);
                    List<JsonNode> activity = collection(http, t, bug, "activity_collection_link", next);
                    TrackedIssue ti = LaunchpadBugs.issue(task, bug, messages, activity);
                    b.accept(ti, ti.issue().updated());
                } catch (TributaryException.InvalidInput e) {
                    b.warn(page.uri().toString(), e.getMessage());
                }
                progress.advance(b.read);
            }
        }
    }

    private static List<JsonNode> collection(Http http, Target t, JsonNode bug, String field, Pagination next) {
        List<JsonNode> out = new ArrayList<>();
        String link = bug == null ? "" : bug.path(field).asText("");
        if (!link.isBlank()) {
            for (Http.Page p : http.pages(t.container(), URI.create(link), next)) {
                if (p.body() != null) {
                    out.addAll(LaunchpadBugs.page(p.body()).entries());
                }
            }
        }
        return out;
    }

    private static void bugzilla(Http http, Target t, Optional<Long> since, Batcher b, Progress progress) {
        URI first = URI.create(t.base() + "/rest/bug?product=" + enc(t.project()) + "&order=changeddate&limit=100&offset=0"
                + since.map(s -> "&last_change_time=" + enc(iso(s))).orElse(""));
        for (Http.Page page : http.pages(t.container(), first, Pagination.offset("offset", "bugs", 100))) {
            List<JsonNode> bugs;
            try {
                bugs = BugzillaBugs.bugs(page.body());
            } catch (TributaryException.InvalidInput e) {
                throw new HttpFailure(page.uri(), page.response().status(), e.getMessage());
            }
            for (JsonNode bug : bugs) {
                String id = bug.path("id").asText("");
                try {
                    JsonNode c = http.getJson(t.container(), URI.create(t.base() + "/rest/bug/" + enc(id) + "/comment")).body();
                    JsonNode h = http.getJson(t.container(), URI.create(t.base() + "/rest/bug/" + enc(id) + "/history")).body();
                    List<JsonNode> comments = BugzillaBugs.comments(c).getOrDefault(id, List.of());
                    List<JsonNode> history = BugzillaBugs.history(h).getOrDefault(id, List.of());
                    TrackedIssue ti = BugzillaBugs.issue(bug, comments, history);
                    b.accept(ti, ti.issue().updated());
                } catch (TributaryException.InvalidInput e) {
                    b.warn("bug " + id, e.getMessage());
                }
                progress.advance(b.read);
            }
        }
    }

    /** Gathers items into batches; each batch's transaction moves the sync mark to its newest update. */
    private static final class Batcher {
        final IssueStore store;
        final int tracker;
        final String origin;
        final List<TrackedIssue> batch = new ArrayList<>();
        final List<Warning> warnings = new ArrayList<>();
        final List<Warning> shown = new ArrayList<>();
        Long mark;
        int read;
        int stored;
        int comments;

        Batcher(IssueStore store, int tracker, String origin) {
            this.store = store;
            this.tracker = tracker;
            this.origin = origin;
        }

        void accept(TrackedIssue t, Long updated) {
            batch.add(t);
            read++;
            if (updated != null) {
                mark = mark == null ? updated : Math.max(mark, updated);
            }
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void warn(String where, String message) {
            Warning w = new Warning("bad-item", where, message);
            warnings.add(w);
            if (shown.size() < 50) {
                shown.add(w);
            }
        }

        void flush() {
            if (batch.isEmpty() && warnings.isEmpty()) {
                return;
            }
            java.util.LinkedHashMap<String, TrackedIssue> byKey = new java.util.LinkedHashMap<>();
            batch.forEach(t -> {
                byKey.remove(t.issue().key());
                byKey.put(t.issue().key(), t);
            });
            List<TrackedIssue> list = new ArrayList<>(byKey.values());
            store.writeBatch(tracker, list, list.stream().map(x -> origin).toList(), warnings, List.of(), mark);
            stored += list.size();
            comments += list.stream().mapToInt(x -> x.comments().size()).sum();
            batch.clear();
            warnings.clear();
        }
    }
}
