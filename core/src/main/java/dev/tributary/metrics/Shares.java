package dev.tributary.metrics;

import java.util.Arrays;

/** The "fewest that make X%" arithmetic behind core contributors and the elephant and pony factors. */
final class Shares {
    private Shares() {
    }

    /**
     * The fewest of {@code counts}, largest first, whose sum reaches {@code share} of {@code total}; 0 when
     * total is 0. (Elephant and pony factors: share 0.5; core contributors: 0.8.)
     */
    static int fewestReaching(long[] counts, long total, double share) {
        if (total <= 0) {
            return 0;
        }
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (int i = sorted.length - 1, n = 1; i >= 0; i--, n++) {
            sum += sorted[i];
            if (sum >= share * total - 1e-9) {
                return n;
            }
        }
        return sorted.length;
    }
}
