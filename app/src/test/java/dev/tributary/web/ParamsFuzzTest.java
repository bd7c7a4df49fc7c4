package dev.tributary.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.TributaryException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the API's parameter parsing: a raw query string and a Host header through the checks every request
 * passes ({@link WebServer#checkEncoding}, {@link WebServer#hostAllowed}), then {@link Params}' readers; each
 * either answers or throws an {@link ApiError} (a 4xx), never anything else (a 500).
 */
class ParamsFuzzTest {
    private static final Set<String> ALLOWED = Set.of("top", "since", "until", "release", "interval", "match", "limit", "unknown",
            "metric", "by", "repository", "module", "path", "include-bots");

    @FuzzTest(maxDuration = "10s")
    void any_query_is_answered_or_a_4xx(FuzzedDataProvider in) {
        WebServer.hostAllowed(in.consumeString(300), List.of("dash.example.org"));
        String query = in.consumeRemainingAsAsciiString();
        try {
            WebServer.checkEncoding(query);
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            Params p = new Params(values, ALLOWED);
            p.one("match");
            p.all("metric");
            p.integer("top", 10, 0, 10_000);
            p.bool("unknown", false);
            p.date("since");
            p.choice("interval", dev.tributary.metrics.Interval.class, null);
        } catch (ApiError expected) {
            if (expected.status < 400 || expected.status >= 500) {
                throw new AssertionError("a parameter error must be a 4xx, not " + expected.status, expected);
            }
        } catch (TributaryException.InvalidInput expected) {
            // a 400 too
        }
    }
}
