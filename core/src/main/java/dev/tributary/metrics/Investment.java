package dev.tributary.metrics;

import dev.tributary.store.read.Activity;
import dev.tributary.model.Scope;
import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import dev.tributary.model.PathGlobs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One organization's investment in a scope: its people (commits made while affiliated with it), its
 * commits, lines and contributors per period beside the project's, and the modules (or, without modules,
 * the top-level folders) it works on with its share of each. Organizations are resolved at each commit's
 * date, as everywhere; "Unknown" and "Independent" can be asked for too. Bots are left out unless the scope
 * includes them. Stateless over a connection; not thread-safe (the connection is not).
 */
public final class Investment {
    private final Connection conn;

    public Investment(Connection conn) {
        this.conn = conn;
    }

    /** The view; {@code areas} are modules when {@code modulesUsed}, else top-level folders ({@code dir/}). */
    public record View(String organization, long commits, long linesAdded, long linesRemoved, long projectCommits,
            long contributors, List<Person> people, List<Period> periods, List<Area> areas, boolean modulesUsed) {
    }

    /** Someone's work for the organization: commits, lines, and the first and last such commit's date. */
    public record Person(String id, String name, long commits, long linesAdded, long linesRemoved, String first, String last) {
    }

    /** A period: the organization's figures, the project's commits, and the organization's share of them. */
    public record Period(String period, long commits, long linesAdded, long linesRemoved, long contributors,
            long projectCommits, double share) {
    }

    /** A module or folder: the organization's commits and lines in it, and its share of the area's commits. */
    public record Area(String name, long commits, long linesAdded, long linesRemoved, long areaCommits, double share) {
    }

    /**
     * @param top people and folders listed (0: all)
     * @throws TributaryException.InvalidInput if the organization has no counted commit in the scope
     */
    public View run(String organization, Scope scope, Interval interval, Map<String, List<String>> modules, int top) {
        String org = Organizations.normalize(organization);
        try {
            String who = "coalesce(organization, '" + Organizations.UNKNOWN + "') = ?";
            String where = " WHERE " + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot");
            // per period, the organization's and the project's figures
            TreeMap<Long, long[]> byPeriod = new TreeMap<>();
            String sql = Activity.with(scope) + "SELECT CASE WHEN ? IS NULL THEN 0 ELSE epoch(date_trunc(?, make_timestamp(author_epoch * 1000000)))::BIGINT END,"
                    + " count(*) FILTER (WHERE " + who + "), coalesce(sum(lines_added) FILTER (WHERE " + who + "), 0),"
                    + " coalesce(sum(lines_removed) FILTER (WHERE " + who + "), 0),"
                    + " count(DISTINCT individual) FILTER (WHERE " + who + "), count(*) FROM r" + where + " GROUP BY ALL";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = Activity.bind(ps, scope);
                ps.setString(i++, interval == null ? null : interval.name());
                ps.setString(i++, interval == null ? "year" : interval.name());
                for (int k = 0; k < 4; k++) {
                    ps.setString(i++, org);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byPeriod.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                    }
                }
            }
            long[] total = new long[5];
            byPeriod.values().forEach(v -> {
                for (int k = 0; k < 5; k++) {
                    total[k] += v[k];
                }
            });
            if (total[0] == 0) {
                throw new TributaryException.InvalidInput("organization '" + organization + "' has no commits in this scope"
                        + " ('tributary report' lists the organizations)");
            }
            List<Period> periods = new ArrayList<>();
            if (interval == null) {
                periods.add(period("all", total));
            } else {
                long first = scope.since() != null ? Interval.floor(scope.since(), interval) : byPeriod.firstKey();
                long last = scope.until() != null ? scope.until() - 1 : byPeriod.lastKey();
                for (long t = first; t <= last; t = Interval.next(t, interval)) {
                    periods.add(period(Interval.label(t, interval), byPeriod.getOrDefault(t, new long[5])));
                }
            }
            long[] contributors = new long[1];
            List<Person> people = people(scope, who, where, org, top, contributors);
            return new View(org, total[0], total[1], total[2], total[4], contributors[0], people, periods,
                    modules.isEmpty() ? folders(scope, who, where, org, top) : modules(scope, who, where, org, modules),
                    !modules.isEmpty());
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("organization view query failed: " + e.getMessage(), e);
        }
    }

    private static Period period(String label, long[] v) {
        return new Period(label, v[0], v[1], v[2], v[3], v[4], v[4] == 0 ? 0 : (double) v[0] / v[4]);
    }

    /** The top people; {@code count[0]} receives how many there are in all. */
    private List<Person> people(Scope scope, String who, String where, String org, int top, long[] count) throws SQLException {
        List<Person> out = new ArrayList<>();
        String sql = Activity.with(scope) + "SELECT individual, min(display_name), count(*), coalesce(sum(lines_added), 0),"
                + " coalesce(sum(lines_removed), 0), min(author_epoch), max(author_epoch), count(*) OVER () FROM r" + where + " AND " + who
                + " GROUP BY individual ORDER BY 3 DESC, 2, 1" + (top > 0 ? " LIMIT " + top : "");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(Activity.bind(ps, scope), org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count[0] = rs.getLong(8);
                    out.add(new Person(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            date(rs.getLong(6)), date(rs.getLong(7))));
                }
            }
        }
        return out;
    }

    private List<Area> modules(Scope scope, String who, String where, String org, Map<String, List<String>> modules)
            throws SQLException {
        List<Area> out = new ArrayList<>();
        for (var m : modules.entrySet()) {
            Scope module = scope.withPaths(m.getValue());
            String sql = Activity.with(module) + "SELECT count(*) FILTER (WHERE " + who + "), coalesce(sum(lines_added) FILTER (WHERE "
                    + who + "), 0), coalesce(sum(lines_removed) FILTER (WHERE " + who + "), 0), count(*) FROM r" + where;
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = Activity.bind(ps, module);
                for (int k = 0; k < 3; k++) {
                    ps.setString(i++, org);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.add(area(m.getKey(), rs));
                }
            }
        }
        out.sort((a, b) -> Long.compare(b.commits(), a.commits()));
        return out;
    }

    /** Top-level folders (files at the root as "(root)"), counted over the commits' files. */
    private List<Area> folders(Scope scope, String who, String where, String org, int top) throws SQLException {
        List<Area> out = new ArrayList<>();
        String area = "CASE WHEN strpos(f.path, '/') > 0 THEN split_part(f.path, '/', 1) || '/' ELSE '(root)' END";
        String sql = Activity.with(scope) + "SELECT " + area + " AS area, count(DISTINCT r.cid) FILTER (WHERE " + who + "),"
                + " coalesce(sum(f.added) FILTER (WHERE " + who + "), 0), coalesce(sum(f.removed) FILTER (WHERE " + who + "), 0),"
                + " count(DISTINCT r.cid) FROM r JOIN file_changes f ON f.repo_id = r.repo_id AND f.sha = r.sha"
                + where.replace("is_merge", "r.is_merge").replace("is_bot", "r.is_bot")
                + (scope.paths().isEmpty() ? "" : " AND regexp_full_match(f.path, ?)")
                + " GROUP BY area HAVING count(*) FILTER (WHERE " + who + ") > 0 ORDER BY 2 DESC, 1" + (top > 0 ? " LIMIT " + top : "");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = Activity.bind(ps, scope);
            for (int k = 0; k < 3; k++) {
                ps.setString(i++, org);
            }
            if (!scope.paths().isEmpty()) {
                ps.setString(i++, PathGlobs.regex(scope.paths()));
            }
            ps.setString(i, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Area(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(5) == 0 ? 0 : (double) rs.getLong(2) / rs.getLong(5)));
                }
            }
        }
        return out;
    }

    private static Area area(String name, ResultSet rs) throws SQLException {
        long all = rs.getLong(4);
        return new Area(name, rs.getLong(1), rs.getLong(2), rs.getLong(3), all, all == 0 ? 0 : (double) rs.getLong(1) / all);
    }

    private static String date(long epoch) {
        return Instant.ofEpochSecond(epoch).toString().substring(0, 10);
    }
}
