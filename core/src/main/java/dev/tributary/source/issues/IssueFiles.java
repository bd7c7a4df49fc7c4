package dev.tributary.source.issues;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads saved tracker responses from files, in the shapes the trackers answer with and the shapes archives
 * keep them in (see {@code docs/issues.md}):
 * <ul>
 * <li>per-issue GitHub archives: {@code NNNNNN-main.json} (the issue object) beside {@code -comments.json}
 * and {@code -xrefs.json};</li>
 * <li>{@code github-metadata-backup} files ({@code issues/N.json}, {@code pulls/N.json});</li>
 * <li>GitHub issue objects or pages (arrays) of them; Jira issue objects and search pages; Launchpad task
 * pages; Bugzilla bug lists;</li>
 * <li>Perceval items (an array, or JSON lines in {@code .jsonl}/{@code .ndjson}), which carry comments and
 * history beside each item.</li>
 * </ul>
 * Arrays and JSON lines are streamed item by item. A bad item is reported through {@code bad} and the rest of
 * the file is still read; a file that is not JSON at all throws. Stateless and thread-safe.
 */
public final class IssueFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ARCHIVE_MAIN = Pattern.compile("(\\d+)-main\\.json");
    /** Bytes of a single JSON document read whole (arrays and JSON lines stream, whatever their size). */
    static final long DOCUMENT_LIMIT = 256L << 20;

    private IssueFiles() {
    }

    /** An item that could not be taken: a stable kind ({@code bad-item}, {@code moved-issue}) and what is wrong. */
    public record Problem(String kind, String message) {
    }

    /** Whether {@code file} is one {@link #read} reads (the companions of a {@code -main.json} are read with it). */
    public static boolean candidate(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith("-comments.json") || n.endsWith("-xrefs.json") || n.equals("state.json")) {
            return false;
        }
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    /**
     * Reads every issue of {@code file}, as a {@code kind} tracker's, into {@code out}; items that cannot be read
     * go to {@code bad} with the reason, and reading goes on.
     *
     * @throws TributaryException.InvalidInput when the file cannot be read or is not JSON of a known shape
     */
    public static void read(TrackerKind kind, Path file, Consumer<TrackedIssue> out, Consumer<Problem> bad) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                readLines(kind, file, out, bad);
                return;
            }
            Matcher m = ARCHIVE_MAIN.matcher(name);
            if (kind == TrackerKind.GITHUB && m.matches()) {
                archiveItem(file, m.group(1), out, bad);
                return;
            }
            try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.getFactory().createParser(in)) {
                JsonToken first = p.nextToken();
                if (first == JsonToken.START_ARRAY) {
                    int index = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode item = LeanJson.read(p, true);
                        try {
                            one(kind, item, out);
                        } catch (TributaryException.InvalidInput | IllegalArgumentException e) {
                            bad.accept(new Problem("bad-item", "item " + index + ": " + e.getMessage()));
                        }
                        index++;
                    }
                    return;
                }
                if (first != JsonToken.START_OBJECT) {
                    throw new TributaryException.InvalidInput(file + ": not a JSON object or array");
                }
                if (Files.size(file) > DOCUMENT_LIMIT) {
                    throw new TributaryException.InvalidInput(file + ": a single JSON document over "
                            + (DOCUMENT_LIMIT >> 20) + " MiB; split it, or save it as JSON lines");
                }
                JsonNode root = LeanJson.read(p, true);
                if (p.nextToken() != null) {
                    throw new TributaryException.InvalidInput(file + ": more than one JSON value");
                }
                document(kind, root, out, bad);
            }
        } catch (JsonProcessingException e) {
            throw new TributaryException.InvalidInput(file + ": bad JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TributaryException.InvalidInput(file + ": " + e.getMessage(), e);
        }
    }

    private static void readLines(TrackerKind kind, Path file, Consumer<TrackedIssue> out, Consumer<Problem> bad) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            dev.tributary.source.Lines.nonBlank(r, (n, line) -> {
                try {
                    one(kind, JSON.readTree(line), out);
                } catch (JsonProcessingException e) {
                    bad.accept(new Problem("bad-item", "line " + n + ": bad JSON: " + e.getOriginalMessage()));
                } catch (TributaryException.InvalidInput | IllegalArgumentException e) {
                    bad.accept(new Problem("bad-item", "line " + n + ": " + e.getMessage()));
                }
            });
        }
    }

    /** A per-issue archive's item: the issue, with its comments and cross-references when they are there. */
    private static void archiveItem(Path main, String number, Consumer<TrackedIssue> out, Consumer<Problem> bad) throws IOException {
        JsonNode issue = lean(main, true);
        TrackedIssue t = new TrackedIssue(GitHubIssues.issue(issue), List.of(), List.of());
        if (!t.issue().key().equals(number.replaceFirst("^0+(?=\\d)", ""))) {
            // GitHub answers for a transferred issue with the issue it became in the other repository
            bad.accept(new Problem("moved-issue", "holds issue #" + t.issue().key() + " of another repository ("
                    + Json.bounded(Json.text(issue, "html_url")) + "): the issue was transferred; left out"));
            return;
        }
        Path dir = main.getParent() == null ? Path.of(".") : main.getParent();
        Path comments = dir.resolve(number + "-comments.json");
        if (Files.isRegularFile(comments)) {
            t = t.withComments(GitHubIssues.comments(t.issue().key(), lean(comments, false)));
        }
        Path xrefs = dir.resolve(number + "-xrefs.json");
        if (Files.isRegularFile(xrefs)) {
            TrackedIssue events = GitHubIssues.withTimeline(t.issue(), lean(xrefs, false));
            t = t.withEvents(events.events()).withComments(events.comments());
        }
        out.accept(t);
    }

    /** A whole file read by {@link LeanJson}, which must hold one JSON value and nothing after it. */
    private static JsonNode lean(Path file, boolean bodies) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() == null) {
                throw new TributaryException.InvalidInput(file + ": empty");
            }
            JsonNode n = LeanJson.read(p, bodies);
            if (p.nextToken() != null) {
                throw new TributaryException.InvalidInput(file + ": more than one JSON value");
            }
            return n;
        }
    }

    /** One whole JSON object: an issue, a page or list of them, or a backup file. */
    private static void document(TrackerKind kind, JsonNode root, Consumer<TrackedIssue> out, Consumer<Problem> bad) {
        switch (kind) {
            case GITHUB -> {
                if (root.has("type") && (root.has("issue") || root.has("pull"))) {
                    out.accept(GitHubIssues.backup(root));
                } else {
                    one(kind, root, out);
                }
            }
            case JIRA -> {
                if (root.has("issues")) {
                    int i = 0;
                    for (JsonNode n : JiraIssues.page(root, "issues").items()) {
                        guarded(kind, n, out, bad, "issue " + i++);
                    }
                } else {
                    one(kind, root, out);
                }
            }
            case LAUNCHPAD -> {
                if (root.has("entries")) {
                    int i = 0;
                    for (JsonNode n : LaunchpadBugs.page(root).entries()) {
                        guarded(kind, n, out, bad, "entry " + i++);
                    }
                } else {
                    one(kind, root, out);
                }
            }
            case BUGZILLA -> {
                int i = 0;
                for (JsonNode n : BugzillaBugs.bugs(root)) {
                    guarded(kind, n, out, bad, "bug " + i++);
                }
            }
        }
    }

    private static void guarded(TrackerKind kind, JsonNode n, Consumer<TrackedIssue> out, Consumer<Problem> bad, String where) {
        try {
            one(kind, n, out);
        } catch (TributaryException.InvalidInput | IllegalArgumentException e) {
            bad.accept(new Problem("bad-item", where + ": " + e.getMessage()));
        }
    }

    /** One item: a Perceval envelope ({@code backend_name}, {@code data}) or a tracker's own object. */
    static void one(TrackerKind kind, JsonNode n, Consumer<TrackedIssue> out) {
        if (n.has("backend_name") && n.has("data")) {
            String backend = n.get("backend_name").asText().toLowerCase(Locale.ROOT);
            if (!backend.startsWith(kind.id())) {
                throw new TributaryException.InvalidInput("a Perceval " + n.get("backend_name").asText() + " item, not a "
                        + kind.id() + " one");
            }
            String category = Json.text(n, "category");
            if (!category.isBlank() && !category.equals("issue") && !category.equals("bug")) {
                // repositories, events, and GitHub's pull_request items (the /pulls object of a pull request whose
                // issue-side item, with its comments, is an "issue" item of the same number): not issues
                return;
            }
            JsonNode d = n.get("data");
            out.accept(switch (kind) {
                case GITHUB -> {
                    TrackedIssue t = new TrackedIssue(GitHubIssues.issue(d), List.of(), List.of());
                    JsonNode comments = d.get("comments_data");
                    yield comments != null && comments.isArray() ? t.withComments(GitHubIssues.comments(t.issue().key(), comments)) : t;
                }
                case JIRA -> {
                    TrackedIssue t = JiraIssues.issue(d);
                    JsonNode comments = d.get("comments_data");
                    yield comments != null && comments.isArray() && t.comments().isEmpty()
                            ? t.withComments(JiraIssues.comments(t.issue().key(), Json.array(d, "comments_data"))) : t;
                }
                case LAUNCHPAD -> LaunchpadBugs.percevalItem(d);
                case BUGZILLA -> BugzillaBugs.percevalItem(d);
            });
            return;
        }
        out.accept(switch (kind) {
            case GITHUB -> new TrackedIssue(GitHubIssues.issue(n), List.of(), List.of());
            case JIRA -> JiraIssues.issue(n);
            case LAUNCHPAD -> LaunchpadBugs.issue(n, null, List.of(), List.of());
            case BUGZILLA -> BugzillaBugs.percevalItem(n);
        });
    }

    /** The JSON factory the live sources parse with (shared: thread-safe). */
    static JsonFactory factory() {
        return JSON.getFactory();
    }
}
