package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ecosystem view's queries, one SQL text for every engine that has the relations {@code eco_contributions}
 * and {@code eco_scopes} (the {@code contributions} and {@code scopes} of the Parquet export,
 * {@link ParquetExport}, docs/scale.md) and {@code eco_projects} (repository, project): DuckDB over the
 * store (staged by {@link #duckdb}) or over Parquet, Spark SQL over Parquet. They only count (integers,
 * each ordering total), so every engine gives the same rows. Counted: non-merge, non-bot commits reachable
 * from each repository's HEAD, in the window [since, until) (null: open). The window's bounds are numbers
 * (longs), written into the text because Spark SQL takes no bound parameters. Stateless.
 */
public final class EcosystemQueries {
    private EcosystemQueries() {
    }

    /*
     * With parts (a release or a module: Ecosystem.Selection), the engine has also staged eco_sel (repository,
     * scope, since_epoch, until_epoch: each counted repository's scope and window) and, with a module, eco_mf
     * (repository, id: the commits that changed a file of the module); the window is then each part's.
     */
    private static String counted(Long since, Long until, boolean parts, boolean module) {
        return " FROM eco_contributions c" + (parts ? " JOIN eco_sel sel ON sel.repository = c.repository" : "")
                + " JOIN eco_scopes s ON s.repository = c.repository AND s.id = c.id AND s.scope = " + (parts ? "sel.scope" : "'HEAD'")
                + " JOIN eco_projects p ON p.repository = c.repository WHERE NOT c.is_merge AND NOT c.is_bot"
                + (since == null ? "" : " AND c.at_epoch >= " + since)
                + (until == null ? "" : " AND c.at_epoch < " + until)
                + (parts ? " AND (sel.since_epoch IS NULL OR c.at_epoch >= sel.since_epoch)"
                        + " AND (sel.until_epoch IS NULL OR c.at_epoch < sel.until_epoch)" : "")
                + (module ? inModule() : "");
    }

    private static String inModule() {
        return " AND EXISTS (SELECT 1 FROM eco_mf m WHERE m.repository = c.repository AND m.id = c.id)";
    }

    /** (project, organization or null for Unknown, commits); with parts, over them; with a module, its commits only. */
    public static String byProjectAndOrganization(Long since, Long until, boolean parts, boolean module) {
        return "SELECT p.project, c.organization, count(*) AS commits" + counted(since, until, parts, module)
                + " GROUP BY p.project, c.organization";
    }

    /** (organization, contributors), known organizations only. */
    public static String organizationPeople(Long since, Long until, boolean parts, boolean module) {
        return "SELECT c.organization, count(DISTINCT c.individual)" + counted(since, until, parts, module)
                + " AND c.organization IS NOT NULL GROUP BY c.organization";
    }

    /** (project, contributors, organizations). */
    public static String projectPeople(Long since, Long until, boolean parts, boolean module) {
        return "SELECT p.project, count(DISTINCT c.individual), count(DISTINCT c.organization)" + counted(since, until, parts, module)
                + " GROUP BY p.project";
    }

    /** One row: (commits, contributors). */
    public static String totals(Long since, Long until, boolean parts, boolean module) {
        return "SELECT count(*), count(DISTINCT c.individual)" + counted(since, until, parts, module);
    }

    /**
     * Over the whole history (HEAD of each repository, of the staged parts' repositories only with parts, a module's
     * commits only with a module), per known organization: first and last commit, commits in [since, until), and
     * commits in [before, since).
     */
    public static String lifetimes(long since, long until, long before, boolean parts, boolean module) {
        return "SELECT c.organization, min(c.at_epoch), max(c.at_epoch),"
                + " sum(CASE WHEN c.at_epoch >= " + since + " AND c.at_epoch < " + until + " THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN c.at_epoch >= " + before + " AND c.at_epoch < " + since + " THEN 1 ELSE 0 END)"
                + " FROM eco_contributions c JOIN eco_scopes s ON s.repository = c.repository AND s.id = c.id AND s.scope = 'HEAD'"
                + (parts ? " JOIN (SELECT DISTINCT repository FROM eco_sel) sel ON sel.repository = c.repository" : "")
                + " JOIN eco_projects p ON p.repository = c.repository WHERE NOT c.is_merge AND NOT c.is_bot"
                + " AND c.organization IS NOT NULL" + (module ? inModule() : "") + " GROUP BY c.organization";
    }

    /** (repository, scope) of the staged parts' release ranges that reach no stored commit (not collected, or empty). */
    public static String uncollected() {
        return "SELECT sel.repository, sel.scope FROM eco_sel sel WHERE sel.scope <> 'HEAD' AND NOT EXISTS"
                + " (SELECT 1 FROM eco_scopes s WHERE s.repository = sel.repository AND s.scope = sel.scope) ORDER BY 1, 2";
    }

    /**
     * The DuckDB engine over a store's connection: stages the relations as temporary tables of this connection
     * ({@code projectOf}: repository name to project; a repository not named is a project of its own) and
     * answers a query's rows as Java values (Long, String, null).
     */
    public static Function<String, List<Object[]>> duckdb(Connection conn, Map<String, String> projectOf) {
        return duckdb(conn, projectOf, List.of());
    }

    /**
     * {@link #duckdb(Connection, Map)}, staging also {@code parts} (rows of repository, scope, since, until, path
     * regex or null: {@code Ecosystem.rows}) as {@code eco_sel}, and the commits of each part's module as
     * {@code eco_mf}. The values are bound, never written into SQL text.
     */
    public static Function<String, List<Object[]>> duckdb(Connection conn, Map<String, String> projectOf, List<Object[]> parts) {
        try (Statement st = conn.createStatement()) {
            ParquetExport.stage(st);
            st.execute("CREATE OR REPLACE TEMP TABLE eco_projects(repository VARCHAR, project VARCHAR)");
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO eco_projects VALUES (?, ?)")) {
                for (var e : projectOf.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("INSERT INTO eco_projects SELECT repository, repository FROM eco_repos"
                    + " WHERE repository NOT IN (SELECT repository FROM eco_projects)");
            st.execute("CREATE OR REPLACE TEMP TABLE eco_sel(repository VARCHAR, scope VARCHAR, since_epoch BIGINT, until_epoch BIGINT,"
                    + " path_regex VARCHAR)");
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO eco_sel VALUES (?, ?, ?, ?, ?)")) {
                for (Object[] r : parts) {
                    for (int i = 0; i < 5; i++) {
                        ps.setObject(i + 1, r[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (parts.stream().anyMatch(r -> r[4] != null)) { // a module: only then are the files read
                st.execute("CREATE OR REPLACE TEMP TABLE eco_mf AS SELECT DISTINCT er.repository, fc.sha AS id FROM file_changes fc"
                        + " JOIN eco_repos er ON er.repo_id = fc.repo_id JOIN eco_sel sel ON sel.repository = er.repository"
                        + " WHERE sel.path_regex IS NOT NULL AND regexp_full_match(fc.path, sel.path_regex)");
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("preparing the ecosystem view: " + e.getMessage(), e);
        }
        return sql -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                List<Object[]> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
                return out;
            } catch (SQLException e) {
                throw new TributaryException.StoreFailure("ecosystem query: " + e.getMessage(), e);
            }
        };
    }
}
