package dev.tributary.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colours for organizations, one per name for the whole page (and the dashboard's charts): a qualitative
 * palette taken in order, and fixed greys for the buckets that are not organizations. Stateless.
 */
final class Palette {
    /** Tableau 10 then its lighter tints: distinguishable, and readable on white. */
    static final List<String> COLORS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#2f4b7c", "#a0cbe8", "#ffbe7d", "#8cd17d", "#ff9d9a", "#86bcb6", "#f1ce63", "#d4a6c8", "#d7b5a6");
    static final Map<String, String> FIXED = Map.of("Unknown", "#9e9e9e", "Independent", "#616161", "Other", "#cfcfcf",
            "Bots", "#bdbdbd");

    private Palette() {
    }

    /** Each name its colour: fixed buckets their grey, the others the palette in the order given (cycling). */
    static Map<String, String> assign(Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>(FIXED);
        int i = 0;
        for (String n : names) {
            if (!out.containsKey(n)) {
                out.put(n, COLORS.get(i++ % COLORS.size()));
            }
        }
        return out;
    }
}
