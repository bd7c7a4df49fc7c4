package dev.tributary.source.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP answer as the client read it whole, or as the raw archive replays it: the request, the status,
 * the headers the sources use (names lower-cased) and the body as text.
 *
 * @param uri       the request (never with credentials)
 * @param status    HTTP status
 * @param headers   response headers, lower-cased names; only those in {@link RawArchive#KEPT_HEADERS} when replayed
 * @param body      the body, decoded as UTF-8
 * @param fetchedAt when it was fetched (the original time when replayed)
 * @param replayed  whether it came from the raw archive rather than the network
 */
public record Response(URI uri, int status, Map<String, List<String>> headers, String body, Instant fetchedAt,
                       boolean replayed) {
    public Response {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>())
                .addAll(v));
        lower.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean notFound() {
        return status == 404 || status == 410;
    }
}
