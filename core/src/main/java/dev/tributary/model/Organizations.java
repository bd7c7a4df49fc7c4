package dev.tributary.model;

import java.util.Locale;
import java.util.Set;

/** Names of the buckets that are not employers, and how curated files spell them. */
public final class Organizations {
    /** No evidence of an employer. */
    public static final String UNKNOWN = "Unknown";
    /** Curated: works for no employer. */
    public static final String INDEPENDENT = "Independent";

    private static final Set<String> UNKNOWN_SPELLINGS = Set.of("unknown", "(unknown)", "*unknown");
    private static final Set<String> INDEPENDENT_SPELLINGS = Set.of("independent", "*independent", "(independent)",
            "self", "self-employed", "none", "(none)");

    private Organizations() {
    }

    /**
     * The organization name as stored: trimmed, inner whitespace collapsed; gitdm's {@code (Unknown)} and
     * Stackalytics' {@code *independent} (and similar) become {@link #UNKNOWN} and {@link #INDEPENDENT}.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static String normalize(String name) {
        String n = name == null ? "" : name.trim().replaceAll("\\s+", " ");
        if (n.isEmpty()) {
            throw new IllegalArgumentException("empty organization name");
        }
        String key = n.toLowerCase(Locale.ROOT);
        if (UNKNOWN_SPELLINGS.contains(key)) {
            return UNKNOWN;
        }
        if (INDEPENDENT_SPELLINGS.contains(key)) {
            return INDEPENDENT;
        }
        return n;
    }
}
