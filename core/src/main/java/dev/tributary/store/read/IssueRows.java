package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the issue metrics read from the trackers' tables, for the issues of a {@link Selection}: each issue with its
 * close, first response, closer and first fix; its comments and events; its labels; and the organization of its
 * reporter or first responder at the time, from the contributions read model. The SQL lives here; the metrics
 * ({@code metrics.IssueMetrics}) only count. Rows stream to a sink, so a tracker of tens of thousands of issues is
 * read without a row object each. Values are bound, never concatenated.
 */
public final class IssueRows {
    /** Which issues: of the trackers named (empty: every tracker), with pull requests or not, with one label, component or fix version (null: any). */
    public record Selection(List<String> trackers, boolean pulls, String label) {
        public Selection {
            trackers = List.copyOf(trackers);
        }
    }

    /** One issue: {@code closed} null while open; {@code closer} null without one (or a bot); times in UTC epoch seconds. */
    public interface IssueSink {
        void accept(String tracker, String key, long created, Long closed, String reporter, boolean reporterBot, Long firstResponse,
                    boolean reporterFirst, String closer, boolean closeKnown, Long firstFix, String responder);
    }

    /** One comment on an issue of the selection. */
    public interface CommentSink {
        void accept(String tracker, String key, long at, String author, boolean bot);
    }

    /** One event (status change, label, close, ...) of an issue of the selection. */
    public interface EventSink {
        void accept(String tracker, String key, long at);
    }

    /** One label of an issue of the selection. */
    public interface LabelSink {
        void accept(String tracker, String key, String label);
    }

    private final Connection conn;

    public IssueRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * The selection's issues as SQL; only the filters it uses are written (an {@code ? IS NULL OR EXISTS} would keep
     * DuckDB from turning the label test into a join).
     */
    private static String selected(Selection s) {
        StringBuilder b = new StringBuilder("SELECT i.* FROM issues i JOIN issue_trackers t ON t.id = i.tracker_id WHERE true");
        if (!s.trackers().isEmpty()) {
            b.append(" AND list_contains(?::VARCHAR[], t.name)");
        }
        if (!s.pulls()) {
            b.append(" AND NOT i.is_pull");
        }
        if (s.label() != null) {
            b.append(" AND (i.tracker_id, i.key) IN (SELECT tracker_id, key FROM issue_labels WHERE name = ?)");
        }
        return b.toString();
    }

    /** Binds the parameters of {@link #selected} from {@code at}; returns the next index. */
    private int bind(PreparedStatement ps, Selection s, int at) throws SQLException {
        if (!s.trackers().isEmpty()) {
            ps.setArray(at++, conn.createArrayOf("VARCHAR", s.trackers().toArray()));
        }
        if (s.label() != null) {
            ps.setString(at++, s.label());
        }
        return at;
    }

    /** What to do with each row of a query. */
    private interface EachRow {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with the selection's parameters (then {@code extra}, when not null) bound, each row to {@code each}. */
    private void each(String what, String sql, Selection sel, String extra, EachRow each) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int n = bind(ps, sel, 1);
            if (extra != null) {
                ps.setString(n, extra);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code cs}: per issue of {@code sel} with a response, its first response (the first comment by someone other
     * than the reporter, bots excluded, not before the report) and who gave it.
     */
    private static final String FIRST_RESPONSES = " cs AS (SELECT c.tracker_id, c.key,"
            + "   min(CASE WHEN c.author <> s.reporter AND NOT c.author_bot AND c.ts >= s.created THEN c.ts END) AS first_response,"
            + "   arg_min(CASE WHEN c.author <> s.reporter AND NOT c.author_bot AND c.ts >= s.created THEN c.author END,"
            + "     CASE WHEN c.author <> s.reporter AND NOT c.author_bot AND c.ts >= s.created THEN c.ts END) AS responder"
            + "   FROM issue_comments c JOIN sel s ON s.tracker_id = c.tracker_id AND s.key = c.key GROUP BY 1, 2),";

    /**
     * The selection's issues, by tracker id then key. An issue is closed when its state says so, at its close time,
     * else its last update, else its creation ({@code closeKnown}: the tracker gave a close time). The closer is who
     * closed it (the tracker's field, else the last close or closing status change), null for a bot; the first fix
     * is the first linked commit, merged pull request or commit-closing event not before the report;
     * {@code reporterFirst}: the report is its reporter's first appearance on the tracker (a newcomer's issue).
     */
    public void issues(Selection sel, IssueSink sink) {
        String sql = "WITH sel AS (" + selected(sel) + "),"
                + FIRST_RESPONSES
                + " seen AS (SELECT tracker_id, login, min(ts) AS first FROM (SELECT tracker_id, reporter AS login, created AS ts FROM issues"
                + "   UNION ALL SELECT tracker_id, author, ts FROM issue_comments) GROUP BY 1, 2),"
                + " firsts AS (SELECT tracker_id, reporter, min(key) AS key FROM (SELECT i.tracker_id, i.reporter, i.key FROM issues i"
                + "   JOIN seen ON seen.tracker_id = i.tracker_id AND seen.login = i.reporter WHERE i.created <= seen.first) GROUP BY 1, 2),"
                + " closers AS (SELECT e.tracker_id, e.key, arg_max(e.actor, e.ts) AS actor, arg_max(e.actor_bot, e.ts) AS bot FROM issue_events e"
                + "   JOIN sel s ON s.tracker_id = e.tracker_id AND s.key = e.key WHERE s.state = 'closed'"
                + "   AND (e.kind = 'closed' OR (e.kind = 'status' AND e.to_value = s.status)) GROUP BY 1, 2),"
                + " fixes AS (SELECT tracker_id, key, min(ts) AS ts FROM ("
                + "   SELECT tracker_id, key, ts FROM issue_commits"
                + "   UNION ALL SELECT r.tracker_id, r.target, p.closed FROM issue_refs r JOIN issues p ON p.tracker_id = r.tracker_id"
                + "     AND p.key = r.key WHERE p.resolution = 'merged' AND p.closed IS NOT NULL"
                + "   UNION ALL SELECT tracker_id, key, ts FROM issue_events WHERE kind = 'closed' AND commit_sha <> '')"
                + "   JOIN issues USING (tracker_id, key) WHERE ts >= created GROUP BY 1, 2)"
                + " SELECT t.name, s.key, s.created, CASE WHEN s.state = 'closed' THEN coalesce(s.closed, s.updated, s.created) END,"
                + " s.reporter, s.reporter_bot, cs.first_response, f.key IS NOT NULL AND NOT s.reporter_bot,"
                + " CASE WHEN s.state = 'closed' THEN CASE WHEN s.closed_by IS NOT NULL THEN (CASE WHEN s.closed_by_bot THEN NULL ELSE s.closed_by END)"
                + "   ELSE (CASE WHEN cl.bot THEN NULL ELSE cl.actor END) END END, s.closed IS NOT NULL, fx.ts, cs.responder"
                + " FROM sel s JOIN issue_trackers t ON t.id = s.tracker_id LEFT JOIN cs ON cs.tracker_id = s.tracker_id AND cs.key = s.key"
                + " LEFT JOIN firsts f ON f.tracker_id = s.tracker_id AND f.reporter = s.reporter AND f.key = s.key"
                + " LEFT JOIN closers cl ON cl.tracker_id = s.tracker_id AND cl.key = s.key"
                + " LEFT JOIN fixes fx ON fx.tracker_id = s.tracker_id AND fx.key = s.key ORDER BY s.tracker_id, s.key";
        each("issues", sql, sel, null, rs -> sink.accept(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
                rs.getString(5), rs.getBoolean(6), rs.getObject(7, Long.class), rs.getBoolean(8), rs.getString(9), rs.getBoolean(10),
                rs.getObject(11, Long.class), rs.getString(12)));
    }

    /** The comments on the selection's issues. */
    public void comments(Selection sel, CommentSink sink) {
        String sql = "WITH sel AS (" + selected(sel) + ") SELECT t.name, c.key, c.ts, c.author, c.author_bot FROM issue_comments c"
                + " JOIN sel s ON s.tracker_id = c.tracker_id AND s.key = c.key JOIN issue_trackers t ON t.id = c.tracker_id";
        each("issue comments", sql, sel, null, rs -> sink.accept(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5)));
    }

    /** The events of the selection's issues. */
    public void events(Selection sel, EventSink sink) {
        String sql = "WITH sel AS (" + selected(sel) + ") SELECT t.name, e.key, e.ts FROM issue_events e"
                + " JOIN sel s ON s.tracker_id = e.tracker_id AND s.key = e.key JOIN issue_trackers t ON t.id = e.tracker_id";
        each("issue events", sql, sel, null, rs -> sink.accept(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    /** The labels of one kind ({@code label}, {@code component}, {@code fix-version}) of the selection's issues, by label name. */
    public void labels(Selection sel, String kind, LabelSink sink) {
        String sql = "WITH sel AS (" + selected(sel) + ") SELECT t.name, l.key, l.name FROM issue_labels l"
                + " JOIN sel s ON s.tracker_id = l.tracker_id AND s.key = l.key JOIN issue_trackers t ON t.id = l.tracker_id"
                + " WHERE l.kind = ? ORDER BY l.name";
        each("issue labels", sql, sel, kind, rs -> sink.accept(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /**
     * The organization of each issue's reporter at the report, or of its first responder at the response (key:
     * tracker name, NUL, issue key), from the contributions read model: the account's individual (after the
     * same identity rules as every other source: the address the tracker shows, a linked code review account,
     * a GitHub noreply commit address naming the login, curated aliases and merges) and that individual's
     * organization at the time ({@link Activity#organizationAt}: enrollments, then the address's
     * affiliations). Issues whose account has no organization then, or no row in the read model (a pull
     * request's account seen only on pull requests), are absent.
     */
    public Map<String, String> organizations(Selection sel, boolean reporters) {
        String who = reporters ? "s.reporter" : "cs.responder";
        String at = reporters ? "s.created" : "cs.first_response";
        String sql = "WITH sel AS (" + selected(sel) + ")," + FIRST_RESPONSES
                + " a AS (SELECT s.tracker_id, s.key, " + at + " AS author_epoch, ap.individual, ca.email FROM sel s"
                + (reporters ? "" : " JOIN cs ON cs.tracker_id = s.tracker_id AND cs.key = s.key")
                + "  JOIN contribution_actors ca ON ca.source = 'issues' AND ca.container = s.tracker_id AND ca.name = " + who
                + "  JOIN contribution_people ap ON ap.aid = ca.aid),"
                + Activity.organizationAt("a", "r")
                + "SELECT t.name, r.key, r.organization FROM r JOIN issue_trackers t ON t.id = r.tracker_id WHERE r.organization IS NOT NULL";
        Map<String, String> out = new HashMap<>();
        each("the organizations of issue accounts", sql, sel, null, rs -> out.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3)));
        return out;
    }

    /** The stored trackers' ids, in registration order. */
    public List<Integer> trackerIds() {
        List<Integer> out = new ArrayList<>();
        try (java.sql.Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM issue_trackers ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading trackers: " + e.getMessage(), e);
        }
        return out;
    }
}
