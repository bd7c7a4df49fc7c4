package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store holds, for the edges that only need to know (a report's footer, whether a section has
 * data, the list of trackers): small reads with every value bound. Stateless over a connection; not
 * thread-safe (the connection is not).
 */
public final class Inventory {
    private final Connection conn;

    public Inventory(Connection conn) {
        this.conn = conn;
    }

    /** A stored issue tracker: its name and kind, its items (issues and pull requests) and open issues. */
    public record Tracker(String name, String kind, long items, long openIssues) {
    }

    /** The names of these repositories by store id (an id not stored is left out). */
    public Map<Integer, String> repositoryNames(List<Integer> ids) {
        Map<Integer, String> out = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM repositories WHERE id = ?")) {
            for (int id : ids) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(id, rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("cannot read repository names: " + e.getMessage(), e);
        }
        return out;
    }

    /** The names of these repositories (store ids), sorted by the store. */
    public List<String> sortedRepositoryNames(List<Integer> ids) {
        List<String> out = new ArrayList<>();
        String placeholders = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM repositories WHERE id IN (" + placeholders + ") ORDER BY name")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setInt(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("cannot read repository names: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many distinct warnings the commits of a scope's parts carry, and the first {@code keep} of them in order. */
    public record Warnings(long count, List<String> first) {
        public Warnings {
            first = List.copyOf(first);
        }
    }

    public Warnings warnings(List<Scope.Part> parts, int keep) {
        List<String> first = new ArrayList<>();
        long count = 0;
        String or = String.join(" OR ", java.util.Collections.nCopies(parts.size(), "(s.repo_id = ? AND s.scope = ?)"));
        try (PreparedStatement pw = conn.prepareStatement("SELECT DISTINCT w.message FROM warnings w JOIN scope_commits s"
                + " ON s.repo_id = w.repo_id AND s.sha = w.sha WHERE " + or + " ORDER BY w.message")) {
            int j = 1;
            for (Scope.Part p : parts) {
                pw.setInt(j++, p.repository());
                pw.setString(j++, p.scopeKey());
            }
            try (ResultSet rs = pw.executeQuery()) {
                while (rs.next()) {
                    count++;
                    if (first.size() < keep) {
                        first.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading warnings: " + e.getMessage(), e);
        }
        return new Warnings(count, first);
    }

    /** Every stored tracker, by name. */
    public List<Tracker> trackers() {
        List<Tracker> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT t.name, t.kind, count(i.key), count(i.key) FILTER (WHERE i.state = 'open' AND NOT i.is_pull)"
                        + " FROM issue_trackers t LEFT JOIN issues i ON i.tracker_id = t.id GROUP BY 1, 2 ORDER BY 1")) {
            while (rs.next()) {
                out.add(new Tracker(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("listing trackers: " + e.getMessage(), e);
        }
        return out;
    }

    /** Whether any change request (pull request, Gerrit change) is stored. */
    public boolean hasChanges() {
        return any("changes", "reading change requests");
    }

    /** Whether any tracker issue is stored. */
    public boolean hasIssues() {
        return any("issues", "reading issues");
    }

    private boolean any(String table, String what) {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure(what + ": " + e.getMessage(), e);
        }
    }
}
