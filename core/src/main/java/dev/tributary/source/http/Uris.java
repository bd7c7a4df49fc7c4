package dev.tributary.source.http;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Small helpers for query parameters; values are percent-encoded, never spliced in raw. */
public final class Uris {
    private Uris() {
    }

    /** The first value of query parameter {@code name}, decoded. */
    public static Optional<String> param(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return Optional.empty();
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** {@code uri} with query parameter {@code name} set to {@code value} (replacing it, else appended). */
    public static URI withParam(URI uri, String name, String value) {
        String enc = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        String q = uri.getRawQuery();
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        if (q != null && !q.isEmpty()) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (out.length() > 0) {
                    out.append('&');
                }
                if (k.equals(name) && !replaced) {
                    out.append(enc);
                    replaced = true;
                } else if (!k.equals(name)) {
                    out.append(pair);
                } else {
                    out.setLength(Math.max(0, out.length() - 1));
                }
            }
        }
        if (!replaced) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(enc);
        }
        String s = uri.toString();
        int cut = s.indexOf('?');
        int hash = s.indexOf('#');
        String base = cut >= 0 ? s.substring(0, cut) : hash >= 0 ? s.substring(0, hash) : s;
        String fragment = hash >= 0 ? s.substring(hash) : "";
        return URI.create(base + "?" + out + fragment);
    }

    /** {@code uri} without user info, for messages. */
    public static String safe(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }
}
