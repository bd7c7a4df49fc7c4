package dev.tributary.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.HttpFailure;
import dev.tributary.source.http.Pagination;
import dev.tributary.source.review.GitHubGraphQl;
import dev.tributary.source.review.GitHubPulls;
import dev.tributary.store.ReviewStore;
import dev.tributary.store.Store;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Collects a GitHub repository's pull requests from the API, incrementally, over REST or GraphQL ({@link Api}).
 *
 * <p>REST: the listing ({@code /pulls?state=all&sort=updated&direction=desc&per_page=100}, 100 pull requests per
 * request) is read newest-updated first and stops at the first pull request not updated since the cursor; each pull
 * request updated since then costs its timeline ({@code /issues/N/timeline}: reviews, discussion comments, commits,
 * merge, review requests, force pushes) and its review comments ({@code /pulls/N/comments}), 100 per page.
 *
 * <p>GraphQL ({@code POST /graphql}, a token required): one query per {@link #GRAPHQL_PAGE} pull requests, newest
 * update first, each with its reviews, review comments, comments and timeline ({@link GitHubGraphQl}), stopped at
 * the cursor the same way. A pull request whose nested lists hold more than one page has the overflowing list read
 * whole from the REST endpoint above, for that pull request only. Each node is translated into the REST shapes,
 * so both paths and the offline backup share {@link GitHubPulls#parse}. An answer with {@code errors} beside its
 * data gives a warning per error; a pull request an error points into is read whole over REST ({@code /pulls/N},
 * its timeline and review comments), and one lost without its number (a null node, an error pointing nowhere)
 * leaves the cursor where it was, so the next run asks again.
 *
 * <p>Both: a pull request already stored with the same {@code updated_at} is skipped, so a run killed half way
 * (kill -9) costs, when run again, the listing pages and the pull requests not stored yet. The cursor (the newest
 * {@code updated_at} seen, the same text for both paths) moves only when a run has read the listing to its end or
 * to the old cursor, in the transaction of the last batch.
 */
public final class CollectGitHub {
    /**
     * A walk down a listing of pull requests, newest-updated first, from the stored cursor (the update time of the
     * newest pull request stored; {@link Long#MIN_VALUE} when none): where it stops, and the newest time seen.
     */
    private static final class Walk {
        private final long cursor;
        private long newest;

        Walk(long cursor) {
            this.cursor = cursor;
            this.newest = cursor;
        }

        /** Whether a pull request updated at {@code updated} (null: unknown) is older than the cursor: the walk ends. */
        boolean pastCursor(Long updated) {
            if (updated != null && updated < cursor) {
                return true;
            }
            if (updated != null) {
                newest = Math.max(newest, updated);
            }
            return false;
        }
    }

    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
    /** Pull requests per GraphQL query. */
    public static final int GRAPHQL_PAGE = 25;

    /** Which API to read. */
    public enum Api {
        /** {@code /pulls}, then each changed pull request's timeline and review comments. */
        rest,
        /** One query per page of pull requests with their nested lists; needs a token. */
        graphql
    }

    /** The API a run uses, and what the result line says about the choice (empty: nothing to say). */
    public record Choice(Api api, String note) {
    }

    /**
     * The API a run uses: the one asked for ({@code null}: GraphQL when there is a token, REST without), except that
     * GraphQL needs a token, so without one it is REST with a note saying so. Replaying the raw archive, it is the
     * API the archive holds answers of (GraphQL when it holds any POST for the container), unless one is asked for.
     *
     * @return the API and the note for the result line
     */
    public static Choice choose(Http http, String ownerRepo, Api asked) {
        if (http.options().mode() == Http.Mode.REPLAY) {
            if (asked != null) {
                return new Choice(asked, "");
            }
            boolean graphql = http.options().archive().entries(container(ownerRepo)).stream().anyMatch(e -> e.method().equals("POST"));
            return new Choice(graphql ? Api.graphql : Api.rest, "");
        }
        if (http.options().token().isEmpty()) {
            return new Choice(Api.rest, asked == Api.rest ? ""
                    : "no token: GitHub's GraphQL API needs one, so this run used REST (GITHUB_TOKEN or --token-file)");
        }
        return new Choice(asked == null ? Api.graphql : asked, "");
    }

    private CollectGitHub() {
    }

    /** The container name of {@code owner/repo}. */
    public static String container(String ownerRepo) {
        if (!REPO.matcher(ownerRepo).matches() || ownerRepo.contains("..")) {
            throw new TributaryException.InvalidInput("'" + ownerRepo + "' is not OWNER/REPO");
        }
        return "github/" + ownerRepo;
    }

    /**
     * Collects {@code ownerRepo} over REST through {@code http} from {@code api} (https://api.github.com, or a GitHub
     * Enterprise {@code https://HOST/api/v3}).
     *
     * @throws HttpFailure when GitHub keeps failing; what was stored stays, the next run resumes
     */
    public static CollectReviews.Result run(Store store, Http http, URI api, String ownerRepo, Progress progress) {
        return rest(store, http, api, ownerRepo, "", progress);
    }

    /**
     * Collects {@code ownerRepo} over the API {@link #choose} picks for {@code asked} (null: GraphQL with a token).
     *
     * @throws HttpFailure when GitHub keeps failing or answers GraphQL errors and no data; what was stored stays
     */
    public static CollectReviews.Result run(Store store, Http http, URI api, String ownerRepo, Api asked, Progress progress) {
        Choice how = choose(http, ownerRepo, asked);
        return how.api() == Api.graphql ? graphql(store, http, api, ownerRepo, GRAPHQL_PAGE, progress)
                : rest(store, http, api, ownerRepo, how.note(), progress);
    }

    private static CollectReviews.Result rest(Store store, Http http, URI api, String ownerRepo, String note, Progress progress) {
        String container = container(ownerRepo);
        ReviewStore rs = store.reviews();
        int id = rs.container(container, "github");
        Walk walk = new Walk(rs.cursor(id).map(CollectGitHub::epoch).orElse(Long.MIN_VALUE));
        CollectReviews.Batcher b = new CollectReviews.Batcher(rs, id, rs.updatedTimes(id));
        String base = api.toString().replaceAll("/+$", "") + "/repos/" + ownerRepo;
        URI first = URI.create(base + "/pulls?state=all&sort=updated&direction=desc&per_page=100");
        progress.start("pull requests of " + ownerRepo, -1);
        boolean done = false;
        try {
            for (Http.Page page : http.pages(container, first, Pagination.linkHeader())) {
                if (page.response().notFound()) {
                    throw new TributaryException.InvalidInput("GitHub has no repository " + ownerRepo + " (HTTP 404 from "
                            + first + "), or the token cannot see it");
                }
                if (!page.body().isArray()) {
                    throw new HttpFailure(page.uri(), page.response().status(), "the pull request listing of " + ownerRepo
                            + " is not a JSON array");
                }
                for (JsonNode pull : page.body()) {
                    Long updated = epochOrNull(pull.path("updated_at").asText(""));
                    if (walk.pastCursor(updated)) {
                        done = true;
                        break;
                    }
                    long number = pull.path("number").asLong(-1);
                    if (b.unchanged(number, updated)) {
                        continue;
                    }
                    JsonNode events = number > 0 ? all(http, container, URI.create(base + "/issues/" + number + "/timeline?per_page=100")) : null;
                    JsonNode comments = number > 0 ? all(http, container, URI.create(base + "/pulls/" + number + "/comments?per_page=100")) : null;
                    b.accept(GitHubPulls.parse(container, pull, events, comments));
                    progress.advance(b.read);
                }
                if (done) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            b.flush(null); // keep what was read whole; the cursor stays, so the next run resumes
            throw e;
        } finally {
            progress.finish();
        }
        b.flush(walk.newest == Long.MIN_VALUE ? null : Instant.ofEpochSecond(walk.newest).toString());
        rs.deriveLinks(CollectReviews::bot);
        Resolve.run(store);
        Http.Stats s = http.stats();
        return b.result(container, s.requests(), s.replayed(), s.waits(), note);
    }

    /**
     * The GraphQL path with {@code pageSize} pull requests a query (see the class javadoc); package-private so
     * that tests can page small fixtures.
     */
    static CollectReviews.Result graphql(Store store, Http http, URI api, String ownerRepo, int pageSize, Progress progress) {
        String container = container(ownerRepo);
        String owner = ownerRepo.substring(0, ownerRepo.indexOf('/'));
        String name = ownerRepo.substring(ownerRepo.indexOf('/') + 1);
        ReviewStore rs = store.reviews();
        int id = rs.container(container, "github");
        Walk walk = new Walk(rs.cursor(id).map(CollectGitHub::epoch).orElse(Long.MIN_VALUE));
        CollectReviews.Batcher b = new CollectReviews.Batcher(rs, id, rs.updatedTimes(id));
        String base = api.toString().replaceAll("/+$", "") + "/repos/" + ownerRepo;
        URI endpoint = GitHubGraphQl.endpoint(api);
        boolean complete = true;
        int queries = 0;
        long points = 0;
        int overflowed = 0;
        long restRequests = 0;
        progress.start("pull requests of " + ownerRepo + " (GraphQL)", -1);
        try {
            String after = null;
            boolean done = false;
            while (!done) {
                Http.Page answer = http.postJson(container, endpoint, GitHubGraphQl.request(owner, name, pageSize, after));
                queries++;
                if (answer.response().notFound()) {
                    throw new TributaryException.InvalidInput("no GraphQL API at " + endpoint + " (HTTP 404); for GitHub Enterprise give "
                            + "--api-url https://HOST/api/v3, or --api rest");
                }
                GitHubGraphQl.Page page;
                try {
                    page = GitHubGraphQl.page(answer.body(), container);
                } catch (GitHubGraphQl.NoPage e) {
                    if (e.notFound()) {
                        throw new TributaryException.InvalidInput(e.getMessage());
                    }
                    throw new HttpFailure(endpoint, answer.response().status(), e.getMessage()
                            + "; what was stored stays, run again to resume (or --api rest)");
                }
                b.warnings.addAll(page.warnings());
                complete &= !page.unplaced();
                points += page.cost();
                for (int i = 0; i < page.nodes().size(); i++) {
                    JsonNode node = page.nodes().get(i);
                    if (node == null || !node.isObject()) {
                        b.warnings.add(new dev.tributary.source.Warning("bad-pull", container, "a pull request GitHub's GraphQL answer "
                                + "left empty (null); the cursor stays, so the next run asks again"));
                        complete = false;
                        continue;
                    }
                    Long updated = epochOrNull(node.path("updatedAt").asText(""));
                    if (walk.pastCursor(updated)) {
                        done = true;
                        break;
                    }
                    long number = node.path("number").asLong(-1);
                    if (b.unchanged(number, updated)) {
                        continue;
                    }
                    if (page.damaged().contains(i)) {
                        // an error inside this node: some of it may be null, so it is read whole over REST instead
                        if (number <= 0) {
                            b.warnings.add(new dev.tributary.source.Warning("bad-pull", container, "a pull request GitHub's GraphQL "
                                    + "answer broke, without its number; the cursor stays, so the next run asks again"));
                            complete = false;
                            continue;
                        }
                        overflowed++;
                        long sent = http.stats().requests() + http.stats().replayed();
                        Http.Page pull = http.getJson(container, URI.create(base + "/pulls/" + number));
                        JsonNode events = all(http, container, URI.create(base + "/issues/" + number + "/timeline?per_page=100"));
                        JsonNode comments = all(http, container, URI.create(base + "/pulls/" + number + "/comments?per_page=100"));
                        restRequests += http.stats().requests() + http.stats().replayed() - sent;
                        if (pull.response().notFound() || pull.body() == null) {
                            b.warnings.add(new dev.tributary.source.Warning("bad-pull", container + " #" + number, "GitHub's GraphQL "
                                    + "answer broke and REST has no such pull request (HTTP " + pull.response().status() + ")"));
                            continue;
                        }
                        b.accept(GitHubPulls.parse(container, pull.body(), events, comments));
                        progress.advance(b.read);
                        continue;
                    }
                    GitHubGraphQl.Rest rest = GitHubGraphQl.toRest(node);
                    JsonNode events = rest.events().orElse(null);
                    JsonNode comments = rest.reviewComments().orElse(null);
                    if (number > 0 && (events == null || comments == null)) {
                        overflowed++;
                        long sent = http.stats().requests() + http.stats().replayed();
                        if (events == null) {
                            events = all(http, container, URI.create(base + "/issues/" + number + "/timeline?per_page=100"));
                        }
                        if (comments == null) {
                            comments = all(http, container, URI.create(base + "/pulls/" + number + "/comments?per_page=100"));
                        }
                        restRequests += http.stats().requests() + http.stats().replayed() - sent;
                    }
                    b.accept(GitHubPulls.parse(container, rest.pull(), events, comments));
                    progress.advance(b.read);
                }
                if (!done && page.hasNextPage()) {
                    if (page.endCursor() == null) {
                        throw new HttpFailure(endpoint, answer.response().status(), "GitHub's GraphQL answer for " + container
                                + " says more pull requests follow but gives no endCursor");
                    }
                    if (page.endCursor().equals(after)) {
                        throw new HttpFailure(endpoint, answer.response().status(), "GitHub's GraphQL pagination of " + container
                                + " points back at the same page");
                    }
                    after = page.endCursor();
                } else {
                    done = true;
                }
            }
        } catch (RuntimeException e) {
            b.flush(null); // keep what was read whole; the cursor stays, so the next run resumes
            throw e;
        } finally {
            progress.finish();
        }
        b.flush(complete && walk.newest != Long.MIN_VALUE ? Instant.ofEpochSecond(walk.newest).toString() : null);
        rs.deriveLinks(CollectReviews::bot);
        Resolve.run(store);
        Http.Stats s = http.stats();
        String note = String.format(java.util.Locale.ROOT, "GraphQL: %,d %s of up to %d pull requests (%,d rate-limit %s)", queries,
                queries == 1 ? "query" : "queries", pageSize, points, points == 1 ? "point" : "points")
                + (overflowed == 0 ? "" : String.format(java.util.Locale.ROOT, "; %,d pull %s with more than a page of reviews, comments or "
                        + "timeline, or an error in the answer, read over REST (%,d requests)", overflowed, overflowed == 1 ? "request" : "requests",
                        restRequests))
                + (complete ? "" : "; the answers had errors (warnings) that lost pull requests, so the cursor stays for the next run");
        return b.result(container, s.requests(), s.replayed(), s.waits(), note);
    }

    /** Every page of a listing, as one array. */
    private static JsonNode all(Http http, String container, URI first) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Http.Page p : http.pages(container, first, Pagination.linkHeader())) {
            if (p.body() != null && p.body().isArray()) {
                out.addAll((ArrayNode) p.body());
            }
        }
        return out;
    }

    private static long epoch(String iso) {
        Long e = epochOrNull(iso);
        if (e == null) {
            throw new TributaryException.StoreFailure("stored GitHub cursor '" + iso + "' is not a time", null);
        }
        return e;
    }

    private static Long epochOrNull(String iso) {
        try {
            return Instant.parse(iso).getEpochSecond();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
