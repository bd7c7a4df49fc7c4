package dev.tributary.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Likely duplicates among individuals, each with the reason; never applied by itself (a curator runs
 * {@code identities merge}). Rules:
 * <ul>
 * <li>same name once case, accents, punctuation and word order are ignored ("José García" = "garcia, jose"),
 *     for names of at least two words;</li>
 * <li>a GitHub noreply address ({@code 123+login@users.noreply.github.com}) whose login is another
 *     individual's address user name or their name without spaces;</li>
 * <li>the same distinctive user name (6+ characters, not a role like {@code admin}) at two domains.</li>
 * </ul>
 */
public final class Suggestions {
    private static final Pattern NOREPLY = Pattern.compile("^(?:\\d+\\+)?([^@]+)@users\\.noreply\\.github\\.com$");
    private static final Set<String> ROLES = Set.of("admin", "administrator", "developer", "support", "noreply",
            "no-reply", "openstack", "infra", "release", "security", "info", "contact", "webmaster", "github");

    private Suggestions() {
    }

    /**
     * A suggested merge of two or more individuals into the first.
     *
     * @param rule       which rule found it: {@code same-name}, {@code github-noreply}, {@code same-user-name}
     * @param confidence how likely the individuals are one person, 0..1, by rule: the same name written the same
     *                   way 0.9, the same name up to case, accents, punctuation or word order 0.8, a GitHub noreply
     *                   login 0.85, the same user name at several domains 0.6
     */
    public record Suggestion(List<String> individuals, String reason, String rule, double confidence) {
        public Suggestion {
            individuals = List.copyOf(individuals);
            if (individuals.size() < 2) {
                throw new IllegalArgumentException("a suggestion merges two or more individuals, not " + individuals);
            }
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be within 0..1, not " + confidence);
            }
        }

        public Suggestion(List<String> individuals, String reason) {
            this(individuals, reason, "same-name", 0.8);
        }
    }

    private record Found(String reason, String rule, double confidence) {
    }

    /** @param identities rows of (individual, raw name, lower-cased email) */
    public static List<Suggestion> find(List<String[]> identities) {
        Map<String, Set<String>> byName = new HashMap<>();
        Map<String, Set<String>> byLocal = new HashMap<>();
        Map<String, String> anyName = new HashMap<>();
        for (String[] row : identities) {
            String key = nameKey(row[1]);
            if (key.contains(" ")) {
                byName.computeIfAbsent(key, k -> new TreeSet<>()).add(row[0]);
            }
            anyName.putIfAbsent(row[0], row[1]);
            String local = row[2].contains("@") ? row[2].substring(0, row[2].indexOf('@')) : row[2];
            if (!NOREPLY.matcher(row[2]).matches()) {
                byLocal.computeIfAbsent(local, k -> new TreeSet<>()).add(row[0]);
                byLocal.computeIfAbsent(key.replace(" ", ""), k -> new TreeSet<>()).add(row[0]);
            }
        }
        Map<String, Set<String>> rawNames = new HashMap<>(); // normalized key -> the names as written
        for (String[] row : identities) {
            rawNames.computeIfAbsent(nameKey(row[1]), k -> new TreeSet<>()).add(row[1].trim());
        }
        Map<Set<String>, Found> out = new LinkedHashMap<>();
        for (var e : new java.util.TreeMap<>(byName).entrySet()) {
            boolean same = rawNames.get(e.getKey()).size() == 1;
            group(e.getValue(), new Found("same name '" + e.getKey() + "' (" + (same ? "written the same way"
                    : "case, accents, punctuation and word order ignored") + ")", "same-name", same ? 0.9 : 0.8), out);
        }
        for (String[] row : identities) {
            Matcher m = NOREPLY.matcher(row[2]);
            if (m.matches()) {
                String login = m.group(1).toLowerCase(Locale.ROOT);
                for (String other : byLocal.getOrDefault(login, Set.of())) {
                    if (!other.equals(row[0])) {
                        group(new TreeSet<>(List.of(row[0], other)), new Found("GitHub noreply address of login '" + login + "'",
                                "github-noreply", 0.85), out);
                    }
                }
            }
        }
        Map<String, Set<String>> byUser = new HashMap<>();
        for (String[] row : identities) {
            String local = row[2].contains("@") ? row[2].substring(0, row[2].indexOf('@')) : "";
            if (local.length() >= 6 && !ROLES.contains(local) && !NOREPLY.matcher(row[2]).matches()) {
                byUser.computeIfAbsent(local, k -> new TreeSet<>()).add(row[0]);
            }
        }
        for (var e : new java.util.TreeMap<>(byUser).entrySet()) {
            if (e.getValue().size() <= 5) { // a user name shared by many is a role, not a person
                group(e.getValue(), new Found("same user name '" + e.getKey() + "' at several domains", "same-user-name", 0.6), out);
            }
        }
        List<Suggestion> list = new ArrayList<>();
        out.forEach((k, v) -> list.add(new Suggestion(List.copyOf(k), v.reason(), v.rule(), v.confidence())));
        return list;
    }

    /** A group of two or more individuals; a group already suggested (for another reason) is not repeated. */
    private static void group(Set<String> individuals, Found reason, Map<Set<String>, Found> out) {
        if (individuals.size() >= 2) {
            out.putIfAbsent(new TreeSet<>(individuals), reason);
        }
    }

    /** Lower case, no accents, letters and digits only, words sorted: "García, José" → "garcia jose". */
    static String nameKey(String name) {
        String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        String[] words = n.isEmpty() ? new String[0] : n.split(" ");
        Arrays.sort(words);
        return String.join(" ", words);
    }
}
