package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the code-review metrics read ({@code metrics.ReviewMetrics}): the change requests of a {@link Selection} with
 * their authors, and their reviews and comments with their actors, each resolved to an individual
 * ({@link ReviewPeople}) and to the organization at the time ({@link Activity#organizationAt}: a change's author at
 * its creation, a reviewer at the review); each merged change request's commit; review credits kept in git itself.
 * The SQL lives here; the metrics only count. Rows stream to sinks; values are bound, never concatenated.
 */
public final class ReviewRows {
    /** Which change requests: those of the containers (every one when empty) touching a file that matches one of {@code paths} (none: any). */
    public record Selection(List<Integer> containers, List<String> paths) {
        public Selection {
            containers = List.copyOf(containers);
            paths = List.copyOf(paths);
        }
    }

    /** One change request; {@code closed}, {@code merged} null when it was not; {@code organization} null when Unknown. */
    public interface ChangeSink {
        void accept(int container, long number, long created, Long closed, Long merged, String state, int iterations, String individual,
                    String name, boolean bot, String organization, String merger);
    }

    /** One act on a change request: a review (Gerrit's Verified left out: the CI's verdict) or a comment, by time. */
    public interface ActSink {
        void accept(int container, long number, boolean review, String state, int value, long at, String individual, String name,
                    boolean bot, String organization);
    }

    /** A merged change request and its commit ({@code sha} null, {@code rule} 0 without one; rules 1-5 as {@link #commitLinks} lists them). */
    public interface LinkSink {
        void accept(String container, long number, String sha, int rule);
    }

    /** One individual's credits of one kind. */
    public interface CreditSink {
        void accept(String individual, String name, String organization, String kind, long credits);
    }

    /** What to do with each row of a query. */
    private interface EachRow {
        void accept(ResultSet rs) throws SQLException;
    }

    private final Connection conn;

    public ReviewRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * The change requests of a module (a path filter): those with at least one file matching, where a change's
     * files are those its source lists ({@code change_files}: Gerrit patch sets, a source that sends them) and those
     * of its commits in the collected repositories ({@code change_commits} by sha, and the merge commit GitHub or
     * Gerrit names, a squash or rebase merge carrying the change's files; a true merge commit carries none). One
     * regular-expression parameter, bound three times ({@link #bindPaths}).
     */
    private static String moduleChanges(Selection sel) {
        if (sel.paths().isEmpty()) {
            return "";
        }
        return " km AS (SELECT container_id, number FROM change_files WHERE regexp_full_match(path, ?)"
                + "  UNION SELECT cc.container_id, cc.number FROM change_commits cc JOIN file_changes f ON f.sha = cc.sha"
                + "   WHERE regexp_full_match(f.path, ?)"
                + "  UNION SELECT c.container_id, c.number FROM changes c JOIN file_changes f ON f.sha = c.merge_sha"
                + "   WHERE c.merge_sha <> '' AND regexp_full_match(f.path, ?)),";
    }

    /** The condition keeping the rows of {@code alias} whose change request is in the module (TRUE without paths). */
    private static String inModule(Selection sel, String alias) {
        return sel.paths().isEmpty() ? "TRUE" : "EXISTS (SELECT 1 FROM km WHERE km.container_id = " + alias
                + ".container_id AND km.number = " + alias + ".number)";
    }

    private static int bindPaths(PreparedStatement ps, Selection sel, int i) throws SQLException {
        if (!sel.paths().isEmpty()) {
            String rx = dev.tributary.model.PathGlobs.regex(sel.paths());
            for (int k = 0; k < 3; k++) {
                ps.setString(i++, rx);
            }
        }
        return i;
    }

    private static int bindContainers(PreparedStatement ps, Selection sel, int from) throws SQLException {
        int i = from;
        for (int c : sel.containers()) {
            ps.setInt(i++, c);
        }
        return i;
    }

    /** Runs {@code sql} with the module's paths, then the containers {@code times} times, bound; each row to {@code each}. */
    private void each(String what, String sql, Selection sel, int times, EachRow each) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = bindPaths(ps, sel, 1);
            for (int k = 0; k < times; k++) {
                i = bindContainers(ps, sel, i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure(what + " failed: " + e.getMessage(), e);
        }
    }

    /** The selection's change requests, by container and number. */
    public void changes(Selection sel, ChangeSink sink) {
        String where = sel.containers().isEmpty() ? "TRUE"
                : "container_id IN (" + String.join(", ", Collections.nCopies(sel.containers().size(), "?")) + ")";
        String sql = "WITH " + ReviewPeople.CTE + moduleChanges(sel)
                + " ch AS (SELECT c.container_id, c.number, c.created AS author_epoch, c.closed, c.merged, c.state, c.iterations,"
                + "  p.individual, p.email, p.display_name, p.is_bot, m.individual AS merger FROM changes c"
                + "  JOIN rp p ON p.key = c.author LEFT JOIN rp m ON m.key = c.merged_by WHERE " + where.replace("container_id", "c.container_id")
                + "  AND " + inModule(sel, "c") + "),"
                + Activity.organizationAt("ch", "r")
                + "SELECT container_id, number, author_epoch, closed, merged, state, iterations, individual, display_name, is_bot,"
                + " organization, merger FROM r ORDER BY container_id, number";
        each("review metrics query", sql, sel, 1, rs -> sink.accept(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, Long.class),
                rs.getObject(5, Long.class), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                rs.getString(11), rs.getString(12)));
    }

    /** The reviews and comments on the selection's change requests, by time. */
    public void acts(Selection sel, ActSink sink) {
        String where = sel.containers().isEmpty() ? "TRUE"
                : "container_id IN (" + String.join(", ", Collections.nCopies(sel.containers().size(), "?")) + ")";
        String sql = "WITH " + ReviewPeople.CTE + moduleChanges(sel)
                + " x AS (SELECT container_id, number, true AS review, state, value, epoch, reviewer AS actor FROM change_reviews WHERE " + where
                + "  AND state <> 'Verified'" // Gerrit's Verified is the CI's verdict, not a review
                + "  UNION ALL SELECT container_id, number, false, kind, 0, epoch, author FROM change_comments WHERE " + where + "),"
                + " a AS (SELECT x.container_id, x.number, x.review, x.state, x.value, x.epoch AS author_epoch, p.individual, p.email,"
                + "  p.display_name, p.is_bot FROM x JOIN rp p ON p.key = x.actor WHERE " + inModule(sel, "x") + "),"
                + Activity.organizationAt("a", "r")
                + "SELECT container_id, number, review, state, value, author_epoch, individual, display_name, is_bot, organization"
                + " FROM r ORDER BY author_epoch";
        each("review metrics query", sql, sel, 2, rs -> sink.accept(rs.getInt(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4),
                rs.getInt(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10)));
    }

    /**
     * Every merged change request of the selection with its commit in a collected repository, by the first rule that
     * finds one: 1 the merge commit GitHub or Gerrit names is in the history; 2 "Merge pull request #N from …" in the
     * repository named like the container; 3 a subject ending in "(#N)"; 4 the last proposed commit itself (a
     * fast-forward or rebase merge); 5 a commit whose {@code Change-Id:} trailer is the Gerrit change's. By container
     * and number.
     */
    public void commitLinks(Selection sel, LinkSink sink) {
        String where = sel.containers().isEmpty() ? "TRUE"
                : "c.container_id IN (" + String.join(", ", Collections.nCopies(sel.containers().size(), "?")) + ")";
        String sql = "WITH" + moduleChanges(sel) + " ch AS (SELECT c.container_id, c.number, c.merge_sha, c.head_sha, c.native_id, rc.name AS container,"
                + "  regexp_extract(rc.name, '[^/]+$') AS repo_name FROM changes c JOIN review_containers rc ON rc.id = c.container_id"
                + "  WHERE c.state = 'merged' AND " + where + " AND " + inModule(sel, "c") + "),"
                + " named AS (SELECT ch.*, r.id AS repo_id FROM ch JOIN repositories r ON lower(r.name) = lower(ch.repo_name)"
                + "  OR lower(r.name) = lower(ch.repo_name) || '.git'),"
                + " subj AS (SELECT repo_id, sha, TRY_CAST(regexp_extract(subject, '^Merge pull request #([0-9]+) from ', 1) AS BIGINT) AS m,"
                + "  TRY_CAST(regexp_extract(subject, '[(]#([0-9]+)[)][[:space:]]*$', 1) AS BIGINT) AS q FROM commits),"
                + " cid AS (SELECT repo_id, sha, regexp_extract(message, '(?m)^Change-Id:[[:blank:]]*(I[0-9a-f]{40})[[:blank:]]*$', 1) AS change_id FROM commits"
                + "  WHERE message LIKE '%Change-Id:%'),"
                + " cand AS (SELECT ch.container_id, ch.number, k.sha, 1 AS rule FROM ch JOIN commits k ON k.sha = ch.merge_sha"
                + "  UNION ALL SELECT n.container_id, n.number, s.sha, 2 FROM named n JOIN subj s ON s.repo_id = n.repo_id AND s.m = n.number"
                + "  UNION ALL SELECT n.container_id, n.number, s.sha, 3 FROM named n JOIN subj s ON s.repo_id = n.repo_id AND s.q = n.number"
                + "  UNION ALL SELECT ch.container_id, ch.number, k.sha, 4 FROM ch JOIN commits k ON k.sha = ch.head_sha"
                + "  UNION ALL SELECT ch.container_id, ch.number, x.sha, 5 FROM ch JOIN cid x ON x.change_id <> ''"
                + "   AND ch.native_id LIKE '%~' || x.change_id),"
                + " best AS (SELECT container_id, number, arg_min(sha, rule) AS sha, min(rule) AS rule FROM cand GROUP BY ALL)"
                + " SELECT ch.container, ch.number, b.sha, coalesce(b.rule, 0) FROM ch LEFT JOIN best b"
                + "  ON b.container_id = ch.container_id AND b.number = ch.number ORDER BY ch.container, ch.number";
        each("linking change requests to commits", sql, sel, 1, rs -> sink.accept(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4)));
    }

    /**
     * Review credits kept in git itself, per individual and kind, most first: the {@code Reviewed-by}, {@code Tested-by}
     * and {@code Acked-by} trailers of the commits the stored scope {@code scope} of {@code repositories} (every one
     * when empty) reaches, authored in [since, until), with Gerrit's review notes beside them when {@code notes}; see
     * {@code metrics.ReviewMetrics#credits} for the rules.
     */
    public void credits(List<Integer> repositories, String scope, Long since, Long until, boolean notes, CreditSink sink) {
        String repos = repositories.isEmpty() ? "TRUE"
                : "t.repo_id IN (" + String.join(", ", Collections.nCopies(repositories.size(), "?")) + ")";
        String sql = "WITH tr AS (SELECT t.repo_id, t.sha, t.kind, t.name, lower(trim(t.email)) AS email FROM trailers t"
                + "  JOIN scope_commits s ON s.repo_id = t.repo_id AND s.sha = t.sha AND s.scope = ?"
                + "  WHERE t.kind IN ('Reviewed-by', 'Tested-by', 'Acked-by') AND " + repos + "),"
                // Gerrit's review notes, as Gerrit writes footers on submit: a positive Code-Review vote is a
                // Reviewed-by, a positive Verified one a Tested-by; a credit a trailer of the commit already gives is not
                // counted twice (same commit, kind and address, or name when there is no address)
                + " nt AS (SELECT DISTINCT t.repo_id, t.sha, CASE t.key WHEN 'Code-Review' THEN 'Reviewed-by' ELSE 'Tested-by' END AS kind,"
                + "  t.name, lower(trim(t.email)) AS email FROM review_notes t"
                + "  JOIN scope_commits s ON s.repo_id = t.repo_id AND s.sha = t.sha AND s.scope = ?"
                + "  WHERE t.key IN ('Code-Review', 'Verified') AND t.value > 0 AND " + notes + " AND " + repos + "),"
                + " te AS (SELECT * FROM tr UNION ALL SELECT * FROM nt WHERE NOT EXISTS (SELECT 1 FROM tr WHERE tr.repo_id = nt.repo_id"
                + "  AND tr.sha = nt.sha AND tr.kind = nt.kind AND (CASE WHEN nt.email = '' THEN lower(tr.name) = lower(nt.name)"
                + "  ELSE tr.email = nt.email END))),"
                + " idp AS (SELECT lower(email) AS email, min(person) AS person, min(display_name) AS display_name FROM identities GROUP BY 1),"
                + " c AS (SELECT te.kind, te.name AS trailer_name, k.author_epoch,"
                + "  CASE WHEN te.email = '' THEN 'name:' || lower(te.name) ELSE te.email END AS email,"
                + "  coalesce(io.individual, idp.person, CASE WHEN te.email = '' THEN 'name:' || lower(te.name) ELSE te.email END) AS individual,"
                + "  idp.display_name FROM te JOIN commits k ON k.repo_id = te.repo_id AND k.sha = te.sha"
                + "  LEFT JOIN idp ON idp.email = te.email LEFT JOIN individual_of io ON io.email = coalesce(idp.person, te.email)"
                + "  WHERE (? IS NULL OR k.author_epoch >= ?) AND (? IS NULL OR k.author_epoch < ?)),"
                + Activity.organizationAt("c", "r")
                + "SELECT individual, coalesce(max(display_name), mode(trailer_name)), coalesce(mode(organization), 'Unknown'), kind, count(*)"
                + " FROM r GROUP BY individual, kind ORDER BY count(*) DESC, individual, kind";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (int k = 0; k < 2; k++) { // the trailers, then the notes
                ps.setString(i++, scope);
                for (int r : repositories) {
                    ps.setInt(i++, r);
                }
            }
            for (Long b : new Long[] {since, until}) {
                ps.setObject(i++, b);
                ps.setObject(i++, b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("review credits query failed: " + e.getMessage(), e);
        }
    }

    /**
     * How many of the containers' change requests have files a module filter can see ({@code change_files}, the files
     * of their commits or of their merge commit in the collected repositories), and how many there are:
     * {@code {withFiles, all}}.
     */
    public long[] changesWithFiles(List<Integer> containers) {
        String where = containers.isEmpty() ? "TRUE"
                : "c.container_id IN (" + String.join(", ", Collections.nCopies(containers.size(), "?")) + ")";
        String sql = "SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM change_files f WHERE f.container_id = c.container_id"
                + "   AND f.number = c.number)"
                + "  OR EXISTS (SELECT 1 FROM change_commits cc JOIN file_changes f ON f.sha = cc.sha WHERE cc.container_id = c.container_id"
                + "   AND cc.number = c.number)"
                + "  OR c.merge_sha <> '' AND EXISTS (SELECT 1 FROM file_changes f WHERE f.sha = c.merge_sha)), count(*)"
                + " FROM changes c WHERE " + where;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (int c : containers) {
                ps.setInt(i++, c);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("counting the change requests with files: " + e.getMessage(), e);
        }
    }

    /** The collected containers (github/OWNER/REPO, gerrit/HOST/PROJECT) by name, with their ids, in collect order. */
    public Map<String, Integer> containers() {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT name, id FROM review_containers ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading review containers: " + e.getMessage(), e);
        }
        return out;
    }
}
