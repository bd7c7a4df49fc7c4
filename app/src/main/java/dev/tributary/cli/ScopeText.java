package dev.tributary.cli;

import dev.tributary.model.Scope;
import dev.tributary.model.Dates;
import dev.tributary.store.Store;
import dev.tributary.store.read.Inventory;
import java.util.ArrayList;
import java.util.List;

/** The exact scope in words, for a report's footer: each repository and its range, the window, the paths. */
final class ScopeText {
    private ScopeText() {
    }

    static String describe(Store store, String title, Scope scope) {
        List<String> parts = new ArrayList<>();
        java.util.Map<Integer, String> names = new Inventory(store.connection()).repositoryNames(scope.repositories());
        for (Scope.Part p : scope.parts()) {
            parts.add(names.getOrDefault(p.repository(), "#" + p.repository()) + " " + p.scopeKey());
        }
        StringBuilder b = new StringBuilder(title).append(" = ").append(String.join(", ", parts));
        if (scope.since() != null || scope.until() != null) {
            b.append("; authored ").append(scope.since() == null ? "from the start" : "from " + Dates.day(scope.since()))
                    .append(scope.until() == null ? "" : " until " + Dates.day(scope.until()) + " (excluded)");
        }
        if (!scope.paths().isEmpty()) {
            b.append("; paths ").append(String.join(", ", scope.paths()));
        }
        return b.toString();
    }
}
