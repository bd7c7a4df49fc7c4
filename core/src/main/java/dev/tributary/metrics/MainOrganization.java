package dev.tributary.metrics;

import dev.tributary.model.Organizations;
import java.util.Comparator;
import java.util.Map;

/**
 * The one rule for a person's main organization in a scope, used by every listing that names one (the
 * summary's contributors, the report's developers, the report's credited people): the organization of
 * most of their counted contributions in the scope, each resolved at its own date; ties go to the
 * alphabetically first name; with none, {@code Unknown}. Stateless.
 */
final class MainOrganization {
    private MainOrganization() {
    }

    /** The main organization among these counts (organization name, Unknown included → contributions). */
    static String of(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(Organizations.UNKNOWN);
    }
}
