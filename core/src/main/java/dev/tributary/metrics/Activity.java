package dev.tributary.metrics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/**
 * The commits of a scope with their author resolved at query time: the individual (after .mailmap,
 * curated aliases and merges), the bot flag, and the organization at the commit's author date (see
 * {@code identity.Resolver} for the precedence). Every metric selects from the relation {@code r} this
 * defines; values are bound with {@link #bind}, never concatenated.
 *
 * <p>Columns of {@code a}: cid (the commit's row id), repo_id, sha, author_epoch, author_offset, is_merge, lines_added, lines_removed,
 * email (raw, lower-cased), individual, display_name, is_bot, organization ; {@code r} adds organization (null when Unknown). A query that needs no organization selects from
 * {@code a}, and the resolution is not computed.
 */
final class Activity {
    private Activity() {
    }

    /** {@code WITH ... r AS (...)}: append a {@code SELECT ... FROM r}. */
    static String with(Scope scope) {
        String parts = parts(scope);
        return "WITH a AS (SELECT c.rowid AS cid, c.repo_id, c.sha, c.author_epoch, c.author_offset, c.is_merge, c.lines_added,"
                + " c.lines_removed, lower(c.author_email) AS email, coalesce(io.individual, i.person) AS individual,"
                + " i.display_name, i.is_bot"
                + " FROM commits c"
                + " JOIN identities i ON i.repo_id = c.repo_id AND i.name = c.author_name AND i.email = c.author_email"
                + " LEFT JOIN individual_of io ON io.email = i.person"
                + " WHERE EXISTS (SELECT 1 FROM scope_commits s WHERE s.repo_id = c.repo_id AND s.sha = c.sha AND (" + parts + "))"
                + " AND (? IS NULL OR c.author_epoch >= ?) AND (? IS NULL OR c.author_epoch < ?)),"
                + organizationAt("a", "r", "cid");
    }

    /**
     * {@code cand_X, best_X, OUT}: the relation {@code in} (with columns individual, email, author_epoch and
     * the key columns) extended with {@code organization} at author_epoch, null when Unknown.
     */
    static String organizationAt(String in, String out, String keys) {
        String on = java.util.Arrays.stream(keys.split(",\\s*")).map(k -> "b." + k + " = x." + k)
                .collect(java.util.stream.Collectors.joining(" AND "));
        String xkeys = java.util.Arrays.stream(keys.split(",\\s*")).map(k -> "x." + k)
                .collect(java.util.stream.Collectors.joining(", "));
        return " cand_" + out + " AS ("
                + "  SELECT " + xkeys + ", e.organization, e.rank, e.from_epoch FROM " + in + " x JOIN"
                + "   (SELECT coalesce(io.individual, en.email) AS individual, en.* FROM enrollments en"
                + "    LEFT JOIN individual_of io ON io.email = en.email) e"
                + "   ON e.individual = x.individual AND (e.from_epoch IS NULL OR x.author_epoch >= e.from_epoch)"
                + "   AND (e.until_epoch IS NULL OR x.author_epoch < e.until_epoch)"
                + "  UNION ALL"
                + "  SELECT " + xkeys + ", d.organization, d.rank, d.from_epoch FROM " + in + " x JOIN email_affiliations d"
                + "   ON d.email = x.email AND (d.from_epoch IS NULL OR x.author_epoch >= d.from_epoch)"
                + "   AND (d.until_epoch IS NULL OR x.author_epoch < d.until_epoch)),"
                + " best_" + out + " AS (SELECT " + keys + ","
                + "  arg_min(organization, rank * 1000000000000 - coalesce(from_epoch, -100000000000)) AS organization"
                + "  FROM cand_" + out + " GROUP BY " + keys + "),"
                + " " + out + " AS (SELECT x.*, CASE WHEN b.organization = 'Unknown' THEN NULL ELSE b.organization END"
                + "  AS organization FROM " + in + " x LEFT JOIN best_" + out + " b ON " + on + ") ";
    }

    /** The scope's parts as a condition on {@code s} (scope_commits); bound by {@link #bind}, then the window. */
    static String parts(Scope scope) {
        return String.join(" OR ", Collections.nCopies(scope.parts().size(), "(s.repo_id = ? AND s.scope = ?)"));
    }

    /** Binds the values of {@link #with} from parameter 1; returns the next free index. */
    static int bind(PreparedStatement ps, Scope scope) throws SQLException {
        int i = 1;
        for (Scope.Part p : scope.parts()) {
            ps.setInt(i++, p.repository());
            ps.setString(i++, p.scopeKey());
        }
        for (Long bound : new Long[] {scope.since(), scope.until()}) {
            ps.setObject(i++, bound);
            ps.setObject(i++, bound);
        }
        return i;
    }
}
