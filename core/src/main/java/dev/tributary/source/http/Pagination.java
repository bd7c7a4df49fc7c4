package dev.tributary.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a service says where the next page is. {@link #next} sees the request, its answer and the parsed
 * body, and gives the next request or nothing when this was the last page.
 */
@FunctionalInterface
public interface Pagination {
    Optional<URI> next(URI current, Response response, JsonNode body);

    /** RFC 8288 {@code Link: <…>; rel="next"} (GitHub, GitLab, Jira Cloud's some endpoints). */
    static Pagination linkHeader() {
        return (current, response, body) -> response.header("link").flatMap(Pagination::nextLink)
                .map(current::resolve);
    }

    /**
     * Jira's {@code startAt}/{@code maxResults}/{@code total} paging: the next page starts after this one's items
     * ({@code itemsField}) from the {@code startAt} the server answered, while that is below {@code total}; without a
     * total, until {@code isLast} (Jira's changelog pages), else until a page shorter than the {@code maxResults} the
     * server answered. A server that caps {@code maxResults} below what was asked is paged to the end all the same.
     */
    static Pagination startAt(String itemsField) {
        return (current, response, body) -> {
            JsonNode items = body == null ? null : body.path(itemsField);
            if (items == null || !items.isArray() || items.isEmpty()) {
                return Optional.empty();
            }
            long asked = Uris.param(current, "startAt").map(Long::parseLong).orElse(0L);
            long next = body.path("startAt").asLong(asked) + items.size();
            boolean more = body.path("total").isNumber() ? next < body.path("total").asLong()
                    : body.has("isLast") ? !body.path("isLast").asBoolean(true)
                    : items.size() >= body.path("maxResults").asLong(Long.MAX_VALUE);
            return more && next > asked ? Optional.of(Uris.withParam(current, "startAt", Long.toString(next))) : Optional.empty();
        };
    }

    /**
     * Gerrit's {@code /changes/}: the last change of a full page carries {@code "_more_changes": true}; the
     * next page starts at {@code S=} the number of changes seen so far.
     */
    static Pagination gerrit() {
        return (current, response, body) -> {
            if (body == null || !body.isArray() || body.isEmpty()
                    || !body.get(body.size() - 1).path("_more_changes").asBoolean(false)) {
                return Optional.empty();
            }
            long start = Uris.param(current, "S").map(Long::parseLong).orElse(0L);
            return Optional.of(Uris.withParam(current, "S", Long.toString(start + body.size())));
        };
    }

    /**
     * Offset paging: {@code param} (e.g. {@code startAt}, {@code offset}) advances by the number of items
     * of the page, found at {@code itemsField} of the body (or the body itself when it is an array, field
     * {@code null}); a page with fewer than {@code pageSize} items is the last.
     */
    static Pagination offset(String param, String itemsField, int pageSize) {
        return (current, response, body) -> fullPage(body, itemsField, pageSize).map(items -> {
            long start = Uris.param(current, param).map(Long::parseLong).orElse(0L);
            return Uris.withParam(current, param, Long.toString(start + items.size()));
        });
    }

    /** Page-number paging ({@code page=1,2,…}); a page with fewer than {@code pageSize} items is the last. */
    static Pagination pageNumber(String param, String itemsField, int pageSize) {
        return (current, response, body) -> fullPage(body, itemsField, pageSize).map(items -> {
            long page = Uris.param(current, param).map(Long::parseLong).orElse(1L);
            return Uris.withParam(current, param, Long.toString(page + 1));
        });
    }

    /**
     * The page's items (at {@code itemsField} of the body, or the body itself when the field is null) when the
     * page is full, so that another may follow; empty for the last page (fewer than {@code pageSize} items, none,
     * or no array).
     */
    private static Optional<JsonNode> fullPage(JsonNode body, String itemsField, int pageSize) {
        JsonNode items = itemsField == null ? body : body == null ? null : body.path(itemsField);
        if (items == null || !items.isArray() || items.size() < pageSize || items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(items);
    }

    Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");

    /** The target of {@code rel="next"} in a Link header, if any. */
    static Optional<String> nextLink(String header) {
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            for (String p : m.group(2).split(";")) {
                String param = p.strip();
                if (param.matches("(?i)rel\\s*=\\s*\"?([^\"]*\\s)?next(\\s[^\"]*)?\"?")) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }
}
