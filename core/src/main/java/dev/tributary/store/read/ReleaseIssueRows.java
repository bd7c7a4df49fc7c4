package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a release table's issues section ({@code metrics.ReleaseIssues}): the issue trackers' contributions ({@code issue}, {@code issue_comment}) and
 * closes in a window, with the organization of each person at the time ({@link Activity#organizationAt}). A close
 * is the issue's close time; its person is who the tracker says closed it (GitHub {@code closed_by}), else the
 * actor of its last move into its present status, resolved like the tracker's reporters and commenters (an account
 * seen only as a closer, or no closer, is Unknown). Values are bound, never concatenated.
 */
public final class ReleaseIssueRows {
    private final Connection conn;

    public ReleaseIssueRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * Per organization at the time (Unknown a row like any), most issue work (opened + closed + comments) first,
     * then by name: {@code {opened, closed, comments}} in {@code [since, until)} (either end null: open) on the
     * trackers {@code trackerIds} (none: no rows); bots left out unless {@code includeBots}.
     */
    public Map<String, long[]> counts(List<Integer> trackerIds, Long since, Long until, boolean includeBots) {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (trackerIds.isEmpty()) {
            return out;
        }
        String in = String.join(", ", Collections.nCopies(trackerIds.size(), "?"));
        String window = " AND (?::BIGINT IS NULL OR %1$s >= ?) AND (?::BIGINT IS NULL OR %1$s < ?)";
        String sql = "WITH closers AS (SELECT e.tracker_id, e.key, arg_max(e.actor, e.ts) AS actor FROM issue_events e"
                + "   JOIN issues i ON i.tracker_id = e.tracker_id AND i.key = e.key WHERE i.state = 'closed'"
                + "   AND (e.kind = 'closed' OR (e.kind = 'status' AND e.to_value = i.status)) GROUP BY 1, 2),"
                + " a AS (SELECT f.kind AS what, f.at_epoch AS author_epoch, f.email, ap.individual, ap.is_bot FROM contributions f"
                + "   JOIN contribution_people ap ON ap.aid = f.actor WHERE f.kind IN ('issue', 'issue_comment') AND f.container IN (" + in + ")"
                + window.formatted("f.at_epoch")
                + "  UNION ALL SELECT 'close', coalesce(i.closed, i.updated, i.created), ca.email, ap.individual,"
                + "   coalesce(ap.is_bot, CASE WHEN i.closed_by IS NOT NULL THEN i.closed_by_bot END, false) FROM issues i"
                + "   LEFT JOIN closers cl ON cl.tracker_id = i.tracker_id AND cl.key = i.key"
                + "   LEFT JOIN contribution_actors ca ON ca.source = 'issues' AND ca.container = i.tracker_id"
                + "     AND ca.name = coalesce(i.closed_by, cl.actor)"
                + "   LEFT JOIN contribution_people ap ON ap.aid = ca.aid"
                + "   WHERE i.state = 'closed' AND NOT i.is_pull AND i.tracker_id IN (" + in + ")"
                + window.formatted("coalesce(i.closed, i.updated, i.created)") + "),"
                + Activity.organizationAt("a", "r")
                + "SELECT coalesce(organization, 'Unknown') AS org, count(*) FILTER (WHERE what = 'issue'),"
                + " count(*) FILTER (WHERE what = 'close'), count(*) FILTER (WHERE what = 'issue_comment')"
                + " FROM r WHERE ? OR NOT coalesce(is_bot, false) GROUP BY 1 ORDER BY count(*) DESC, 1";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int at = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int id : trackerIds) {
                    ps.setInt(at++, id);
                }
                for (Long v : new Long[] {since, since, until, until}) {
                    ps.setObject(at++, v);
                }
            }
            ps.setBoolean(at, includeBots);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading the release's issues: " + e.getMessage(), e);
        }
        return out;
    }
}
