package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the store's resolved activity as Parquet, the exchange format every distributed engine reads
 * (Spark, DuckDB, pandas, Trino): one folder per table, each partitioned by repository (Hive style,
 * {@code contributions/repository=nova/data_0.parquet}) where the table has a repository. The schema is
 * documented in {@code docs/scale.md} and is what the {@code spark} module reads.
 *
 * <ul>
 *   <li>{@code contributions}: one row per commit, with its raw author, the individual, the bot flag and the
 *       organization at the commit's date, as every metric sees them;</li>
 *   <li>{@code scopes}: which scope (HEAD, a release range) reaches which commit;</li>
 *   <li>{@code identities}: every raw (repository, name, email) with its individual;</li>
 *   <li>{@code trailers}: every trailer credit of a commit (kind, name, address) with the credited individual and
 *       that individual's display name (null when they have no contributions);</li>
 *   <li>{@code files}: every file a commit changed, with its lines (null for a binary file), for module and
 *       path filters;</li>
 *   <li>{@code resolution}: per (individual, address) of a commit's author or a trailer, the time segments and
 *       the organization of each;</li>
 *   <li>{@code organizations}: every organization with its commits, people and first and last activity;</li>
 *   <li>{@code review_containers}, {@code change_requests}, {@code change_paths}, {@code reviews}: the collected
 *       GitHub and Gerrit projects, their change requests (author, at creation), the paths each touches (its own
 *       files, its commits' and its merge commit's, as a module filter reads them) and their reviews, partitioned by
 *       the repository the container names (its last path segment); their people's time segments are in
 *       {@code resolution}.</li>
 * </ul>
 * Stateless; reads through one connection, in one transaction so the tables agree.
 */
public final class ParquetExport {
    /** The tables written, in order. */
    public static final List<String> TABLES = List.of("contributions", "scopes", "identities", "trailers", "files", "resolution",
            "organizations", "review_containers", "change_requests", "change_paths", "reviews");

    private ParquetExport() {
    }

    /**
     * Writes every table under {@code dir} (created if missing).
     *
     * @throws TributaryException.InvalidInput if {@code dir} exists and is not an empty folder (nothing is
     *                                         overwritten), or cannot be created
     */
    public static List<Path> write(Connection conn, Path dir) {
        Path out = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(out)) {
                if (!Files.isDirectory(out)) {
                    throw new TributaryException.InvalidInput(dir + ": exists and is not a folder");
                }
                try (Stream<Path> s = Files.list(out)) {
                    if (s.findAny().isPresent()) {
                        throw new TributaryException.InvalidInput(dir + ": not empty; export into a new or empty folder");
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(dir + ": cannot create the folder: " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        String quoted = out.toString().replace("'", "''");
        try (Statement st = conn.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                stage(st);
                copy(st, "SELECT * FROM eco_contributions ORDER BY repository, at_epoch, id", quoted, "contributions", true);
                copy(st, "SELECT * FROM eco_scopes ORDER BY 1, 2, 3", quoted, "scopes", true);
                copy(st, "SELECT er.repository, au.name, au.email, ap.individual, ap.display_name, ap.is_bot FROM contribution_actors au"
                        + " JOIN contribution_people ap ON ap.aid = au.aid JOIN eco_repos er ON er.repo_id = au.container"
                        + " WHERE au.source = 'git' ORDER BY 1, 3, 2",
                        quoted, "identities", true);
                copy(st, "SELECT er.repository, tr.sha AS id, tr.kind, tr.name, lower(trim(tr.email)) AS email,"
                        + " coalesce(io.individual, lower(trim(tr.email))) AS individual, cp.name AS person_name FROM trailers tr"
                        + " JOIN eco_repos er ON er.repo_id = tr.repo_id LEFT JOIN individual_of io ON io.email = lower(trim(tr.email))"
                        + " LEFT JOIN (SELECT individual, min(display_name) AS name FROM contribution_people GROUP BY individual) cp"
                        + " ON cp.individual = coalesce(io.individual, lower(trim(tr.email))) WHERE trim(tr.email) <> ''"
                        + " ORDER BY 1, 2, 3, 5, 4", quoted, "trailers", true);
                copy(st, "SELECT er.repository, fc.sha AS id, fc.path, fc.added AS lines_added, fc.removed AS lines_removed,"
                        + " fc.is_binary FROM file_changes fc JOIN eco_repos er ON er.repo_id = fc.repo_id ORDER BY 1, 2, 3",
                        quoted, "files", true);
                // the pairs of commit authors and of trailers' addresses (a credit's organization is resolved too)
                copy(st, "WITH " + ReviewPeople.CTE + " a AS (SELECT DISTINCT ap.individual, f.email, 0::BIGINT AS author_epoch FROM contributions f"
                        + " JOIN contribution_people ap ON ap.aid = f.actor WHERE f.kind = 'commit'"
                        + " UNION SELECT coalesce(io.individual, lower(trim(tr.email))), lower(trim(tr.email)), 0::BIGINT FROM trailers tr"
                        + " LEFT JOIN individual_of io ON io.email = lower(trim(tr.email)) WHERE trim(tr.email) <> ''"
                        + " UNION SELECT individual, email, 0::BIGINT FROM rp), " // review accounts: at a change's creation, at a review
                        + Activity.organizationAt("a", "r")
                        + "SELECT individual, email, CASE WHEN s_from <= -100000000000 THEN NULL ELSE s_from END AS from_epoch,"
                        + " CASE WHEN s_until > 100000000000 THEN NULL ELSE s_until END AS until_epoch, organization FROM win_r"
                        + " WHERE organization IS NOT NULL AND organization <> 'Unknown' ORDER BY 1, 2, 3 NULLS FIRST", quoted, "resolution", false);
                copy(st, "SELECT organization, count(*) FILTER (WHERE NOT is_merge) AS commits,"
                        + " count(DISTINCT individual) FILTER (WHERE NOT is_bot) AS individuals, min(at_epoch) AS first_epoch,"
                        + " max(at_epoch) AS last_epoch FROM eco_contributions WHERE organization IS NOT NULL GROUP BY 1 ORDER BY 1",
                        quoted, "organizations", false);
                String rc = "WITH " + ReviewPeople.CTE + " rc AS (SELECT id, name, regexp_extract(name, '[^/]+$') AS repository"
                        + " FROM review_containers) ";
                copy(st, "SELECT name AS container, kind FROM review_containers ORDER BY 1", quoted, "review_containers", false);
                copy(st, rc + "SELECT rc.repository, rc.name AS container, c.number, c.created AS created_epoch, c.state, p.individual,"
                        + " p.email, p.display_name, p.is_bot FROM changes c JOIN rc ON rc.id = c.container_id JOIN rp p ON p.key = c.author"
                        + " ORDER BY 1, 2, 3", quoted, "change_requests", true);
                copy(st, rc + "SELECT rc.repository, rc.name AS container, k.number, k.path FROM (SELECT container_id, number, path"
                        + " FROM change_files UNION SELECT cc.container_id, cc.number, f.path FROM change_commits cc"
                        + " JOIN file_changes f ON f.sha = cc.sha UNION SELECT c.container_id, c.number, f.path FROM changes c"
                        + " JOIN file_changes f ON f.sha = c.merge_sha WHERE c.merge_sha <> '') k JOIN rc ON rc.id = k.container_id"
                        + " ORDER BY 1, 2, 3, 4", quoted, "change_paths", true);
                copy(st, rc + "SELECT rc.repository, rc.name AS container, r.number, r.epoch, r.state, CAST(r.value AS INTEGER) AS value,"
                        + " p.individual, p.email, p.display_name, p.is_bot FROM change_reviews r JOIN rc ON rc.id = r.container_id"
                        + " JOIN rp p ON p.key = r.reviewer ORDER BY 1, 2, 3, 4, 5", quoted, "reviews", true);
                unstage(st);
            } finally {
                st.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("exporting Parquet into " + dir + ": " + e.getMessage(), e);
        }
        for (String t : TABLES) {
            written.add(out.resolve(t));
        }
        return written;
    }

    /**
     * Creates the temporary tables {@code eco_repos} (repo_id, repository: the name, made unique with the id
     * when two repositories share one), {@code eco_contributions} and {@code eco_scopes}, with the columns of
     * the exported {@code contributions} and {@code scopes}, on this connection only.
     */
    static void stage(Statement st) throws SQLException {
        st.execute("CREATE OR REPLACE TEMP TABLE eco_repos AS SELECT id AS repo_id, CASE WHEN count(*) OVER (PARTITION BY name) > 1"
                + " THEN name || '-' || id ELSE name END AS repository FROM repositories");
        st.execute("CREATE OR REPLACE TEMP TABLE eco_contributions AS WITH a AS (SELECT f.cid, f.container AS repo_id, f.item AS sha,"
                + " f.at_epoch AS author_epoch, f.at_offset AS author_offset, f.is_merge, f.lines_added, f.lines_removed, f.email,"
                + " ap.individual, ap.display_name, ap.is_bot, ap.pid FROM contributions f JOIN contribution_people ap ON ap.aid = f.actor"
                + " WHERE f.kind = 'commit'), "
                + Activity.organizationAt("a", "r")
                + "SELECT er.repository, 'commit' AS kind, r.sha AS id, r.author_epoch AS at_epoch, r.author_offset AS at_offset,"
                + " r.is_merge, r.lines_added, r.lines_removed, r.email, r.individual, r.display_name, r.is_bot, r.organization"
                + " FROM r JOIN eco_repos er ON er.repo_id = r.repo_id");
        st.execute("CREATE OR REPLACE TEMP TABLE eco_scopes AS SELECT er.repository, s.scope, s.sha AS id FROM scope_commits s"
                + " JOIN eco_repos er ON er.repo_id = s.repo_id");
    }

    static void unstage(Statement st) throws SQLException {
        st.execute("DROP TABLE IF EXISTS eco_contributions");
        st.execute("DROP TABLE IF EXISTS eco_scopes");
        st.execute("DROP TABLE IF EXISTS eco_repos");
    }

    private static void copy(Statement st, String query, String dir, String table, boolean partitioned) throws SQLException {
        if (partitioned) {
            st.execute("COPY (" + query + ") TO '" + dir + "/" + table + "' (FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY (repository))");
            return;
        }
        try {
            Files.createDirectories(Path.of(dir.replace("''", "'"), table));
        } catch (IOException e) {
            throw new SQLException("cannot create " + table + ": " + e.getMessage(), e);
        }
        st.execute("COPY (" + query + ") TO '" + dir + "/" + table + "/data_0.parquet' (FORMAT PARQUET, COMPRESSION ZSTD)");
    }
}
