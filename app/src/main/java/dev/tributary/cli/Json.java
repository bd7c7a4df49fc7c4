package dev.tributary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.TributaryException;

/** JSON output: indented, fields in declaration order; instants as ISO-8601 text ({@code 2026-12-01T22:40:25Z}). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("tributary-time")
                    .addSerializer(java.time.Instant.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer()));

    private Json() {
    }

    /** {@code value} as {@code write} would print it, with {@code extra} fields appended after its own (none: the same text). */
    static String write(Object value, java.util.Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return write(value);
        }
        com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(value);
        extra.forEach((k, v) -> tree.set(k, MAPPER.valueToTree(v)));
        return write(tree);
    }

    /** {@code value} (an object) with one more member {@code key} at its end. */
    static String writeWith(Object value, String key, Object extra) {
        com.fasterxml.jackson.databind.node.ObjectNode node = MAPPER.valueToTree(value);
        node.set(key, MAPPER.valueToTree(extra));
        return write(node);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
