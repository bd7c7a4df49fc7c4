package dev.tributary.identity;

import dev.tributary.model.Organizations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.model.Dates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A reviewed file of curation steps for {@code identities apply}: the JSON {@code identities suggest --format
 * json} prints, edited by a curator, with splits and enrollments added as needed.
 * <pre>
 * {"merges": [{"into": "ann@acme.com", "others": ["ann@gmail.com"], "reason": "...", "confidence": 0.9}],
 *  "splits": ["bot@acme.com"],
 *  "enrollments": [{"person": "ann@acme.com", "organization": "Acme", "from": "2020-01-01", "until": null}]}
 * </pre>
 * {@code reason}, {@code rule} and {@code confidence} are kept for the reviewer and not applied. Unknown keys are
 * refused (a typo would otherwise drop a step silently). Immutable once read.
 */
public record CurationFile(Path file, List<Merge> merges, List<String> splits, List<Enrollment> enrollments) {
    private static final long MAX_BYTES = 64L << 20;

    public CurationFile {
        merges = List.copyOf(merges);
        splits = List.copyOf(splits);
        enrollments = List.copyOf(enrollments);
    }

    /** {@code others} become part of the individual of {@code into}. */
    public record Merge(String into, List<String> others) {
        public Merge {
            others = List.copyOf(others);
        }
    }

    /** The individual using {@code person} worked for {@code organization} in [from, until); dates as given. */
    public record Enrollment(String person, String organization, String from, String until) {
    }

    /** How many steps the file holds. */
    public int size() {
        return merges.size() + splits.size() + enrollments.size();
    }

    /**
     * Reads and checks a file: its shape, addresses that are not blank, dates and ranges.
     *
     * @throws TributaryException.InvalidInput naming the file and the entry at fault
     */
    public static CurationFile read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dev.tributary.InputFiles.read(file, "curation file", MAX_BYTES));
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": not readable JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "top level", "expected an object with merges, splits, enrollments");
        }
        known(file, "top level", root, Set.of("merges", "splits", "enrollments"));
        List<Merge> merges = new ArrayList<>();
        eachObject(file, root, "merges", "expected an object with into and others",
                Set.of("into", "others", "individuals", "reason", "rule", "confidence"), (where, m) -> {
            List<String> all = new ArrayList<>();
            if (m.has("individuals")) { // a suggestion as printed: the first is the one kept
                m.get("individuals").forEach(x -> all.add(x.asText()));
            } else {
                all.add(text(file, where, m, "into"));
                JsonNode o = m.path("others");
                if (!o.isArray()) {
                    throw bad(file, where, "'others' must be a list of addresses");
                }
                o.forEach(x -> all.add(x.asText()));
            }
            if (all.size() < 2 || all.stream().anyMatch(String::isBlank)) {
                throw bad(file, where, "a merge needs two or more addresses, none blank");
            }
            merges.add(new Merge(email(all.get(0)), all.subList(1, all.size()).stream().map(CurationFile::email).toList()));
        });
        List<String> splits = new ArrayList<>();
        JsonNode ss = array(file, root, "splits");
        for (int i = 0; i < ss.size(); i++) {
            JsonNode x = ss.get(i);
            String e = x.isObject() ? text(file, "splits[" + i + "]", x, "email") : x.asText("");
            if (x.isObject()) {
                known(file, "splits[" + i + "]", x, Set.of("email", "reason"));
            }
            if (e.isBlank()) {
                throw bad(file, "splits[" + i + "]", "expected an address");
            }
            splits.add(email(e));
        }
        List<Enrollment> enrollments = new ArrayList<>();
        eachObject(file, root, "enrollments", "expected an object with person, organization, from, until",
                Set.of("person", "organization", "from", "until", "reason"), (where, x) -> {
            String person = email(text(file, where, x, "person"));
            String org = text(file, where, x, "organization");
            String from = x.hasNonNull("from") ? x.get("from").asText().trim() : "";
            String until = x.hasNonNull("until") ? x.get("until").asText().trim() : "";
            try {
                Organizations.normalize(org);
                Long f = Dates.parseOptional(from);
                Long u = Dates.parseOptional(until);
                if (f != null && u != null && f >= u) {
                    throw new IllegalArgumentException("from " + from + " is not before until " + until);
                }
            } catch (IllegalArgumentException e) {
                throw bad(file, where, e.getMessage());
            }
            enrollments.add(new Enrollment(person, org.trim(), from, until));
        });
        return new CurationFile(file, merges, splits, enrollments);
    }

    /** Reads one object of a list, found at {@code where} ({@code merges[3]}). */
    private interface ObjectReader {
        void read(String where, JsonNode object);
    }

    /**
     * Gives each element of the list {@code key} to {@code each}, in order, after checking that it is an object
     * (else {@code expected} is the complaint) holding only {@code keys}.
     */
    private static void eachObject(Path file, JsonNode root, String key, String expected, Set<String> keys, ObjectReader each) {
        JsonNode list = array(file, root, key);
        for (int i = 0; i < list.size(); i++) {
            JsonNode x = list.get(i);
            String where = key + "[" + i + "]";
            if (!x.isObject()) {
                throw bad(file, where, expected);
            }
            known(file, where, x, keys);
            each.read(where, x);
        }
    }

    private static JsonNode array(Path file, JsonNode root, String key) {
        JsonNode n = root.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!n.isArray()) {
            throw bad(file, key, "expected a list");
        }
        return n;
    }

    private static void known(Path file, String where, JsonNode n, Set<String> keys) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw bad(file, where, "unknown field '" + k + "' (expected " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    private static String text(Path file, String where, JsonNode n, String key) {
        if (!n.hasNonNull(key) || !n.get(key).isValueNode() || n.get(key).asText().isBlank()) {
            throw bad(file, where, "'" + key + "' is missing");
        }
        return n.get(key).asText();
    }

    private static String email(String s) {
        return s.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static TributaryException.InvalidInput bad(Path file, String where, String message) {
        return new TributaryException.InvalidInput(file + ": " + where + ": " + message + "; nothing applied");
    }
}
