package dev.tributary.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.HttpFailure;
import dev.tributary.source.http.Pagination;
import dev.tributary.source.review.GitHubPulls;
import dev.tributary.store.ReviewStore;
import dev.tributary.store.Store;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Collects a GitHub repository's pull requests from the REST API, incrementally. The listing
 * ({@code /pulls?state=all&sort=updated&direction=desc&per_page=100}, 100 pull requests per request) is
 * read newest-updated first and stops at the first pull request not updated since the cursor; each pull
 * request updated since then costs its timeline ({@code /issues/N/timeline}: reviews, discussion comments,
 * commits, merge, review requests, force pushes) and its review comments ({@code /pulls/N/comments}), 100
 * per page. A pull request already stored with the same {@code updated_at} is skipped, so a run killed
 * half way (kill -9) costs, when run again, the listing pages and the pull requests not stored yet. The
 * cursor (the newest {@code updated_at} seen) moves only when a run has read the listing to its end or to
 * the old cursor, in the transaction of the last batch.
 *
 * <p>Why not GraphQL: one GraphQL query can return reviews and comments of many pull requests, but nested
 * connections are capped per node and need their own cursors, and the timeline's {@code committed} events
 * (with the commit authors that link logins to addresses) have no GraphQL twin with the same fields; the
 * REST timeline is the shape {@code github-metadata-backup} stores, so live and offline share one parser.
 */
public final class CollectGitHub {
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

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
     * Collects {@code ownerRepo} through {@code http} from {@code api} (https://api.github.com, or a GitHub
     * Enterprise {@code https://HOST/api/v3}).
     *
     * @throws HttpFailure when GitHub keeps failing; what was stored stays, the next run resumes
     */
    public static CollectReviews.Result run(Store store, Http http, URI api, String ownerRepo, Progress progress) {
        String container = container(ownerRepo);
        ReviewStore rs = store.reviews();
        int id = rs.container(container, "github");
        long cursor = rs.cursor(id).map(CollectGitHub::epoch).orElse(Long.MIN_VALUE);
        CollectReviews.Batcher b = new CollectReviews.Batcher(rs, id, rs.updatedTimes(id));
        String base = api.toString().replaceAll("/+$", "") + "/repos/" + ownerRepo;
        URI first = URI.create(base + "/pulls?state=all&sort=updated&direction=desc&per_page=100");
        long newest = cursor;
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
                    if (updated != null && updated < cursor) {
                        done = true;
                        break;
                    }
                    if (updated != null) {
                        newest = Math.max(newest, updated);
                    }
                    long number = pull.path("number").asLong(-1);
                    Long stored = b.stored.get(number);
                    if (number > 0 && stored != null && updated != null && stored.longValue() == updated) {
                        b.read++;
                        b.unchanged++;
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
        b.flush(newest == Long.MIN_VALUE ? null : Instant.ofEpochSecond(newest).toString());
        rs.deriveLinks(CollectReviews::bot);
        Resolve.run(store);
        Http.Stats s = http.stats();
        return b.result(container, s.requests(), s.replayed(), s.waits(), "");
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
