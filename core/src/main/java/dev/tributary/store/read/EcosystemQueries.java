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

    private static String counted(Long since, Long until) {
        return " FROM eco_contributions c JOIN eco_scopes s ON s.repository = c.repository AND s.id = c.id AND s.scope = 'HEAD'"
                + " JOIN eco_projects p ON p.repository = c.repository WHERE NOT c.is_merge AND NOT c.is_bot"
                + (since == null ? "" : " AND c.at_epoch >= " + since)
                + (until == null ? "" : " AND c.at_epoch < " + until);
    }

    /** (project, organization or null for Unknown, commits). */
    public static String byProjectAndOrganization(Long since, Long until) {
        return "SELECT p.project, c.organization, count(*) AS commits" + counted(since, until) + " GROUP BY p.project, c.organization";
    }

    /** (organization, contributors), known organizations only. */
    public static String organizationPeople(Long since, Long until) {
        return "SELECT c.organization, count(DISTINCT c.individual)" + counted(since, until)
                + " AND c.organization IS NOT NULL GROUP BY c.organization";
    }

    /** (project, contributors, organizations). */
    public static String projectPeople(Long since, Long until) {
        return "SELECT p.project, count(DISTINCT c.individual), count(DISTINCT c.organization)" + counted(since, until)
                + " GROUP BY p.project";
    }

    /** One row: (commits, contributors). */
    public static String totals(Long since, Long until) {
        return "SELECT count(*), count(DISTINCT c.individual)" + counted(since, until);
    }

    /**
     * Over the whole history, per known organization: first and last commit, commits in [since, until), and
     * commits in [before, since).
     */
    public static String lifetimes(long since, long until, long before) {
        return "SELECT c.organization, min(c.at_epoch), max(c.at_epoch),"
                + " sum(CASE WHEN c.at_epoch >= " + since + " AND c.at_epoch < " + until + " THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN c.at_epoch >= " + before + " AND c.at_epoch < " + since + " THEN 1 ELSE 0 END)"
                + " FROM eco_contributions c JOIN eco_scopes s ON s.repository = c.repository AND s.id = c.id AND s.scope = 'HEAD'"
                + " JOIN eco_projects p ON p.repository = c.repository WHERE NOT c.is_merge AND NOT c.is_bot"
                + " AND c.organization IS NOT NULL GROUP BY c.organization";
    }

    /**
     * The DuckDB engine over a store's connection: stages the relations as temporary tables of this connection
     * ({@code projectOf}: repository name to project; a repository not named is a project of its own) and
     * answers a query's rows as Java values (Long, String, null).
     */
    public static Function<String, List<Object[]>> duckdb(Connection conn, Map<String, String> projectOf) {
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
