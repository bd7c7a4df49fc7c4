package dev.tributary.source.review;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads GitHub's JSON into a tree without what no review figure needs: text bodies, diff hunks, link
 * objects, repository objects, URLs, reactions. A bitcoin/bips backup is 231 MB of JSON, most of it
 * {@code body}, {@code diff_hunk}, {@code head.repo}/{@code base.repo} and {@code *_url} values; skipping
 * them while streaming (the parser does not even decode a skipped string) makes the tree a fraction of
 * the text and the import several times faster than {@code ObjectMapper.readTree}. Stateless.
 */
final class LeanJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keys whose values are skipped wherever they appear. */
    static final Set<String> DROPPED = Set.of("body", "body_text", "body_html", "diff_hunk", "_links", "repo", "reactions",
            "performed_via_github_app", "verification", "tree", "parents", "labels", "milestone", "assignees", "assignee",
            "message", "requested_teams", "source", "rename", "dismissed_review", "avatar_url", "gravatar_id", "url",
            "html_url", "events_url", "followers_url", "following_url", "gists_url", "starred_url", "subscriptions_url",
            "organizations_url", "repos_url", "received_events_url", "pull_request_url", "commits_url", "review_comments_url",
            "review_comment_url", "comments_url", "statuses_url", "issue_url", "patch_url", "diff_url", "commit_url");

    private LeanJson() {
    }

    static JsonNode read(Path file) throws IOException {
        try (JsonParser p = FACTORY.createParser(Files.newInputStream(file))) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("empty file");
            }
            JsonNode n = value(p, t);
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the JSON document");
            }
            return n;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    if (t != JsonToken.FIELD_NAME) {
                        throw new IOException("expected a field name at " + p.currentLocation());
                    }
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == null) {
                        throw new IOException("truncated JSON");
                    }
                    if (DROPPED.contains(name) || name.endsWith("_url")) {
                        p.skipChildren();
                        continue;
                    }
                    o.set(name, value(p, v));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new IOException("truncated JSON");
                    }
                    a.add(value(p, t));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected " + t + " at " + p.currentLocation());
        }
    }
}
