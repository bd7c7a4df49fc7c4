package dev.tributary.source.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.TributaryException;
import dev.tributary.source.Warning;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitHub's GraphQL API for pull requests: the one query that returns a page of a repository's pull requests,
 * newest update first, each with its reviews, review comments, discussion comments and timeline; and the
 * translation of each pull request node into the REST shapes {@link GitHubPulls#parse} reads (the pull object
 * of {@code /pulls}, the events of {@code /issues/N/timeline}, the review comments of {@code /pulls/N/comments}),
 * so that live REST, live GraphQL and the offline backup enter through one parser.
 *
 * <p>Nested connections are capped per node ({@link #REVIEWS} reviews of {@link #REVIEW_COMMENTS} comments each,
 * {@link #COMMENTS} comments, {@link #TIMELINE} timeline items). A pull request with more than a page of any of
 * them is not cut short: {@link Rest#events()} or {@link Rest#reviewComments()} is then empty, and the caller
 * reads that list whole from the REST endpoint instead, for that pull request only.
 *
 * <p>Translation rules where the two APIs differ: a GraphQL {@code Bot}'s login lacks the {@code [bot]} that REST
 * shows ({@code dependabot} against {@code dependabot[bot]}), so it is added; a deleted account (a null author
 * or actor) is REST's {@code ghost}; {@code state} MERGED and CLOSED are REST's {@code closed}; a pending review's
 * comments are left out, as {@code /pulls/N/comments} leaves them out. Stateless and thread-safe.
 */
public final class GitHubGraphQl {
    /** Nested page sizes: small enough that a page of 25 pull requests costs about 9 of the 5,000 points an hour. */
    static final int REVIEWS = 30;
    static final int REVIEW_COMMENTS = 10;
    static final int COMMENTS = 100;
    static final int TIMELINE = 100;
    static final int REVIEW_REQUESTS = 20;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final String ACTOR = "{ __typename login }";
    private static final String REVIEWER = "{ __typename ... on User { login } ... on Bot { login } ... on Mannequin { login } "
            + "... on Team { slug } }";

    /** The query; its variables are {@code owner}, {@code name}, {@code first} and {@code after} (null: the first page). */
    public static final String QUERY = "query($owner: String!, $name: String!, $first: Int!, $after: String) {"
            + " rateLimit { cost remaining resetAt }"
            + " repository(owner: $owner, name: $name) {"
            + " pullRequests(first: $first, after: $after, orderBy: {field: UPDATED_AT, direction: DESC}) {"
            + " pageInfo { hasNextPage endCursor }"
            + " nodes { number id title state isDraft createdAt updatedAt closedAt mergedAt"
            + " author " + ACTOR + " mergedBy " + ACTOR + " headRefOid baseRefName mergeCommit { oid }"
            + " reviewRequests(first: " + REVIEW_REQUESTS + ") { pageInfo { hasNextPage } nodes { requestedReviewer " + REVIEWER + " } }"
            + " reviews(first: " + REVIEWS + ") { pageInfo { hasNextPage } nodes { databaseId state submittedAt author " + ACTOR
            + " comments(first: " + REVIEW_COMMENTS + ") { pageInfo { hasNextPage } nodes { databaseId path createdAt author " + ACTOR + " } } } }"
            + " comments(first: " + COMMENTS + ") { pageInfo { hasNextPage } nodes { databaseId createdAt author " + ACTOR + " } }"
            + " timelineItems(first: " + TIMELINE + ", itemTypes: [PULL_REQUEST_COMMIT, READY_FOR_REVIEW_EVENT, REVIEW_REQUESTED_EVENT,"
            + " REVIEW_REQUEST_REMOVED_EVENT, HEAD_REF_FORCE_PUSHED_EVENT, MERGED_EVENT, CONVERT_TO_DRAFT_EVENT, CLOSED_EVENT,"
            + " REOPENED_EVENT, REVIEW_DISMISSED_EVENT]) { pageInfo { hasNextPage } nodes { __typename"
            + " ... on PullRequestCommit { commit { oid committedDate author { name email date user { login } } committer { name email date } } }"
            + " ... on ReadyForReviewEvent { createdAt actor " + ACTOR + " }"
            + " ... on ReviewRequestedEvent { createdAt actor " + ACTOR + " requestedReviewer " + REVIEWER + " }"
            + " ... on ReviewRequestRemovedEvent { createdAt actor " + ACTOR + " requestedReviewer " + REVIEWER + " }"
            + " ... on HeadRefForcePushedEvent { createdAt actor " + ACTOR + " afterCommit { oid } }"
            + " ... on MergedEvent { createdAt actor " + ACTOR + " commit { oid } }"
            + " ... on ConvertToDraftEvent { createdAt actor " + ACTOR + " }"
            + " ... on ClosedEvent { createdAt actor " + ACTOR + " }"
            + " ... on ReopenedEvent { createdAt actor " + ACTOR + " }"
            + " ... on ReviewDismissedEvent { createdAt actor " + ACTOR + " } } } } } } }";

    private GitHubGraphQl() {
    }

    /** The GraphQL endpoint of a REST API root: {@code https://api.github.com/graphql}, Enterprise {@code https://HOST/api/graphql}. */
    public static URI endpoint(URI restRoot) {
        String s = restRoot.toString().replaceAll("/+$", "");
        return URI.create(s.replaceAll("/v3$", "") + "/graphql");
    }

    /** The request body of the page after {@code after} (null: the first), as text; the same page gives the same text. */
    public static String request(String owner, String name, int first, String after) {
        if (first < 1 || first > 100) {
            throw new TributaryException.InvalidInput("a GraphQL page holds 1 to 100 pull requests, not " + first);
        }
        ObjectNode vars = F.objectNode().put("owner", owner).put("name", name).put("first", first);
        if (after == null) {
            vars.putNull("after");
        } else {
            vars.put("after", after);
        }
        ObjectNode body = F.objectNode().put("query", QUERY);
        body.set("variables", vars);
        return body.toString();
    }

    /**
     * One page of the answer.
     *
     * @param nodes       the pull request nodes as GitHub sent them (a null one stays null: the caller warns)
     * @param hasNextPage whether more pull requests follow
     * @param endCursor   the cursor of the next page ({@code after})
     * @param warnings    the answer's {@code errors} beside its data, one warning each; the page is then partial
     * @param cost        the rate-limit points GitHub charged for the query ({@code rateLimit.cost}), 0 when not said
     * @param damaged     the indexes of the nodes an error's {@code path} points into: something of them may be null
     * @param unplaced    whether an error points at no node, so the caller cannot tell what it cost
     */
    public record Page(List<JsonNode> nodes, boolean hasNextPage, String endCursor, List<Warning> warnings, int cost,
                       java.util.Set<Integer> damaged, boolean unplaced) {
        public Page {
            nodes = java.util.Collections.unmodifiableList(new ArrayList<>(nodes));
            warnings = List.copyOf(warnings);
            damaged = java.util.Set.copyOf(damaged);
        }
    }

    /** Why an answer gave no page of pull requests. */
    public static final class NoPage extends TributaryException {
        private static final long serialVersionUID = 1L;
        private final boolean notFound;

        NoPage(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }

        /** GitHub says the repository does not exist (or the token cannot see it). */
        public boolean notFound() {
            return notFound;
        }
    }

    /**
     * Reads one answer of {@link #QUERY}.
     *
     * @throws NoPage when it holds no page of pull requests: the repository is not found (an error of type
     *                NOT_FOUND, or a null repository), or errors took the whole answer (their messages, bounded)
     */
    public static Page page(JsonNode body, String container) {
        if (body == null || !body.isObject()) {
            throw new NoPage("the GraphQL answer for " + container + " is not a JSON object", false);
        }
        List<Warning> warnings = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        boolean notFound = false;
        java.util.Set<Integer> damaged = new java.util.TreeSet<>();
        boolean unplaced = false;
        for (JsonNode e : body.path("errors")) {
            JsonNode at = e.path("path");
            if (at.size() >= 4 && at.get(0).asText().equals("repository") && at.get(1).asText().equals("pullRequests")
                    && at.get(2).asText().equals("nodes") && at.get(3).canConvertToInt()) {
                damaged.add(at.get(3).asInt());
            } else if (!e.path("type").asText("").equals("NOT_FOUND")) {
                unplaced = true;
            }
            String type = e.path("type").asText("");
            notFound |= type.equals("NOT_FOUND");
            String msg = GitHubPulls.bounded((type.isEmpty() ? "" : type + ": ") + e.path("message").asText("(no message)"));
            messages.add(msg);
            StringBuilder path = new StringBuilder();
            for (JsonNode p : e.path("path")) {
                path.append(path.length() == 0 ? "" : ".").append(p.asText());
            }
            warnings.add(new Warning("graphql-error", container + (path.length() == 0 ? "" : " " + path), msg));
        }
        JsonNode repo = body.path("data").path("repository");
        if (repo.isMissingNode() || repo.isNull()) {
            throw new NoPage(notFound || messages.isEmpty() ? "GitHub has no repository " + container.replaceFirst("^github/", "")
                    + (messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")") + ", or the token cannot see it"
                    : "GitHub's GraphQL API answered errors for " + container + ": " + String.join("; ", messages), notFound);
        }
        JsonNode prs = repo.path("pullRequests");
        if (!prs.path("nodes").isArray()) {
            throw new NoPage("the GraphQL answer for " + container + " has no pullRequests.nodes"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages)), false);
        }
        List<JsonNode> nodes = new ArrayList<>();
        prs.get("nodes").forEach(nodes::add);
        JsonNode info = prs.path("pageInfo");
        String end = info.path("endCursor").isTextual() ? info.get("endCursor").asText() : null;
        return new Page(nodes, info.path("hasNextPage").asBoolean(false), end, warnings,
                body.path("data").path("rateLimit").path("cost").asInt(0), damaged, unplaced);
    }

    /**
     * One pull request node in REST's shapes.
     *
     * @param pull           the pull request object, as {@code /pulls} gives it (the fields {@link GitHubPulls} reads)
     * @param events         its timeline events, as {@code /issues/N/timeline}; empty when a nested list had more than a
     *                       page (or is missing): then read the REST timeline whole
     * @param reviewComments its review comments, as {@code /pulls/N/comments}; empty when they had more than a page
     */
    public record Rest(ObjectNode pull, Optional<ArrayNode> events, Optional<ArrayNode> reviewComments) {
    }

    /** Translates a pull request node; fields the node lacks stay absent, so the parser says what is missing. */
    public static Rest toRest(JsonNode node) {
        ObjectNode pull = F.objectNode();
        copy(node, "number", pull, "number");
        copy(node, "id", pull, "node_id");
        copy(node, "title", pull, "title");
        if (node.hasNonNull("state")) {
            pull.put("state", node.get("state").asText().equalsIgnoreCase("OPEN") ? "open" : "closed");
        }
        copy(node, "isDraft", pull, "draft");
        copy(node, "createdAt", pull, "created_at");
        copy(node, "updatedAt", pull, "updated_at");
        copy(node, "closedAt", pull, "closed_at");
        copy(node, "mergedAt", pull, "merged_at");
        pull.set("user", actor(node.get("author")));
        boolean merged = node.hasNonNull("mergedAt");
        pull.set("merged_by", node.hasNonNull("mergedBy") || merged ? actor(node.get("mergedBy")) : NullNode.getInstance());
        pull.set("merge_commit_sha", node.path("mergeCommit").hasNonNull("oid") ? node.get("mergeCommit").get("oid") : NullNode.getInstance());
        pull.set("head", F.objectNode().set("sha", node.path("headRefOid").isTextual() ? node.get("headRefOid") : NullNode.getInstance()));
        pull.set("base", F.objectNode().set("ref", node.path("baseRefName").isTextual() ? node.get("baseRefName") : NullNode.getInstance()));
        ArrayNode users = pull.putArray("requested_reviewers");
        ArrayNode teams = pull.putArray("requested_teams");
        for (JsonNode r : node.path("reviewRequests").path("nodes")) {
            JsonNode who = r.path("requestedReviewer");
            if (who.hasNonNull("slug")) {
                teams.add(F.objectNode().set("slug", who.get("slug")));
            } else if (who.hasNonNull("login")) {
                users.add(actor(who));
            }
        }

        JsonNode reviews = node.get("reviews");
        JsonNode comments = node.get("comments");
        JsonNode timeline = node.get("timelineItems");
        Optional<ArrayNode> events = complete(reviews) && complete(comments) && complete(timeline)
                ? Optional.of(events(reviews, comments, timeline)) : Optional.empty();
        Optional<ArrayNode> reviewComments = Optional.empty();
        if (complete(reviews)) {
            ArrayNode rc = F.arrayNode();
            boolean whole = true;
            for (JsonNode r : reviews.get("nodes")) {
                if (r == null || !r.isObject() || "PENDING".equals(r.path("state").asText())) {
                    continue; // the viewer's own pending review: not in /pulls/N/comments either
                }
                JsonNode cs = r.get("comments");
                if (!complete(cs)) {
                    whole = false;
                    break;
                }
                for (JsonNode c : cs.get("nodes")) {
                    ObjectNode o = F.objectNode();
                    copy(c, "databaseId", o, "id");
                    copy(c, "createdAt", o, "created_at");
                    o.set("user", actor(c.get("author")));
                    copy(c, "path", o, "path");
                    copy(r, "databaseId", o, "pull_request_review_id");
                    rc.add(o);
                }
            }
            reviewComments = whole ? Optional.of(rc) : Optional.empty();
        }
        return new Rest(pull, events, reviewComments);
    }

    private static ArrayNode events(JsonNode reviews, JsonNode comments, JsonNode timeline) {
        ArrayNode out = F.arrayNode();
        for (JsonNode t : timeline.get("nodes")) {
            String type = t.path("__typename").asText("");
            if (type.equals("PullRequestCommit")) {
                JsonNode c = t.path("commit");
                ObjectNode e = F.objectNode().put("event", "committed");
                copy(c, "oid", e, "sha");
                ObjectNode author = F.objectNode();
                copy(c.path("author"), "name", author, "name");
                copy(c.path("author"), "email", author, "email");
                copy(c.path("author"), "date", author, "date");
                copy(c.path("author").path("user"), "login", author, "login");
                e.set("author", author);
                ObjectNode committer = F.objectNode();
                copy(c.path("committer"), "name", committer, "name");
                copy(c.path("committer"), "email", committer, "email");
                copy(c, "committedDate", committer, "date"); // DateTime, UTC: the committer's date
                e.set("committer", committer);
                out.add(e);
                continue;
            }
            String kind = switch (type) {
                case "ReadyForReviewEvent" -> "ready_for_review";
                case "ReviewRequestedEvent" -> "review_requested";
                case "ReviewRequestRemovedEvent" -> "review_request_removed";
                case "HeadRefForcePushedEvent" -> "head_ref_force_pushed";
                case "MergedEvent" -> "merged";
                case "ConvertToDraftEvent" -> "convert_to_draft";
                case "ClosedEvent" -> "closed";
                case "ReopenedEvent" -> "reopened";
                case "ReviewDismissedEvent" -> "review_dismissed";
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            ObjectNode e = F.objectNode().put("event", kind);
            copy(t, "createdAt", e, "created_at");
            e.set("actor", actor(t.get("actor")));
            JsonNode who = t.path("requestedReviewer");
            if (who.hasNonNull("slug")) {
                e.set("requested_team", F.objectNode().set("slug", who.get("slug")));
            } else if (who.hasNonNull("login")) {
                e.set("requested_reviewer", actor(who));
            }
            if (kind.equals("head_ref_force_pushed")) {
                e.set("commit_id", t.path("afterCommit").hasNonNull("oid") ? t.get("afterCommit").get("oid") : NullNode.getInstance());
            } else if (kind.equals("merged")) {
                e.set("commit_id", t.path("commit").hasNonNull("oid") ? t.get("commit").get("oid") : NullNode.getInstance());
            }
            out.add(e);
        }
        for (JsonNode r : reviews.get("nodes")) {
            ObjectNode e = F.objectNode().put("event", "reviewed");
            copy(r, "databaseId", e, "id");
            copy(r, "state", e, "state");
            copy(r, "submittedAt", e, "submitted_at");
            e.set("user", actor(r.get("author")));
            out.add(e);
        }
        for (JsonNode c : comments.get("nodes")) {
            ObjectNode e = F.objectNode().put("event", "commented");
            copy(c, "databaseId", e, "id");
            copy(c, "createdAt", e, "created_at");
            JsonNode who = actor(c.get("author"));
            e.set("user", who);
            e.set("actor", who);
            out.add(e);
        }
        return out;
    }

    /** A connection read whole: present, with its nodes, and no page after this one. */
    private static boolean complete(JsonNode connection) {
        return connection != null && connection.isObject() && connection.path("nodes").isArray()
                && !connection.path("pageInfo").path("hasNextPage").asBoolean(false);
    }

    /** A GraphQL actor as a REST user object; a deleted account (null) is {@code ghost}. */
    static JsonNode actor(JsonNode a) {
        if (a == null || !a.isObject() || !a.hasNonNull("login")) {
            return F.objectNode().put("login", "ghost").put("type", "User");
        }
        String type = a.path("__typename").asText("User");
        String login = a.get("login").asText();
        if (type.equals("Bot") && !login.toLowerCase(Locale.ROOT).endsWith("[bot]")) {
            login += "[bot]"; // REST's name for the same app
        }
        return F.objectNode().put("login", login).put("type", type);
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from == null ? null : from.get(field);
        if (v != null && !v.isMissingNode()) {
            to.set(as, v);
        }
    }
}
