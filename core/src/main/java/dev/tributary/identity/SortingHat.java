package dev.tributary.identity;

import dev.tributary.model.Curated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.TributaryException;
import dev.tributary.model.Dates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SortingHat's JSON (grimoirelab-sortinghat, {@code sortinghat/parsing/sh.py}; written by {@code sortinghat
 * export --identities --orgs}), read and written.
 *
 * <ul>
 * <li>{@code uidentities}: each unique identity is one individual; its identities' addresses are aliases of its
 *     canonical address (the profile's email, else its first identity's); its {@code enrollments} are dated
 *     enrollments of that individual. SortingHat's open ends {@code 1900-01-01} and {@code 2100-01-01} are open
 *     (null) ends here.</li>
 * <li>{@code organizations}: each organization's {@code domains} map addresses in them to it.</li>
 * </ul>
 * Unknown fields are refused, naming the file and the entry: a misspelt {@code enrolments} would otherwise lose
 * every enrollment silently. An identity without an address (a username only) cannot be addressed here and is
 * reported and left out.
 */
public final class SortingHat {
    private static final Set<String> TOP = Set.of("time", "source", "blacklist", "organizations", "uidentities");
    private static final Set<String> UIDENTITY = Set.of("uuid", "identities", "enrollments", "profile");
    private static final Set<String> IDENTITY = Set.of("id", "name", "email", "username", "source", "uuid");
    private static final Set<String> ENROLLMENT = Set.of("start", "end", "organization", "uuid");
    private static final Set<String> DOMAIN = Set.of("domain", "is_top");
    private static final Set<String> PROFILE = Set.of("uuid", "name", "email", "gender", "gender_acc", "is_bot", "country",
            "country_code");
    static final String OPEN_START = "1900-01-01T00:00:00";
    static final String OPEN_END = "2100-01-01T00:00:00";

    private SortingHat() {
    }

    /**
     * Reads a SortingHat JSON file.
     *
     * @throws TributaryException.InvalidInput naming the file and the entry: not JSON, an unknown field, a bad date
     */
    public static Curated read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dev.tributary.InputFiles.read(file, "sortinghat file", dev.tributary.InputFiles.CURATED_LIMIT));
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": not a readable JSON file: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "top level", "expected an object with uidentities and organizations");
        }
        known(file, "top level", root, TOP);
        CuratedBuilder b = new CuratedBuilder(file.toString());
        JsonNode orgs = root.path("organizations");
        for (Iterator<Map.Entry<String, JsonNode>> it = orgs.fields(); it.hasNext(); ) {
            var e = it.next();
            String where = "organizations." + e.getKey();
            for (JsonNode d : e.getValue()) {
                known(file, where, d, DOMAIN);
                String domain = d.path("domain").asText("");
                if (domain.isBlank()) {
                    throw bad(file, where, "a domain without 'domain'");
                }
                b.domains.add(new Curated.DomainRule(domain, e.getKey(), null, null));
            }
        }
        JsonNode uids = root.path("uidentities");
        for (Iterator<Map.Entry<String, JsonNode>> it = uids.fields(); it.hasNext(); ) {
            var e = it.next();
            String where = "uidentities." + e.getKey();
            JsonNode u = e.getValue();
            known(file, where, u, UIDENTITY);
            List<String> emails = new ArrayList<>();
            String profileEmail = null;
            if (u.hasNonNull("profile")) {
                known(file, where + ".profile", u.get("profile"), PROFILE);
                profileEmail = u.get("profile").hasNonNull("email") ? u.get("profile").get("email").asText() : null;
            }
            JsonNode ids = u.path("identities");
            for (int i = 0; i < ids.size(); i++) {
                JsonNode id = ids.get(i);
                known(file, where + ".identities[" + i + "]", id, IDENTITY);
                String email = id.hasNonNull("email") ? id.get("email").asText().trim() : "";
                if (email.isEmpty()) {
                    b.problems.add(new Curated.Problem(file.toString(), 0, where + ".identities[" + i + "]: no email (username "
                            + id.path("username").asText("") + ", source " + id.path("source").asText("") + "); left out"));
                } else if (!emails.contains(Curated.normalizeEmail(email))) {
                    emails.add(Curated.normalizeEmail(email));
                }
            }
            if (profileEmail != null && !profileEmail.isBlank()) {
                String p = Curated.normalizeEmail(profileEmail);
                emails.remove(p);
                emails.add(0, p);
            }
            if (emails.isEmpty()) {
                b.problems.add(new Curated.Problem(file.toString(), 0, where + ": no identity with an email; left out"));
                continue;
            }
            for (String other : emails.subList(1, emails.size())) {
                b.aliases.add(new Curated.Alias(other, emails.get(0)));
            }
            if (emails.size() == 1) {
                b.aliases.add(new Curated.Alias(emails.get(0), emails.get(0))); // known, though alone: kept by a re-export
            }
            JsonNode ens = u.path("enrollments");
            for (int i = 0; i < ens.size(); i++) {
                JsonNode en = ens.get(i);
                String w = where + ".enrollments[" + i + "]";
                known(file, w, en, ENROLLMENT);
                String org = en.path("organization").asText("");
                if (org.isBlank()) {
                    throw bad(file, w, "no organization");
                }
                try {
                    b.enrollments.add(new Curated.Enrollment(emails.get(0), org, date(en.path("start").asText(""), OPEN_START),
                            date(en.path("end").asText(""), OPEN_END)));
                } catch (IllegalArgumentException | DateTimeParseException x) {
                    throw bad(file, w, x.getMessage());
                }
            }
        }
        return b.build();
    }

    private static Long date(String text, String open) {
        String t = text.trim();
        if (t.isEmpty() || t.startsWith(open.substring(0, 10))) {
            return null;
        }
        if (t.length() == 10) {
            return Dates.parse(t);
        }
        return LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    }

    private static String day(Long epoch, String open) {
        return epoch == null ? open : LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC).toString()
                .replaceFirst("T(\\d\\d:\\d\\d)$", "T$1:00");
    }

    /**
     * Writes individuals, their enrollments and organizations' domains as SortingHat JSON. Keys are sorted, so the
     * same state always gives the same bytes.
     *
     * @param individuals individual id → (display name, addresses, the id first)
     * @param enrollments individual id → its enrollments
     * @param domains     organization → its domains
     */
    public static String write(Map<String, Map.Entry<String, List<String>>> individuals,
            Map<String, List<Curated.Enrollment>> enrollments, Map<String, List<String>> domains) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode root = m.createObjectNode();
        ObjectNode orgs = root.putObject("organizations");
        new TreeMap<>(domains).forEach((org, ds) -> {
            ArrayNode a = orgs.putArray(org);
            ds.stream().sorted().forEach(d -> a.addObject().put("domain", d).put("is_top", false));
        });
        ObjectNode uids = root.putObject("uidentities");
        new TreeMap<>(individuals).forEach((id, who) -> {
            String uuid = com.google.common.hash.Hashing.sha1().hashString(id, java.nio.charset.StandardCharsets.UTF_8).toString();
            ObjectNode u = uids.putObject(uuid);
            u.put("uuid", uuid);
            u.putObject("profile").put("uuid", uuid).put("name", who.getKey()).put("email", id).put("is_bot", false);
            ArrayNode ids = u.putArray("identities");
            for (String e : who.getValue()) {
                String iid = com.google.common.hash.Hashing.sha1().hashString("tributary:" + e, java.nio.charset.StandardCharsets.UTF_8)
                        .toString();
                ids.addObject().put("id", iid).put("name", who.getKey()).put("email", e).putNull("username")
                        .put("source", "tributary").put("uuid", uuid);
            }
            ArrayNode ens = u.putArray("enrollments");
            for (Curated.Enrollment en : enrollments.getOrDefault(id, List.of())) {
                ens.addObject().put("start", day(en.from(), OPEN_START)).put("end", day(en.until(), OPEN_END))
                        .put("organization", en.organization()).put("uuid", uuid);
            }
        });
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write SortingHat JSON: " + e.getMessage(), e);
        }
    }

    private static void known(Path file, String where, JsonNode n, Set<String> keys) {
        if (!n.isObject()) {
            throw bad(file, where, "expected an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw bad(file, where, "unknown field '" + k + "' (SortingHat's are " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    private static TributaryException.InvalidInput bad(Path file, String where, String message) {
        return new TributaryException.InvalidInput(file + ": " + where + ": " + message + "; nothing imported");
    }
}
