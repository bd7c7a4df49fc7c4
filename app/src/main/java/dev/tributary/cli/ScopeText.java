package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import dev.tributary.model.Dates;
import dev.tributary.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The exact scope in words, for a report's footer: each repository and its range, the window, the paths. */
final class ScopeText {
    private ScopeText() {
    }

    static String describe(Store store, String title, Scope scope) {
        List<String> parts = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT name FROM repositories WHERE id = ?")) {
            for (Scope.Part p : scope.parts()) {
                ps.setInt(1, p.repository());
                try (ResultSet rs = ps.executeQuery()) {
                    parts.add((rs.next() ? rs.getString(1) : "#" + p.repository()) + " " + p.scopeKey());
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("cannot read repository names: " + e.getMessage(), e);
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
