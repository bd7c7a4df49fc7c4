package dev.tributary.source.issues;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a JSON value into a tree without the fields no parser here reads: GitHub's dozens of {@code *_url}
 * links, node ids, avatars, reactions and, where asked, the bodies. Skipped strings are never decoded, which
 * is most of the work on comment files (their bodies are most of their bytes). Stateless.
 */
final class LeanJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> NOISE = Set.of("url", "node_id", "gravatar_id", "reactions", "performed_via_github_app",
            "sub_issues_summary", "issue_dependencies_summary", "_links");

    private LeanJson() {
    }

    /** The value at the parser's current token (already advanced onto it); {@code bodies}: keep {@code body} fields. */
    static JsonNode read(JsonParser p, boolean bodies) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = F.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (skipped(name, bodies)) {
                        p.skipChildren();
                        continue;
                    }
                    o.set(name, read(p, bodies));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = F.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, bodies));
                }
                return a;
            }
            case VALUE_STRING -> {
                return F.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return F.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return F.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return F.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return F.booleanNode(false);
            }
            case VALUE_NULL -> {
                return F.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        }
    }

    private static boolean skipped(String name, boolean bodies) {
        return (name.endsWith("_url") && !name.equals("html_url")) || NOISE.contains(name) || (!bodies && (name.equals("body") || name.equals("body_text")
                || name.equals("body_html")));
    }
}
