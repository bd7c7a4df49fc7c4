package dev.tributary.store.read;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import dev.tributary.store.Sql;
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
        return read(scope, Activity.lean(scope, true)
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
        return read(scope, Activity.lean(scope, true)
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
                + "  WHERE trim(tr.email) <> '' AND EXISTS (SELECT 1 FROM contribution_scopes s WHERE s.cid = c.cid AND (" + Activity.parts(scope) + "))"
                + "  AND (? IS NULL OR c.at_epoch >= ?) AND (? IS NULL OR c.at_epoch < ?)"
                + (scope.includeBots() ? "" : " AND NOT p.is_bot") + "),"
                + Activity.organizationAt("t", "tr2")
                // a credited person's name: their display name when they have contributions (the one rule), else
                // the same rule over the names their trailers give: the most used, then the latest, then the first
                + ", tn AS (SELECT individual, tname AS name FROM (SELECT individual, tname, count(*) AS n, max(author_epoch) AS latest"
                + "  FROM t GROUP BY ALL) QUALIFY row_number() OVER (PARTITION BY individual ORDER BY coalesce(trim(tname), '') = '',"
                + "  n DESC, latest DESC NULLS LAST, tname) = 1),"
                + " x AS (SELECT kind, individual, organization, count(*) AS n FROM tr2 WHERE individual <> author GROUP BY ALL),"
                // the display names of the credited only: every person's cost a scan of all people even with no credits
                + " cp AS (SELECT individual, min(display_name) AS name FROM contribution_people"
                + "  WHERE individual IN (SELECT individual FROM x) GROUP BY individual)"
                + "SELECT x.kind, x.individual, x.organization, x.n, coalesce(cp.name, tn.name) FROM x"
                + " LEFT JOIN tn ON tn.individual = x.individual LEFT JOIN cp ON cp.individual = x.individual";
        try {
            return Sql.list(conn, sql, rs -> new Credit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                    rs.getString(5)), Activity.values(scope));
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading trailer credits: " + e.getMessage(), e);
        }
    }

    /*
     * The same two queries over the Parquet export's relations (ParquetExport, docs/scale.md), for engines that
     * read the export (Spark SQL; DuckDB's dialect runs them too): eco_contributions, eco_scopes, eco_resolution,
     * eco_trailers, and eco_parts (repository, scope): the scope's parts by repository name. The organization at
     * each commit's date comes from eco_resolution (the time segments of every (individual, address) pair), not
     * from the organization column the export also carries. Window bounds are numbers (longs) written into the
     * text, as Spark SQL binds no parameters; everything else is a relation. Kept beside the store's queries
     * above so that the two move together: a column or a rule changed there changes here.
     */

    /** The scope's commits (kind, parts, window; merges unless counted) as {@code sc}, without organization. */
    static String exportScoped(Long since, Long until, boolean merges, boolean bots) {
        return exportScoped(since, until, merges, bots, false);
    }

    /**
     * {@link #exportScoped(Long, Long, boolean, boolean)}; with {@code paths}, as the store's path filter
     * ({@link Activity#pathFilter}): only the commits that changed a matching file, with the lines of those files,
     * from the relation {@code eco_pf} (repository, id, added, removed) the engine stages from the export's
     * {@code files} (its path test is the engine's: a full match of {@code PathGlobs.regex}).
     */
    static String exportScoped(Long since, Long until, boolean merges, boolean bots, boolean paths) {
        return "sc AS (SELECT c.repository, c.id, c.at_epoch, c.is_merge, "
                + (paths ? "pf.added AS lines_added, pf.removed AS lines_removed," : "c.lines_added, c.lines_removed,")
                + " c.email, c.individual, c.display_name, c.is_bot FROM eco_contributions c"
                + (paths ? " JOIN eco_pf pf ON pf.repository = c.repository AND pf.id = c.id" : "") + " WHERE c.kind = 'commit'"
                + " AND EXISTS (SELECT 1 FROM eco_scopes s JOIN eco_parts p ON p.repository = s.repository AND p.scope = s.scope"
                + " WHERE s.repository = c.repository AND s.id = c.id)"
                + (merges ? "" : " AND NOT c.is_merge") + (bots ? "" : " AND NOT c.is_bot")
                + (since == null ? "" : " AND c.at_epoch >= " + since) + (until == null ? "" : " AND c.at_epoch < " + until) + ")";
    }

    /** {@code x LEFT JOIN} the resolution segment of x's (individual, email) pair holding x's {@code epoch}. */
    static String exportOrganization(String x, String epoch) {
        return " LEFT JOIN eco_resolution z ON z.individual = " + x + ".individual AND z.email = " + x + ".email"
                + " AND (z.from_epoch IS NULL OR " + x + "." + epoch + " >= z.from_epoch)"
                + " AND (z.until_epoch IS NULL OR " + x + "." + epoch + " < z.until_epoch)";
    }

    /** {@link #counted}'s rows (same columns, same order) over the export, for a commit scope without paths. */
    public static String countedOverExport(Long since, Long until, boolean includeMerges) {
        return countedOverExport(since, until, includeMerges, false);
    }

    /** {@link #counted}'s rows over the export; with {@code paths}, over {@code eco_pf} (see {@link #exportScoped}). */
    public static String countedOverExport(Long since, Long until, boolean includeMerges, boolean paths) {
        return "WITH " + exportScoped(since, until, includeMerges, true, paths)
                + " SELECT sc.individual, z.organization, sc.display_name, bool_or(sc.is_bot), count(*),"
                + " coalesce(sum(sc.lines_added), 0), coalesce(sum(sc.lines_removed), 0), 0, min(sc.at_epoch), max(sc.at_epoch),"
                + " count(*) FROM sc" + exportOrganization("sc", "at_epoch")
                + " GROUP BY sc.individual, z.organization, sc.display_name";
    }

    /** {@link #credits}'s rows (same columns) over the export (its {@code trailers}), for a commit scope without paths. */
    public static String creditsOverExport(Long since, Long until, boolean includeMerges, boolean includeBots) {
        return creditsOverExport(since, until, includeMerges, includeBots, false);
    }

    /** {@link #credits}'s rows over the export; with {@code paths}, on the commits of {@code eco_pf} only. */
    public static String creditsOverExport(Long since, Long until, boolean includeMerges, boolean includeBots, boolean paths) {
        return "WITH " + exportScoped(since, until, includeMerges, includeBots, paths) + ","
                + " t AS (SELECT tr.kind, tr.name AS tname, tr.email, tr.individual, tr.person_name, sc.at_epoch AS author_epoch,"
                + "  sc.individual AS author FROM eco_trailers tr JOIN sc ON sc.repository = tr.repository AND sc.id = tr.id),"
                + " tr2 AS (SELECT t.kind, t.individual, t.author, z.organization FROM t" + exportOrganization("t", "author_epoch") + "),"
                + " tn AS (SELECT individual, tname AS name FROM (SELECT individual, tname, row_number() OVER (PARTITION BY individual"
                + "  ORDER BY CASE WHEN coalesce(trim(tname), '') = '' THEN 1 ELSE 0 END, n DESC, latest DESC NULLS LAST,"
                + "  tname ASC NULLS LAST) AS k FROM (SELECT individual, tname, count(*) AS n, max(author_epoch) AS latest FROM t"
                + "  GROUP BY individual, tname) g) q WHERE k = 1),"
                + " cp AS (SELECT individual, min(person_name) AS name FROM t GROUP BY individual)"
                + " SELECT x.kind, x.individual, x.organization, x.n, coalesce(cp.name, tn.name) FROM"
                + " (SELECT kind, individual, organization, count(*) AS n FROM tr2 WHERE individual <> author"
                + "  GROUP BY kind, individual, organization) x"
                + " LEFT JOIN tn ON tn.individual = x.individual LEFT JOIN cp ON cp.individual = x.individual";
    }

    /**
     * The release table's review columns ({@code ReviewMetrics.releaseTable}) over the export's review tables:
     * rows (organization or null, change requests, reviews, marks), one per organization and kind of count. Change
     * requests of the containers in {@code eco_named} (container) opened in [since, until), the author's organization
     * at creation; their reviews by humans in the window (Gerrit's {@code Verified} left out, as the CI's verdict), the
     * reviewer's organization at the review; a mark is a verdict (GitHub approve or request changes, a Gerrit
     * {@code Code-Review} vote other than 0). With {@code paths}, only the change requests in {@code eco_cpf}
     * (container, number): those whose paths match, as the store's module filter of change requests.
     */
    public static String releaseReviewsOverExport(Long since, Long until, boolean paths) {
        String window = (since == null ? "" : " AND %1$s >= " + since) + (until == null ? "" : " AND %1$s < " + until);
        String module = paths ? " AND EXISTS (SELECT 1 FROM eco_cpf k WHERE k.container = %1$s.container AND k.number = %1$s.number)" : "";
        return "WITH cr AS (SELECT c.individual, c.email, c.created_epoch AS at_epoch FROM eco_change_requests c"
                + " JOIN eco_named n ON n.container = c.container WHERE TRUE" + String.format(window, "c.created_epoch")
                + String.format(module, "c") + "),"
                + " rv AS (SELECT r.individual, r.email, r.epoch AS at_epoch, CASE WHEN r.state IN ('APPROVED', 'CHANGES_REQUESTED')"
                + " OR (r.state = 'Code-Review' AND r.value <> 0) THEN 1 ELSE 0 END AS mark FROM eco_reviews r"
                + " JOIN eco_named n ON n.container = r.container WHERE r.state <> 'Verified' AND NOT r.is_bot"
                + String.format(window, "r.epoch") + String.format(module, "r") + ")"
                + " SELECT z.organization, count(*), CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM cr" + exportOrganization("cr", "at_epoch")
                + " GROUP BY z.organization"
                + " UNION ALL SELECT z.organization, CAST(0 AS BIGINT), count(*), CAST(sum(rv.mark) AS BIGINT) FROM rv"
                + exportOrganization("rv", "at_epoch") + " GROUP BY z.organization";
    }

    /** A row of {@link #countedOverExport} as a group; values as any engine gives them (Number, Boolean, String). */
    public static Group group(Object[] r) {
        return new Group((String) r[0], (String) r[1], (String) r[2], Boolean.TRUE.equals(r[3]), num(r[4]), num(r[5]), num(r[6]),
                num(r[7]), num(r[8]), num(r[9]), num(r[10]));
    }

    /** A row of {@link #creditsOverExport} as a credit. */
    public static Credit credit(Object[] r) {
        return new Credit((String) r[0], (String) r[1], (String) r[2], num(r[3]), (String) r[4]);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
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
