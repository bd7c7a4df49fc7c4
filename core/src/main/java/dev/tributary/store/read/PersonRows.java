package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A scope's contributions grouped per individual and organization (each contribution's organization at
 * its own date) by DuckDB, for the summary and the release report: a few rows per person, whatever the
 * history's length. Every value is bound. Stateless over a connection; not thread-safe (the connection is not).
 */
public final class PersonRows {
    private final Connection conn;

    public PersonRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * One individual's contributions for one organization (null: Unknown): display name, whether any of the
     * individual's identities is a bot, non-merge commits and their lines, merges, the first and last
     * contribution's time and all contributions.
     */
    public record Group(String individual, String organization, String name, boolean bot, long commits, long linesAdded,
            long linesRemoved, long merges, long first, long last, long contributions) {
    }

    /** Every contribution of the scope, merges counted apart ({@link Group#merges}). */
    public List<Group> all(Scope scope) {
        return read(scope, Activity.with(scope)
                + "SELECT individual, organization, display_name, bool_or(is_bot),"
                + " count(*) FILTER (WHERE NOT is_merge),"
                + " coalesce(sum(lines_added) FILTER (WHERE NOT is_merge), 0),"
                + " coalesce(sum(lines_removed) FILTER (WHERE NOT is_merge), 0),"
                + " count(*) FILTER (WHERE is_merge), min(author_epoch), max(author_epoch), count(*)"
                + " FROM r GROUP BY ALL");
    }

    /**
     * The contributions that count (merges only when the scope includes them), all in {@link Group#commits}
     * and {@link Group#contributions}; merges 0.
     */
    public List<Group> counted(Scope scope) {
        return read(scope, Activity.with(scope)
                + "SELECT individual, organization, display_name, bool_or(is_bot), count(*),"
                + " coalesce(sum(lines_added), 0)::BIGINT, coalesce(sum(lines_removed), 0)::BIGINT, 0, min(author_epoch),"
                + " max(author_epoch), count(*) FROM r WHERE " + Activity.counted(scope) + " GROUP BY ALL");
    }

    /**
     * Trailer credits (Reviewed-by, Tested-by, ...) on the scope's counted commits, per kind, credited
     * individual and organization at the commit's date (null: Unknown); self-credits (author = credited) left
     * out. {@code name}: the credited person's display name when they have contributions, else the same rule
     * over the names their trailers give (the most used, then the latest, then the alphabetically first).
     */
    public record Credit(String kind, String individual, String organization, long count, String name) {
    }

    public List<Credit> credits(Scope scope) {
        // from the trailers outwards: there are fewer of them than commits, and no author organization is needed
        String sql = "WITH " + Activity.pathFilter(scope) + "t AS (SELECT tr.rowid AS tid, tr.kind, tr.name AS tname,"
                + "  lower(trim(tr.email)) AS email, coalesce(io.individual, lower(trim(tr.email))) AS individual,"
                + "  c.at_epoch AS author_epoch, p.individual AS author"
                + "  FROM trailers tr JOIN contributions c ON c.kind = 'commit' AND c.container = tr.repo_id AND c.item = tr.sha"
                + (scope.includeMerges() ? "" : " AND NOT c.is_merge")
                + (scope.paths().isEmpty() ? "" : " JOIN pf ON pf.repo_id = c.container AND pf.sha = c.item")
                + "  JOIN contribution_people p ON p.aid = c.actor"
                + "  LEFT JOIN individual_of io ON io.email = lower(trim(tr.email))"
                + "  WHERE trim(tr.email) <> '' AND c.cid IN (SELECT s.cid FROM contribution_scopes s WHERE " + Activity.parts(scope) + ")"
                + "  AND (? IS NULL OR c.at_epoch >= ?) AND (? IS NULL OR c.at_epoch < ?)"
                + (scope.includeBots() ? "" : " AND NOT p.is_bot") + "),"
                + Activity.organizationAt("t", "tr2")
                // a credited person's name: their display name when they have contributions (the one rule), else
                // the same rule over the names their trailers give: the most used, then the latest, then the first
                + ", tn AS (SELECT individual, tname AS name FROM (SELECT individual, tname, count(*) AS n, max(author_epoch) AS latest"
                + "  FROM t GROUP BY ALL) QUALIFY row_number() OVER (PARTITION BY individual ORDER BY coalesce(trim(tname), '') = '',"
                + "  n DESC, latest DESC NULLS LAST, tname) = 1),"
                + " cp AS (SELECT individual, min(display_name) AS name FROM contribution_people GROUP BY individual)"
                + "SELECT x.kind, x.individual, x.organization, x.n, coalesce(cp.name, tn.name) FROM"
                + " (SELECT kind, individual, organization, count(*) AS n FROM tr2 WHERE individual <> author GROUP BY ALL) x"
                + " LEFT JOIN tn ON tn.individual = x.individual LEFT JOIN cp ON cp.individual = x.individual";
        List<Credit> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Credit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading trailer credits: " + e.getMessage(), e);
        }
        return out;
    }

    private List<Group> read(Scope scope, String sql) {
        List<Group> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading contributions per person: " + e.getMessage(), e);
        }
        return out;
    }
}
