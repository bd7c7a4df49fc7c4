package dev.tributary.metrics;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link Summary} by SQL over the store, resolving each commit's organization and bot flag at
 * query time from the identity tables. Every value is bound as a parameter.
 */
public final class SummaryQuery {
    /** Shown for people with no known organization. */
    public static final String UNKNOWN = "Unknown";
    private static final String BOT_NAME_RE = "(?i)(\\[bot\\]|\\bbot)\\s*$";

    private final Connection conn;

    public SummaryQuery(Connection conn) {
        this.conn = conn;
    }

    public Summary run(Scope scope, int top) {
        try {
            String placeholders = String.join(",", java.util.Collections.nCopies(scope.repositories().size(), "?"));
            String base = "WITH a AS (SELECT c.*, i.person, i.display_name, eo.organization AS org,"
                    + " (coalesce(eo.is_bot, false) OR regexp_matches(c.author_name, ?)) AS bot"
                    + " FROM commits c JOIN scope_commits s ON s.repo_id = c.repo_id AND s.sha = c.sha AND s.scope = ?"
                    + " JOIN identities i ON i.repo_id = c.repo_id AND i.name = c.author_name AND i.email = c.author_email"
                    + " LEFT JOIN email_orgs eo ON eo.email = lower(c.author_email)"
                    + " WHERE c.repo_id IN (" + placeholders + ")"
                    + " AND (? IS NULL OR c.author_epoch >= ?) AND (? IS NULL OR c.author_epoch < ?)) ";
            // per person x organization, non-merge commits
            List<Row> rows = new ArrayList<>();
            long merges = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            try (PreparedStatement ps = conn.prepareStatement(base
                    + "SELECT person, org, bool_or(bot), count(*) FILTER (WHERE NOT is_merge),"
                    + " coalesce(sum(lines_added) FILTER (WHERE NOT is_merge), 0),"
                    + " coalesce(sum(lines_removed) FILTER (WHERE NOT is_merge), 0),"
                    + " count(*) FILTER (WHERE is_merge), min(author_epoch), max(author_epoch)"
                    + " FROM a GROUP BY person, org")) {
                bind(ps, scope);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        merges += rs.getLong(7);
                        first = Math.min(first, rs.getLong(8));
                        last = Math.max(last, rs.getLong(9));
                        if (rs.getLong(4) > 0) {
                            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4),
                                    rs.getLong(5), rs.getLong(6)));
                        }
                    }
                }
            }
            Map<String, String> names = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement(base
                    + "SELECT person, display_name FROM a GROUP BY person, display_name"
                    + " ORDER BY person, count(*) DESC, max(author_epoch) DESC, display_name")) {
                bind(ps, scope);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.putIfAbsent(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return assemble(scope, top, rows, names, merges, first, last);
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("summary query failed: " + e.getMessage(), e);
        }
    }

    private void bind(PreparedStatement ps, Scope scope) throws SQLException {
        int i = 1;
        ps.setString(i++, BOT_NAME_RE);
        ps.setString(i++, scope.scopeKey());
        for (int repo : scope.repositories()) {
            ps.setInt(i++, repo);
        }
        for (Long bound : new Long[] {scope.since(), scope.until()}) {
            ps.setObject(i++, bound);
            ps.setObject(i++, bound);
        }
    }

    private record Row(String person, String org, boolean bot, long commits, long added, long removed) {
    }

    private Summary assemble(Scope scope, int top, List<Row> rows, Map<String, String> names, long merges,
            long first, long last) throws SQLException {
        Map<String, long[]> people = new HashMap<>();      // commits, added, removed
        Map<String, Map<String, Long>> personOrgs = new HashMap<>();
        Map<String, long[]> orgs = new HashMap<>();        // commits, added, removed
        Map<String, java.util.Set<String>> orgPeople = new HashMap<>();
        long commits = 0, added = 0, removed = 0, botCommits = 0, unknownCommits = 0;
        java.util.Set<String> botPeople = new java.util.HashSet<>();
        for (Row r : rows) {
            commits += r.commits;
            added += r.added;
            removed += r.removed;
            if (r.bot) {
                botCommits += r.commits;
                botPeople.add(r.person);
                if (!scope.includeBots()) {
                    continue;
                }
            }
            long[] p = people.computeIfAbsent(r.person, k -> new long[3]);
            p[0] += r.commits;
            p[1] += r.added;
            p[2] += r.removed;
            String org = r.org == null ? UNKNOWN : r.org;
            personOrgs.computeIfAbsent(r.person, k -> new HashMap<>()).merge(org, r.commits, Long::sum);
            if (r.org == null) {
                unknownCommits += r.commits;
                continue;
            }
            long[] o = orgs.computeIfAbsent(r.org, k -> new long[3]);
            o[0] += r.commits;
            o[1] += r.added;
            o[2] += r.removed;
            orgPeople.computeIfAbsent(r.org, k -> new java.util.HashSet<>()).add(r.person);
        }
        long peopleCommits = 0;
        for (long[] p : people.values()) {
            peopleCommits += p[0];
        }
        long knownOrgCommits = peopleCommits - unknownCommits;

        List<Summary.Contributor> contributors = new ArrayList<>();
        for (var e : people.entrySet()) {
            String org = personOrgs.get(e.getKey()).entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(UNKNOWN);
            long[] v = e.getValue();
            contributors.add(new Summary.Contributor(names.getOrDefault(e.getKey(), e.getKey()), e.getKey(), org,
                    v[0], v[1], v[2]));
        }
        contributors.sort(Comparator.comparingLong(Summary.Contributor::commits).reversed()
                .thenComparing(Comparator.comparingLong((Summary.Contributor c) -> c.linesAdded() + c.linesRemoved()).reversed())
                .thenComparing(Summary.Contributor::email));
        List<Summary.Organization> organizations = new ArrayList<>();
        for (var e : orgs.entrySet()) {
            long[] v = e.getValue();
            organizations.add(new Summary.Organization(e.getKey(), v[0], orgPeople.get(e.getKey()).size(), v[1], v[2]));
        }
        organizations.sort(Comparator.comparingLong(Summary.Organization::commits).reversed()
                .thenComparing(Summary.Organization::name));

        List<String> repos = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long warningCount = 0;
        String placeholders = String.join(",", java.util.Collections.nCopies(scope.repositories().size(), "?"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM repositories WHERE id IN (" + placeholders + ") ORDER BY name");
             PreparedStatement pw = conn.prepareStatement("SELECT w.message FROM warnings w JOIN scope_commits s"
                     + " ON s.repo_id = w.repo_id AND s.sha = w.sha AND s.scope = ? WHERE w.repo_id IN (" + placeholders
                     + ") ORDER BY w.message")) {
            pw.setString(1, scope.scopeKey());
            for (int i = 0; i < scope.repositories().size(); i++) {
                ps.setInt(i + 1, scope.repositories().get(i));
                pw.setInt(i + 2, scope.repositories().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    repos.add(rs.getString(1));
                }
            }
            try (ResultSet rs = pw.executeQuery()) {
                while (rs.next()) {
                    warningCount++;
                    if (warnings.size() < 50) {
                        warnings.add(rs.getString(1));
                    }
                }
            }
        }
        return new Summary(repos, commits, merges, people.size(), orgs.size(), added, removed,
                factor(organizations.stream().mapToLong(Summary.Organization::commits).toArray(), knownOrgCommits),
                factor(contributors.stream().mapToLong(Summary.Contributor::commits).toArray(), peopleCommits),
                peopleCommits == 0 ? 0 : (double) unknownCommits / peopleCommits,
                botCommits, commits == 0 ? 0 : (double) botCommits / commits, botPeople.size(),
                first == Long.MAX_VALUE ? null : Instant.ofEpochSecond(first).toString(),
                last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(last).toString(),
                List.copyOf(contributors.subList(0, Math.min(top, contributors.size()))),
                List.copyOf(organizations.subList(0, Math.min(top, organizations.size()))),
                warningCount, warnings);
    }

    /** Fewest of the (descending) counts whose sum reaches half of {@code total}; 0 when total is 0. */
    static int factor(long[] descending, long total) {
        if (total <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < descending.length; i++) {
            sum += descending[i];
            if (2 * sum >= total) {
                return i + 1;
            }
        }
        return descending.length;
    }
}
