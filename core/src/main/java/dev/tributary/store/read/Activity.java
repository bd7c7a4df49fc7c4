package dev.tributary.store.read;

import dev.tributary.model.Kinds;
import dev.tributary.model.PathGlobs;
import dev.tributary.model.Scope;
import dev.tributary.store.Sql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The commits of a scope with their author resolved: the individual (after .mailmap, curated aliases and
 * merges) and the bot flag from the store's derived {@code activity} relation, and the organization at the
 * commit's author date, resolved at query time (see
 * {@code identity.Resolver} for the precedence). Every metric selects from the relation {@code r} this
 * defines; values are bound with {@link #bind}, never concatenated.
 *
 * <p>Columns of {@code a}: cid (the commit's row id), repo_id, sha, author_epoch, author_offset, is_merge, lines_added, lines_removed,
 * email (raw, lower-cased), individual, display_name, is_bot, pid (the individual as a dense integer) ; {@code r} adds organization (null when Unknown). A query that needs no organization selects from
 * {@code a}, and the resolution is not computed.
 */
public final class Activity {
    private Activity() {
    }

    /** {@code WITH ... r AS (...)}: append a {@code SELECT ... FROM r}. */
    public static String with(Scope scope) {
        return with(scope, "f.cid, f.container AS repo_id, f.item AS sha, f.at_epoch AS author_epoch, f.at_offset AS author_offset,", true);
    }

    /**
     * As {@link #with(Scope)}, with only the columns an aggregate over people and organizations reads: author_epoch,
     * is_merge, lines_added, lines_removed, email, individual, is_bot, pid, and with {@code names} display_name. DuckDB
     * materializes {@code a} whole (both {@code pairs_r} and {@code r} read it), so the shas and offsets a metric never
     * reads cost about a tenth of a million-commit metric.
     */
    public static String lean(Scope scope, boolean names) {
        return with(scope, "f.at_epoch AS author_epoch,", names);
    }

    private static String with(Scope scope, String columns, boolean names) {
        boolean paths = !scope.paths().isEmpty();
        // with a path filter, a commit's lines are those of its matching files, and commits with none drop out
        return "WITH " + pathFilter(scope)
                + "a AS (SELECT " + columns + " f.is_merge,"
                + (paths ? " pf.added AS lines_added, pf.removed AS lines_removed," : " f.lines_added, f.lines_removed,")
                + " f.email, ap.individual," + (names ? " ap.display_name," : "") + " ap.is_bot, ap.pid FROM contributions f"
                + " JOIN contribution_people ap ON ap.aid = f.actor"
                + (paths ? " JOIN pf ON pf.repo_id = f.container AND pf.sha = f.item" : "")
                // only commits have collection scopes, so a scope's cids are commits: no test of the kind, which
                // made DuckDB scan the kind column of every row first and doubled a million-commit query
                + " WHERE " + (scope.allKinds() ? "(" + allParts(scope) + ")"
                : scope.commits() ? inScope(scope, "f")
                : "f.kind = ? AND f.container IN (" + String.join(", ", Collections.nCopies(scope.parts().size(), "?")) + ")")
                + " AND (? IS NULL OR f.at_epoch >= ?) AND (? IS NULL OR f.at_epoch < ?)),"
                + organizationAt("a", "r");
    }

    /**
     * The condition that contribution {@code alias} is in one of the scope's collection scopes. Over a window, each
     * contribution in it probes the scope memberships ({@code EXISTS}): a year of a million commits reads its own
     * tens of thousands instead of hashing every membership (0.30 -> 0.24 s for a one-year release table); over the
     * whole history the memberships are hashed once ({@code IN}), which is cheaper when every contribution is asked.
     * A path filter leaves few contributions to ask too: a module's elephant factor over a million commits probes
     * for its tenth of them (0.25 -> 0.20 s, the prepared statement alone) instead of hashing every membership.
     */
    static String inScope(Scope scope, String alias) {
        return scope.since() != null || scope.until() != null || !scope.paths().isEmpty()
                ? "EXISTS (SELECT 1 FROM contribution_scopes s WHERE s.cid = " + alias + ".cid AND (" + parts(scope) + "))"
                : alias + ".cid IN (SELECT s.cid FROM contribution_scopes s WHERE " + parts(scope) + ")";
    }

    /**
     * With a path filter, {@code pf AS (...), }: per commit (repo_id, sha), the lines added and removed in its
     * matching files; the first parameter {@link #bind} binds. Empty without one.
     */
    public static String pathFilter(Scope scope) {
        return scope.paths().isEmpty() ? "" : "pf AS (SELECT repo_id, sha, coalesce(sum(added), 0)::BIGINT AS added,"
                + " coalesce(sum(removed), 0)::BIGINT AS removed FROM file_changes WHERE regexp_full_match(path, ?) GROUP BY ALL), ";
    }

    /** The condition on {@code a} or {@code r} for the commits that count: merges only when the scope says so. */
    public static String counted(Scope scope) {
        if (scope.allKinds()) {
            return scope.includeMerges() ? "TRUE" : "coalesce(NOT is_merge, TRUE)"; // other kinds have no merge flag
        }
        return scope.includeMerges() || !scope.commits() ? "TRUE" : "NOT is_merge";
    }

    /** {@link #counted}, and bots left out unless the scope includes them: the contributions people are counted by. */
    public static String countedPeople(Scope scope) {
        return counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot");
    }

    /**
     * A scope of every kind: one condition per part, on its family's kinds (literal names from {@link Kinds})
     * and its container (and, for a repository, its collection scope), bound by {@link #bind}.
     */
    private static String allParts(Scope scope) {
        List<String> or = new ArrayList<>();
        for (Scope.Part p : scope.parts()) {
            String kinds = "'" + String.join("', '", Kinds.of(p.family())) + "'";
            or.add(p.family().equals(Kinds.REPOSITORY)
                    ? "(f.cid IN (SELECT s.cid FROM contribution_scopes s WHERE s.container = ? AND s.scope = ?))"
                    : "(f.kind IN (" + kinds + ") AND f.container = ?)");
        }
        return String.join(" OR ", or);
    }

    /**
     * CTEs ending in {@code OUT}: the relation {@code in} (with columns individual, email and author_epoch)
     * extended with {@code organization} at author_epoch, null when Unknown.
     *
     * <p>Resolved per (individual, address) pair rather than per row: the pair's candidates (its
     * individual's enrollments, its address's affiliations) cut time into segments at their bounds; in each
     * segment one candidate wins (lowest rank, then latest start: {@code identity.Resolver}); each row then
     * finds its segment by an equality join on the pair and a range test on bounds that are never null
     * (an open bound is ±10^11 s), which DuckDB runs as a hash join. A million commits come from tens of
     * thousands of pairs, so the ranking runs over those, not over every commit.
     */
    public static String organizationAt(String in, String out) {
        String open = "100000000000";
        return " pairs_" + out + " AS (SELECT DISTINCT individual, email FROM " + in + "),"
                + " pc_" + out + " AS ("
                + "  SELECT p.individual, p.email, e.organization, e.rank, coalesce(e.from_epoch, -" + open + ") AS f,"
                + "   coalesce(e.until_epoch, " + open + ") AS u FROM pairs_" + out + " p JOIN"
                + "   (SELECT coalesce(io.individual, en.email) AS individual, en.* FROM enrollments en"
                + "    LEFT JOIN individual_of io ON io.email = en.email) e ON e.individual = p.individual"
                + "  UNION ALL"
                + "  SELECT p.individual, p.email, d.organization, d.rank, coalesce(d.from_epoch, -" + open + "),"
                + "   coalesce(d.until_epoch, " + open + ") FROM pairs_" + out + " p JOIN email_affiliations d ON d.email = p.email),"
                + " bp_" + out + " AS (SELECT individual, email, f AS t FROM pc_" + out
                + "  UNION SELECT individual, email, u FROM pc_" + out + " WHERE u < " + open
                + "  UNION SELECT individual, email, -" + open + " FROM pairs_" + out + "),"
                + " seg_" + out + " AS (SELECT individual, email, t AS s_from,"
                + "  lead(t, 1, " + open + " + 1) OVER (PARTITION BY individual, email ORDER BY t) AS s_until FROM bp_" + out + "),"
                + " win_" + out + " AS (SELECT s.individual, s.email, s.s_from, s.s_until,"
                + "  arg_min(c.organization, c.rank * 1000000000000 - c.f) AS organization FROM seg_" + out + " s"
                + "  JOIN pc_" + out + " c ON c.individual = s.individual AND c.email = s.email AND c.f <= s.s_from AND c.u > s.s_from"
                + "  GROUP BY ALL),"
                + " " + out + " AS (SELECT x.*, CASE WHEN w.organization = 'Unknown' THEN NULL ELSE w.organization END"
                + "  AS organization FROM " + in + " x LEFT JOIN win_" + out + " w ON w.individual = x.individual"
                + "  AND w.email = x.email AND x.author_epoch >= w.s_from AND x.author_epoch < w.s_until) ";
    }

    /** The scope's parts as a condition on {@code s} (contribution_scopes); bound by {@link #bind}, then the window. */
    public static String parts(Scope scope) {
        return String.join(" OR ", Collections.nCopies(scope.parts().size(), "(s.container = ? AND s.scope = ?)"));
    }

    /** Binds the values of {@link #with} from parameter 1; returns the next free index. */
    public static int bind(PreparedStatement ps, Scope scope) throws SQLException {
        Object[] values = values(scope);
        Sql.bind(ps, values);
        return values.length + 1;
    }

    /** The values of a scope's parameters, in the order {@link #bind} binds them. */
    public static Object[] values(Scope scope) {
        List<Object> out = new ArrayList<>();
        if (!scope.paths().isEmpty()) {
            out.add(PathGlobs.regex(scope.paths()));
        }
        if (!scope.allKinds() && !scope.commits()) {
            out.add(scope.kind());
        }
        for (Scope.Part p : scope.parts()) {
            out.add(p.repository());
            if (scope.allKinds() ? p.family().equals(Kinds.REPOSITORY) : scope.commits()) {
                out.add(p.scopeKey());
            }
        }
        for (Long bound : new Long[] {scope.since(), scope.until()}) {
            out.add(bound);
            out.add(bound);
        }
        return out.toArray();
    }
}
