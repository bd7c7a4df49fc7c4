package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import dev.tributary.model.PathGlobs;
import dev.tributary.model.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One organization's share of a scope, grouped by DuckDB: per period, per person, per module or top-level
 * folder. A contribution is the organization's when its actor was affiliated with it at the contribution's
 * date ({@code Unknown} and {@code Independent} can be asked for too); bots left out unless the scope
 * includes them. Every value is bound. Stateless over a connection; not thread-safe (the connection is not).
 */
public final class OrganizationRows {
    private static final String WHO = "coalesce(organization, '" + Organizations.UNKNOWN + "') = ?";

    private final Connection conn;

    public OrganizationRows(Connection conn) {
        this.conn = conn;
    }

    /** A period (its start; 0 without a unit): the organization's commits, lines and people, and the scope's commits. */
    public record Period(long start, long commits, long linesAdded, long linesRemoved, long contributors, long scopeCommits) {
    }

    /** Someone's work for the organization, and the first and last such commit's time. */
    public record Person(String individual, String name, long commits, long linesAdded, long linesRemoved, long first, long last) {
    }

    /** The top people and how many there are in all. */
    public record People(List<Person> top, long count) {
        public People {
            top = List.copyOf(top);
        }
    }

    /** An area (a module, a folder): the organization's commits and lines in it, and all the area's commits. */
    public record Area(String name, long commits, long linesAdded, long linesRemoved, long areaCommits) {
    }

    private static String where(Scope scope) {
        return " WHERE " + Activity.countedPeople(scope);
    }

    /** Per period of {@code unit} ({@link ContributorRows#UNITS}; null: the whole window), in no order. */
    public List<Period> periods(Scope scope, String unit, String organization) {
        new ContributorRows.Ask(unit, false, false); // checks the unit
        List<Period> out = new ArrayList<>();
        String sql = Activity.lean(scope, false) + "SELECT CASE WHEN ? IS NULL THEN 0 ELSE epoch(date_trunc(?, make_timestamp(author_epoch * 1000000)))::BIGINT END,"
                + " count(*) FILTER (WHERE " + WHO + "), coalesce(sum(lines_added) FILTER (WHERE " + WHO + "), 0),"
                + " coalesce(sum(lines_removed) FILTER (WHERE " + WHO + "), 0),"
                + " count(DISTINCT individual) FILTER (WHERE " + WHO + "), count(*) FROM r" + where(scope) + " GROUP BY ALL";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = Activity.bind(ps, scope);
            ps.setString(i++, unit);
            ps.setString(i++, unit == null ? "year" : unit);
            for (int k = 0; k < 4; k++) {
                ps.setString(i++, organization);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Period(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** The top people (0: all) by commits for the organization, then name, then id. */
    public People people(Scope scope, String organization, int top) {
        List<Person> out = new ArrayList<>();
        long count = 0;
        String sql = Activity.lean(scope, true) + "SELECT individual, min(display_name), count(*), coalesce(sum(lines_added), 0),"
                + " coalesce(sum(lines_removed), 0), min(author_epoch), max(author_epoch), count(*) OVER () FROM r" + where(scope)
                + " AND " + WHO + " GROUP BY individual ORDER BY 3 DESC, 2, 1" + (top > 0 ? " LIMIT " + top : "");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(Activity.bind(ps, scope), organization);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count = rs.getLong(8);
                    out.add(new Person(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return new People(out, count);
    }

    /** The organization's part of one module's scope (a scope with the module's path filter), named {@code name}. */
    public Area module(String name, Scope module, String organization) {
        String sql = Activity.lean(module, false) + "SELECT count(*) FILTER (WHERE " + WHO + "), coalesce(sum(lines_added) FILTER (WHERE "
                + WHO + "), 0), coalesce(sum(lines_removed) FILTER (WHERE " + WHO + "), 0), count(*) FROM r" + where(module);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = Activity.bind(ps, module);
            for (int k = 0; k < 3; k++) {
                ps.setString(i++, organization);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Area(name, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Top-level folders (files at the root as "(root)") the organization's commits touch, counted over the
     * commits' files, by its commits then name; the top (0: all).
     */
    public List<Area> folders(Scope scope, String organization, int top) {
        List<Area> out = new ArrayList<>();
        String area = "CASE WHEN strpos(f.path, '/') > 0 THEN split_part(f.path, '/', 1) || '/' ELSE '(root)' END";
        String sql = Activity.with(scope) + "SELECT " + area + " AS area, count(DISTINCT r.cid) FILTER (WHERE " + WHO + "),"
                + " coalesce(sum(f.added) FILTER (WHERE " + WHO + "), 0), coalesce(sum(f.removed) FILTER (WHERE " + WHO + "), 0),"
                + " count(DISTINCT r.cid) FROM r JOIN file_changes f ON f.repo_id = r.repo_id AND f.sha = r.sha"
                + where(scope).replace("is_merge", "r.is_merge").replace("is_bot", "r.is_bot")
                + (scope.paths().isEmpty() ? "" : " AND regexp_full_match(f.path, ?)")
                + " GROUP BY area HAVING count(*) FILTER (WHERE " + WHO + ") > 0 ORDER BY 2 DESC, 1" + (top > 0 ? " LIMIT " + top : "");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = Activity.bind(ps, scope);
            for (int k = 0; k < 3; k++) {
                ps.setString(i++, organization);
            }
            if (!scope.paths().isEmpty()) {
                ps.setString(i++, PathGlobs.regex(scope.paths()));
            }
            ps.setString(i, organization);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Area(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    private static TributaryException.StoreFailure failure(SQLException e) {
        return new TributaryException.StoreFailure("organization view query failed: " + e.getMessage(), e);
    }
}
