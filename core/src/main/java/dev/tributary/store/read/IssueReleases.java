package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The release that shipped each issue's first fix commit. An issue's <em>first fix commit</em> is the earliest (by
 * commit time) of the stored commits citing it ({@code issue_commits}) and the commits a close event names, at or
 * after the report; its <em>release</em> is the first release, in the project's order, whose scope contains that
 * commit: the commit is in one of the release's ranges (or, for a release given as a date window, in a
 * repository's collected history) and its author date is inside the release's window when it has one. A
 * release's <em>date</em> is the newest commit time among its commits (a tag range's: the tagged commit's).
 * Values are bound, never concatenated.
 */
public final class IssueReleases {
    private IssueReleases() {
    }

    /** A release as the metrics see it: its name and its commits' scope ({@code ScopeResolver.release}). */
    public record Release(String name, Scope scope) {
    }

    /** Where an issue's first fix commit was released: the release's position in the list, name and date (epoch seconds). */
    public record Shipped(int index, String name, long date) {
    }

    private static final String FIRSTS = "WITH fc AS (SELECT tracker_id, key, repo_id, sha, ts FROM issue_commits"
            + " UNION ALL SELECT e.tracker_id, e.key, c.repo_id, c.sha, coalesce(c.committer_epoch, c.author_epoch) FROM issue_events e"
            + "   JOIN commits c ON c.sha = e.commit_sha WHERE e.kind = 'closed' AND e.commit_sha <> ''),"
            + " ranked AS (SELECT fc.tracker_id, fc.key, fc.repo_id, fc.sha, row_number() OVER (PARTITION BY fc.tracker_id, fc.key"
            + "   ORDER BY fc.ts, fc.repo_id, fc.sha) AS n FROM fc JOIN issues i ON i.tracker_id = fc.tracker_id AND i.key = fc.key"
            + "   WHERE fc.ts >= i.created),"
            + " firsts AS (SELECT tracker_id, key, repo_id, sha FROM ranked WHERE n = 1)";

    /**
     * Per issue ({@code trackerName + '\0' + key}), where its first fix commit was released; issues whose first fix
     * commit is in none of the releases are absent.
     *
     * @throws TributaryException.StoreFailure when the store cannot be read
     */
    public static Map<String, Shipped> of(Connection conn, List<Release> releases) {
        Map<String, Shipped> out = new HashMap<>();
        for (int r = 0; r < releases.size(); r++) {
            Release rel = releases.get(r);
            Scope s = rel.scope();
            if (s.parts().isEmpty()) {
                continue;
            }
            StringBuilder parts = new StringBuilder();
            for (int i = 0; i < s.parts().size(); i++) {
                parts.append(i == 0 ? "" : " OR ").append("(s.repo_id = ? AND s.scope = ?)");
            }
            String window = " AND (?::BIGINT IS NULL OR c.author_epoch >= ?) AND (?::BIGINT IS NULL OR c.author_epoch < ?)";
            String sql = FIRSTS + ", rel AS (SELECT s.repo_id, s.sha, c.author_epoch, coalesce(c.committer_epoch, c.author_epoch) AS ts"
                    + " FROM scope_commits s JOIN commits c ON c.repo_id = s.repo_id AND c.sha = s.sha WHERE (" + parts + ")" + window + "),"
                    + " d AS (SELECT max(ts) AS date FROM rel)"
                    + " SELECT t.name, f.key, d.date FROM firsts f JOIN rel ON rel.repo_id = f.repo_id AND rel.sha = f.sha"
                    + " JOIN issue_trackers t ON t.id = f.tracker_id CROSS JOIN d";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int at = 1;
                for (Scope.Part p : s.parts()) {
                    ps.setInt(at++, p.repository());
                    ps.setString(at++, p.scopeKey());
                }
                for (Long v : new Long[] {s.since(), s.since(), s.until(), s.until()}) {
                    ps.setObject(at++, v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.putIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), new Shipped(r, rel.name(), rs.getLong(3)));
                    }
                }
            } catch (SQLException e) {
                throw new TributaryException.StoreFailure("reading the releases of issue fixes: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
