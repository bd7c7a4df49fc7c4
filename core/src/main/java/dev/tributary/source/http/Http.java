package dev.tributary.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The one HTTP client of Tributary's network sources (GitHub, Gerrit, issue trackers). It sends the
 * token, reads each answer whole (bounded in size), retries server errors and timeouts, waits out rate
 * limits (primary {@code X-RateLimit-*}, {@code Retry-After}, GitHub's secondary limits) with the wait shown
 * through its {@link Pause}, follows pagination, archives every good response in the {@link RawArchive},
 * and in {@link Mode#REPLAY} answers from that archive alone with no network.
 *
 * <p>What is an error: 401 throws {@link HttpFailure.BadCredentials}; 404 and 410 are returned (the
 * caller decides: a deleted pull request is not a failure); other 4xx, 5xx after the retries, a timeout
 * after the retries, a rate limit resetting later than {@link Options#maxWait()}, and a 2xx body that is
 * not JSON where JSON is expected (after the retries) throw {@link HttpFailure}. Nothing is archived for a
 * failed request. A POST answered 200 with a GraphQL {@code errors} entry of type {@code RATE_LIMITED} is a rate
 * limit, waited out like a 403 one.
 *
 * <p>Thread-safe; one instance may serve many containers. {@link #stats()} counts what it did.
 */
public final class Http {
    /** Where answers come from. */
    public enum Mode {
        /** From the network; each good response is also archived when there is an archive. */
        LIVE,
        /** From the archive only; a request it does not hold is an {@link HttpFailure}. */
        REPLAY
    }

    /**
     * How a client behaves.
     *
     * @param token          credentials, or empty for anonymous requests
     * @param userAgent      sent as {@code User-Agent} (GitHub refuses requests without one)
     * @param connectTimeout time to open a connection
     * @param requestTimeout time for a whole answer
     * @param maxAttempts    attempts per request for 5xx, timeouts and broken bodies (at least 1)
     * @param maxWait        longest single rate-limit wait accepted; a later reset fails the run (it resumes)
     * @param mode           live or replay
     * @param archive        where responses are archived and replayed from; required for {@link Mode#REPLAY}
     * @param maxBodyBytes   longest body read; a longer one is an error, not a truncation
     */
    public record Options(Optional<Token> token, String userAgent, Duration connectTimeout, Duration requestTimeout,
                          int maxAttempts, Duration maxWait, Mode mode, RawArchive archive, long maxBodyBytes) {
        public Options {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(mode, "mode");
            if (userAgent == null || userAgent.isBlank()) {
                throw new TributaryException.InvalidInput("an HTTP client needs a User-Agent");
            }
            if (maxAttempts < 1) {
                throw new TributaryException.InvalidInput("maxAttempts must be at least 1, not " + maxAttempts);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new TributaryException.InvalidInput("timeouts must be positive: " + connectTimeout + ", " + requestTimeout);
            }
            if (maxWait.isNegative()) {
                throw new TributaryException.InvalidInput("maxWait must not be negative: " + maxWait);
            }
            if (mode == Mode.REPLAY && archive == null) {
                throw new TributaryException.InvalidInput("replaying needs a raw archive");
            }
            if (maxBodyBytes < 1) {
                throw new TributaryException.InvalidInput("maxBodyBytes must be positive, not " + maxBodyBytes);
            }
        }

        /** Defaults: 10 s to connect, 60 s per answer, 4 attempts, rate-limit waits up to 1 hour, 256 MiB bodies. */
        public static Options live(Optional<Token> token, RawArchive archive) {
            return new Options(token, "tributary (+https://github.com/tributary)", Duration.ofSeconds(10),
                    Duration.ofSeconds(60), 4, Duration.ofHours(1), Mode.LIVE, archive, 256L << 20);
        }

        public static Options replay(RawArchive archive) {
            return new Options(Optional.empty(), "tributary", Duration.ofSeconds(10), Duration.ofSeconds(60), 1,
                    Duration.ZERO, Mode.REPLAY, archive, 256L << 20);
        }

        public Options withTimeouts(Duration connect, Duration request) {
            return new Options(token, userAgent, connect, request, maxAttempts, maxWait, mode, archive, maxBodyBytes);
        }

        public Options withMaxAttempts(int attempts) {
            return new Options(token, userAgent, connectTimeout, requestTimeout, attempts, maxWait, mode, archive, maxBodyBytes);
        }

        public Options withMaxWait(Duration wait) {
            return new Options(token, userAgent, connectTimeout, requestTimeout, maxAttempts, wait, mode, archive, maxBodyBytes);
        }
    }

    /**
     * What a client did so far.
     *
     * @param requests   requests sent over the network (retries included)
     * @param replayed   answers taken from the archive
     * @param retries    requests repeated after a 5xx, a timeout or a broken body
     * @param waits      rate-limit waits
     * @param waited     total time waited for rate limits and retries
     * @param bytes      body bytes read from the network
     */
    public record Stats(long requests, long replayed, long retries, long waits, Duration waited, long bytes) {
    }

    /** One page of a paginated listing: the request, its answer, its parsed body and the next request. */
    public record Page(URI uri, Response response, JsonNode body, Optional<URI> next) {
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    private static final int MAX_RATE_LIMIT_WAITS = 8;
    private static final Duration SECONDARY_FIRST_WAIT = Duration.ofSeconds(60);

    private final Options options;
    private final HttpClient client;
    private final Pause pause;
    private final Supplier<Instant> clock;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedMillis = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile Instant blockedUntil = Instant.EPOCH;

    public Http(Options options, Pause pause) {
        this(options, pause, Instant::now);
    }

    /** With a clock, so that tests can set the time a rate limit resets against. */
    public Http(Options options, Pause pause, Supplier<Instant> clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = options.mode() == Mode.REPLAY ? null : HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public Options options() {
        return options;
    }

    public Stats stats() {
        return new Stats(requests.get(), replayed.get(), retries.get(), waits.get(),
                Duration.ofMillis(waitedMillis.get()), bytes.get());
    }

    /** GET {@code uri}; the body is any text. See the class javadoc for what throws. */
    public Response get(String container, URI uri) {
        return send(container, "GET", uri, null, false);
    }

    /** GET {@code uri} whose 2xx body must be JSON (Gerrit's {@code )]}'} prefix removed). */
    public Page getJson(String container, URI uri) {
        Response r = send(container, "GET", uri, null, true);
        return new Page(uri, r, r.ok() ? parse(r) : null, Optional.empty());
    }

    /** POST a JSON document (GitHub GraphQL); archived and replayed under the request body too. */
    public Page postJson(String container, URI uri, String body) {
        Response r = send(container, "POST", uri, Objects.requireNonNull(body, "body"), true);
        return new Page(uri, r, r.ok() ? parse(r) : null, Optional.empty());
    }

    /**
     * The pages from {@code first} on, fetched lazily as the iterator advances, so a caller stores each page
     * (and its cursor: {@link Page#next()}) before the next is requested. A 404 ends the listing empty.
     */
    public Iterable<Page> pages(String container, URI first, Pagination pagination) {
        return () -> new Iterator<>() {
            private URI next = first;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Page next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                URI uri = next;
                Page p = getJson(container, uri);
                if (!p.response().ok()) {
                    next = null;
                    return p;
                }
                Optional<URI> after = pagination.next(uri, p.response(), p.body());
                if (after.isPresent() && after.get().equals(uri)) {
                    throw new HttpFailure(uri, p.response().status(), "pagination of " + Uris.safe(uri)
                            + " points back at the same page");
                }
                next = after.orElse(null);
                return new Page(uri, p.response(), p.body(), after);
            }
        };
    }

    /** The body as JSON, Gerrit's XSSI prefix {@code )]}'} removed. */
    public static JsonNode parse(Response r) {
        String body = stripXssiPrefix(r.body());
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset();
            throw new HttpFailure(r.uri(), r.status(), "truncated or malformed JSON from " + Uris.safe(r.uri())
                    + " (" + body.length() + " characters" + where + "): " + e.getOriginalMessage());
        }
    }

    /** Removes Gerrit's {@code )]}'} line that guards its JSON against cross-site script inclusion. */
    public static String stripXssiPrefix(String body) {
        if (body.startsWith(")]}'")) {
            int nl = body.indexOf('\n');
            return nl < 0 ? "" : body.substring(nl + 1);
        }
        return body;
    }

    private Response send(String container, String method, URI uri, String requestBody, boolean json) {
        if (options.mode() == Mode.REPLAY) {
            Response r = options.archive().find(container, method, uri, requestBody).orElseThrow(() ->
                    new HttpFailure(uri, 0, "not in the raw archive (" + container + "): " + method + " "
                            + Uris.safe(uri) + "; collect online once to archive it"));
            replayed.incrementAndGet();
            return r;
        }
        int attempt = 0;
        int limitWaits = 0;
        Duration secondary = SECONDARY_FIRST_WAIT;
        while (true) {
            waitIfBlocked(uri);
            attempt++;
            Response r;
            try {
                r = exchange(method, uri, requestBody);
            } catch (HttpTimeoutException e) {
                retryOrFail(uri, attempt, 0, "timed out after " + options.requestTimeout().toMillis() + " ms", e);
                continue;
            } catch (IOException e) {
                String what = e instanceof ConnectException ? "connection refused" : "broken connection ("
                        + Objects.toString(e.getMessage(), e.getClass().getSimpleName()) + ")";
                retryOrFail(uri, attempt, 0, what, e);
                continue;
            }
            noteLimits(r);
            int s = r.status();
            if (s == 401) {
                throw new HttpFailure.BadCredentials("HTTP 401 from " + Uris.safe(uri) + ": "
                        + options.token().map(t -> "the credentials from " + t.origin() + " were refused")
                                .orElse("it needs credentials (a token: GITHUB_TOKEN or --token-file)")
                        + message(r));
            }
            if (rateLimited(r) || requestBody != null && graphQlRateLimited(r)) {
                if (++limitWaits > MAX_RATE_LIMIT_WAITS) {
                    throw new HttpFailure(uri, s, "still rate limited by " + uri.getHost() + " after "
                            + MAX_RATE_LIMIT_WAITS + " waits; run again later, it resumes where it stopped");
                }
                Duration wait = rateLimitWait(r, secondary);
                if (!r.header("retry-after").isPresent() && !"0".equals(r.header("x-ratelimit-remaining").orElse(null))) {
                    secondary = secondary.multipliedBy(2);
                }
                if (wait.compareTo(options.maxWait()) > 0) {
                    throw new HttpFailure(uri, s, "rate limit of " + uri.getHost() + " resets at "
                            + clock.get().plus(wait) + " (in " + wait.toMinutes() + " min), later than the "
                            + options.maxWait().toMinutes() + " min this run waits; run again then: it resumes where it stopped");
                }
                waits.incrementAndGet();
                sleep(wait, "rate limit of " + uri.getHost() + " until " + clock.get().plus(wait));
                blockedUntil = Instant.EPOCH; // this wait was for the same reset a 200 with no requests left announced
                attempt--; // a rate-limit wait is not a failed attempt
                continue;
            }
            if (s >= 500) {
                retryOrFail(uri, attempt, s, "HTTP " + s + message(r), null);
                continue;
            }
            if (s >= 400 && !r.notFound()) {
                throw new HttpFailure(uri, s, "HTTP " + s + " from " + Uris.safe(uri) + message(r));
            }
            if (json && r.ok()) {
                try {
                    parse(r);
                } catch (HttpFailure e) {
                    retryOrFail(uri, attempt, s, e.getMessage(), e);
                    continue;
                }
            }
            if (options.archive() != null && (r.ok() || r.notFound())) {
                options.archive().write(container, method, requestBody, r);
            }
            return r;
        }
    }

    private Response exchange(String method, URI uri, String requestBody) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("User-Agent", options.userAgent())
                .header("Accept-Encoding", "gzip");
        options.token().ifPresent(t -> b.header(t.headerName(), t.header()));
        if (requestBody != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(requestBody, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure(uri, 0, "interrupted while requesting " + Uris.safe(uri), e);
        }
        byte[] body;
        try (InputStream raw = resp.body()) {
            boolean gzip = resp.headers().firstValue("content-encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false);
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxBodyBytes() + 1));
            if (body.length > options.maxBodyBytes()) {
                throw new HttpFailure(uri, resp.statusCode(), "answer of " + Uris.safe(uri) + " is over "
                        + options.maxBodyBytes() + " bytes");
            }
        }
        bytes.addAndGet(body.length);
        return new Response(uri, resp.statusCode(), resp.headers().map(), new String(body, StandardCharsets.UTF_8),
                clock.get(), false);
    }

    private void retryOrFail(URI uri, int attempt, int status, String what, Exception cause) {
        if (attempt >= options.maxAttempts()) {
            throw new HttpFailure(uri, status, Uris.safe(uri) + ": " + what + " (" + attempt
                    + (attempt == 1 ? " attempt" : " attempts") + "); run again: it resumes where it stopped", cause);
        }
        retries.incrementAndGet();
        Duration backoff = Duration.ofSeconds(1L << Math.min(6, attempt - 1));
        sleep(backoff, "retrying " + uri.getHost() + " after " + what);
    }

    private void waitIfBlocked(URI uri) {
        Instant until = blockedUntil;
        Instant now = clock.get();
        if (until.isAfter(now)) {
            Duration wait = Duration.between(now, until);
            if (wait.compareTo(options.maxWait()) > 0) {
                throw new HttpFailure(uri, 0, "rate limit of " + uri.getHost() + " is used up until " + until
                        + ", later than this run waits; run again then: it resumes where it stopped");
            }
            waits.incrementAndGet();
            sleep(wait, "rate limit of " + uri.getHost() + " until " + until);
            blockedUntil = Instant.EPOCH;
        }
    }

    /** After a good answer that used the last request of the window, the next request waits for the reset. */
    private void noteLimits(Response r) {
        if (r.ok() && "0".equals(r.header("x-ratelimit-remaining").orElse(null))) {
            resetTime(r).ifPresent(t -> blockedUntil = t.plusSeconds(1));
        }
    }

    private static boolean rateLimited(Response r) {
        int s = r.status();
        if (s == 429) {
            return true;
        }
        if (s != 403) {
            return false;
        }
        if ("0".equals(r.header("x-ratelimit-remaining").orElse(null)) || r.header("retry-after").isPresent()) {
            return true;
        }
        String body = r.body().length() > 4096 ? r.body().substring(0, 4096) : r.body();
        return body.toLowerCase(java.util.Locale.ROOT).contains("rate limit");
    }

    /**
     * GitHub's GraphQL API answers a used-up limit with HTTP 200 and {@code "errors": [{"type": "RATE_LIMITED", …}]}
     * (with {@code X-RateLimit-Remaining: 0}, or none for a secondary limit): a rate limit like a 403, not an answer.
     */
    private static boolean graphQlRateLimited(Response r) {
        if (!r.ok() || !r.body().contains("RATE_LIMITED")) {
            return false;
        }
        try {
            for (JsonNode e : JSON.readTree(r.body()).path("errors")) {
                if ("RATE_LIMITED".equals(e.path("type").asText())) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // not JSON: the body check below retries it
        }
        return false;
    }

    private Duration rateLimitWait(Response r, Duration secondary) {
        Optional<String> retryAfter = r.header("retry-after");
        if (retryAfter.isPresent()) {
            String v = retryAfter.get().strip();
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(v)));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return max1(Duration.between(clock.get(), at));
                } catch (DateTimeParseException x) {
                    return secondary;
                }
            }
        }
        if ("0".equals(r.header("x-ratelimit-remaining").orElse(null))) {
            Optional<Instant> reset = resetTime(r);
            if (reset.isPresent()) {
                return max1(Duration.between(clock.get(), reset.get()).plusSeconds(1));
            }
        }
        return secondary;
    }

    private static Duration max1(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private static Optional<Instant> resetTime(Response r) {
        try {
            return r.header("x-ratelimit-reset").map(v -> Instant.ofEpochSecond(Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void sleep(Duration d, String reason) {
        try {
            pause.pause(d, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("interrupted while waiting: " + reason, e);
        }
        waitedMillis.addAndGet(d.toMillis());
    }

    /** The service's own {@code message} (GitHub, Gerrit's text), bounded and without control characters. */
    private static String message(Response r) {
        String text;
        try {
            JsonNode n = JSON.readTree(stripXssiPrefix(r.body()));
            text = n != null && n.hasNonNull("message") ? n.get("message").asText() : null;
        } catch (IOException | RuntimeException e) {
            text = r.body().length() < 200 && !r.body().isBlank() ? r.body() : null;
        }
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.isEmpty() ? "" : ": " + (clean.length() > 200 ? clean.substring(0, 200) + "…" : clean);
    }

    static Map<String, List<String>> noHeaders() {
        return Map.of();
    }
}
