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

    /** A suggested merge of two or more individuals into the first. */
    public record Suggestion(List<String> individuals, String reason) {
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
        Map<Set<String>, String> out = new LinkedHashMap<>();
        for (var e : byName.entrySet()) {
            group(e.getValue(), "same name '" + e.getKey() + "' (case, accents, punctuation and word order ignored)", out);
        }
        for (String[] row : identities) {
            Matcher m = NOREPLY.matcher(row[2]);
            if (m.matches()) {
                String login = m.group(1).toLowerCase(Locale.ROOT);
                for (String other : byLocal.getOrDefault(login, Set.of())) {
                    if (!other.equals(row[0])) {
                        group(new TreeSet<>(List.of(row[0], other)), "GitHub noreply address of login '" + login + "'", out);
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
        for (var e : byUser.entrySet()) {
            if (e.getValue().size() <= 5) { // a user name shared by many is a role, not a person
                group(e.getValue(), "same user name '" + e.getKey() + "' at several domains", out);
            }
        }
        List<Suggestion> list = new ArrayList<>();
        out.forEach((k, v) -> list.add(new Suggestion(List.copyOf(k), v)));
        return list;
    }

    /** A group of two or more individuals; a group already suggested (for another reason) is not repeated. */
    private static void group(Set<String> individuals, String reason, Map<Set<String>, String> out) {
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
