package dev.tributary.source.issues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.identity.EmailRules;
import dev.tributary.model.TrackerAccount;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reading tracker JSON: fields that may be absent or null, the trackers' time formats, accounts. Stateless. */
final class Json {
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private Json() {
    }

    /** The text of {@code field}, or "" when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : "";
    }

    /** The object at {@code field}, or null when absent, null or not an object. */
    static JsonNode object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? v : null;
    }

    /** The elements of the array at {@code field}, empty when absent or not an array. */
    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    /** The values {@code f} gives for the elements of the array at {@code field}, blanks left out. */
    static List<String> strings(JsonNode node, String field, Function<JsonNode, String> f) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(node, field)) {
            String s = f.apply(e);
            if (s != null && !s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * A tracker time as UTC epoch seconds: ISO-8601 with {@code Z} or an offset, with or without a colon in the
     * offset (Jira writes {@code +0000}) and with any fraction of a second.
     *
     * @throws TributaryException.InvalidInput naming the field and the value
     */
    static long time(String value, String what) {
        String v = COLONLESS_OFFSET.matcher(value.trim()).replaceFirst("$1:$2");
        try {
            return OffsetDateTime.parse(v).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new TributaryException.InvalidInput(what + ": bad time '" + bounded(value) + "'");
        }
    }

    /** The time at {@code field}, or null when absent, null or empty. */
    static Long optionalTime(JsonNode node, String field, String what) {
        String s = text(node, field);
        return s.isBlank() ? null : time(s, what + " " + field);
    }

    /** The time at {@code field}, which must be there. */
    static long requiredTime(JsonNode node, String field, String what) {
        String s = text(node, field);
        if (s.isBlank()) {
            throw new TributaryException.InvalidInput(what + ": no " + field);
        }
        return time(s, what + " " + field);
    }

    /** An account with the bot rules of commit authors applied to its login, name and address. */
    static TrackerAccount account(String login, String name, String email, boolean trackerSaysBot) {
        if (login == null || login.isBlank()) {
            return TrackerAccount.GHOST;
        }
        boolean bot = trackerSaysBot || EmailRules.bot(login, email == null || email.isBlank() ? login : email)
                || (name != null && !name.isBlank() && EmailRules.bot(name, ""));
        return new TrackerAccount(login, name == null ? "" : name, email == null ? "" : email, bot);
    }

    static String bounded(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
