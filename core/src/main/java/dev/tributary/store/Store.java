package dev.tributary.store;

import dev.tributary.TributaryException;
import dev.tributary.model.Commit;
import dev.tributary.model.FileChange;
import dev.tributary.model.Trailer;
import dev.tributary.source.Warning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB store. Sources write raw activity in transactions (a killed run leaves whole
 * batches only); a scope's membership and cursor are written last, in one transaction, so a rerun after a
 * kill re-reads exactly what is missing and ends with the same contents as an uninterrupted run.
 *
 * <p>Lifecycle: {@link #open(Path)}, use, {@link #close()}. Not thread-safe: one thread at a time.
 */
public final class Store implements AutoCloseable {
    /** Schema version written in {@code schema_info}; a store from a newer Tributary is refused. */
    public static final int SCHEMA_VERSION = 12;

    /**
     * How long the write-ahead log grows before DuckDB writes it into the store file (its default 16 MB). Each such
     * checkpoint rewrites the tables' last row groups, so over a long collect they cost more and more: on git.git's
     * cold collect the commits of the batches took 1.75 s of the main thread's CPU, 0.4 s with 256 MB, and the
     * collect's wall time was 19.9, 19.8, 19.3 s with 16 MB against 19.2, 19.0, 18.4 s with 64 MB (19.1, 19.0 s
     * with 256 MB, and 40 MB more peak RSS). A killed run leaves at most this much log to replay on the next open.
     */
    private static final String CHECKPOINT_THRESHOLD = "64MB";

    private final Connection conn;
    private final Path path;
    /** The derived parts a write marked stale (names as in {@code derived_state}), as last read or written. */
    private final Set<String> stale = new HashSet<>();

    private Store(Connection conn, Path path) {
        this.conn = conn;
        this.path = path;
    }

    /**
     * Opens (creating if needed) the store file.
     *
     * @throws TributaryException.StoreFailure if the file is locked by another process, corrupt, or newer
     */
    public static Store open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Class.forName("org.duckdb.DuckDBDriver");
            java.util.Properties config = new java.util.Properties();
            config.setProperty("checkpoint_threshold", CHECKPOINT_THRESHOLD);
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), config);
            Store s = new Store(c, path);
            try {
                s.migrate();
                s.readStale();
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return s;
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("store " + path + ": " + firstLine(e.getMessage()), e);
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new TributaryException.StoreFailure("store " + path + ": " + e, e);
        }
    }

    /**
     * Opens the store as {@link #open(Path)} does, waiting up to {@code wait} while another process holds its lock
     * (a collect, or {@code serve} copying it to publish), trying again every 100 ms.
     *
     * @throws TributaryException.StoreFailure as {@link #open(Path)}: the lock's failure when it is still held
     *                                         after {@code wait}, any other at once
     */
    public static Store open(Path path, java.time.Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return open(path);
            } catch (TributaryException.StoreFailure e) {
                if (!locked(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether {@code e} is DuckDB refusing the file because another process holds its lock. */
    private static boolean locked(TributaryException.StoreFailure e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Could not set lock") || m.contains("Conflicting lock");
    }

    /** Reads which derived parts are stale. */
    private void readStale() throws SQLException {
        stale.clear();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM derived_state WHERE stale")) {
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Path path() {
        return path;
    }

    /**
     * The JDBC connection, as it is: reads see the derived contributions as the last {@link #deriveStale()}
     * left them. Bind every value as a parameter.
     */
    public Connection connection() {
        return conn;
    }

    /**
     * Marks a source's contributions (and so who their actors are) stale, inside the caller's transaction: a
     * write to the source's raw tables and the mark land together, so a killed run leaves the mark behind.
     */
    void markStale(Statement st, Contributions.Source source) throws SQLException {
        markDerivedStale(st, source);
        curation().markPending(st, Curation.Pending.resolution); // new raw identities may have come with the rows
    }

    /** Marks only who the actors are stale (identities or individuals changed; contributions did not). */
    void markPeopleStale(Statement st) throws SQLException {
        st.execute("UPDATE derived_state SET stale = true WHERE name = 'people'");
        stale.add("people");
        curation().markPending(st, Curation.Pending.resolution);
    }

    /** Marks a source's contributions stale, leaving the resolution as it is (a re-derivation asked for). */
    private void markDerivedStale(Statement st, Contributions.Source source) throws SQLException {
        st.execute("UPDATE derived_state SET stale = true WHERE name IN ('" + source.name() + "', 'people')");
        stale.add(source.name());
        stale.add("people");
    }

    /** How far ahead of the clock a commit date may be and still be possible: one day (time zones, a skewed clock). */
    public static final long POSSIBLE_AHEAD_SECONDS = 86_400;

    /** Whether a write since the last derivation (in this process or a killed one) left derived parts stale. */
    public boolean stale() {
        return !stale.isEmpty();
    }

    /**
     * Derives what is stale, in one transaction: the contributions of each source whose raw tables were
     * written (about 2 s per million commits), then who the actors are (one row per raw identity: a fraction
     * of a second), and clears the marks. Call it where work is done, after writing and before reading
     * (the pipeline's steps end with it; a command that only reads calls it first, for a killed run's marks).
     * A run killed inside it leaves the marks, and the next call derives again. Nothing stale: no work.
     *
     * @return the parts derived (source names, then {@code people}), empty when none was stale
     */
    public List<String> deriveStale() {
        if (stale.isEmpty()) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        transaction("deriving the contributions read model", () -> {
            try (Statement st = conn.createStatement()) {
                for (Contributions.Source s : Contributions.SOURCES) {
                    if (stale.contains(s.name())) {
                        Contributions.deriveSource(st, s);
                        done.add(s.name());
                    }
                }
                Contributions.derivePeople(st);
                done.add("people");
                st.execute("UPDATE derived_state SET stale = false");
            }
        });
        stale.clear();
        return done;
    }

    /**
     * Marks the named sources stale ({@code Contributions.Source} names: git, mail, review, issues; or only
     * {@code people}) and derives them again: what a collect of those sources costs to derive (benchmarks; a
     * repair of one source).
     *
     * @throws TributaryException.InvalidInput naming an unknown source, before anything is marked
     */
    public List<String> rederive(List<String> sources) {
        List<Contributions.Source> marked = new ArrayList<>();
        for (String name : sources) {
            if (name.equals("people")) {
                continue;
            }
            marked.add(Contributions.SOURCES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                    new TributaryException.InvalidInput("no source '" + name + "' (known: "
                            + Contributions.SOURCES.stream().map(Enum::name).toList() + ", people)")));
        }
        transaction("marking sources stale", () -> {
            try (Statement st = conn.createStatement()) {
                for (Contributions.Source s : marked) {
                    markDerivedStale(st, s);
                }
                st.execute("UPDATE derived_state SET stale = true WHERE name = 'people'");
                stale.add("people");
            }
        });
        return deriveStale();
    }

    /** Marks every derived part stale and derives it all again (benchmarks; a repair). */
    public List<String> deriveAll() {
        transaction("marking the read model stale", () -> {
            try (Statement st = conn.createStatement()) {
                for (Contributions.Source s : Contributions.SOURCES) {
                    markDerivedStale(st, s);
                }
            }
        });
        return deriveStale();
    }

    /** Curated data, the audit log of manual operations, and the resolution derived from them. */
    public Curation curation() {
        return new Curation(this);
    }

    /** The issue-tracker tables. */
    public IssueStore issues() {
        return new IssueStore(this);
    }

    /** The patch-review tables. */
    public PatchStore patches() {
        return new PatchStore(this);
    }

    /** The code-review tables. */
    public ReviewStore reviews() {
        return new ReviewStore(this);
    }

    /** The mailing-list tables. */
    public MailStore mail() {
        return new MailStore(this);
    }

    /**
     * Refuses a DuckDB database that is not a Tributary store and not empty (another application's file given
     * as {@code --db}): migrating would add some thirty tables to it.
     */
    private void refuseForeign(Statement st) throws SQLException {
        List<String> tables = new ArrayList<>();
        boolean ours = false;
        try (ResultSet rs = st.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_catalog = current_database() ORDER BY 1, 2")) {
            while (rs.next()) {
                ours |= rs.getString(1).equals("main") && rs.getString(2).equals("schema_info");
                tables.add(rs.getString(1).equals("main") ? rs.getString(2) : rs.getString(1) + "." + rs.getString(2));
            }
        }
        if (!ours && !tables.isEmpty()) {
            throw new TributaryException.InvalidInput("store " + path + ": a DuckDB database that is not a Tributary store (it has "
                    + (tables.size() <= 5 ? String.join(", ", tables) : String.join(", ", tables.subList(0, 5)) + ", ...")
                    + "): refusing to add Tributary's tables to it; give another --db");
        }
    }

    /** Statements that change the schema, run inside the migration's transaction. */
    @FunctionalInterface
    private interface Ddl {
        void apply(Statement st) throws SQLException;
    }

    /** What turns a store of the version before into {@code version}. */
    private record Step(int version, Ddl ddl) {
    }

    /** Every step of the schema, oldest first: a store of version n runs the steps after n, in order. */
    private static final List<Step> STEPS = List.of(
            new Step(1, Store::createVersion1),
            // v2: the digest of the .mailmap identities were resolved with, so an unchanged rerun skips
            // resolving; the bot flag judged once per identity instead of once per commit in every query
            new Step(2, st -> {
                st.execute("ALTER TABLE repositories ADD COLUMN mailmap_digest VARCHAR");
                st.execute("ALTER TABLE identities ADD COLUMN is_bot BOOLEAN DEFAULT false");
            }),
            // v3: curated data per source, the audit log of manual operations, and the resolution
            // derived from both (individuals, dated enrollments, dated email affiliations)
            new Step(3, st -> {
                Curation.createVersion3(st);
                // the repository's own .mailmap text, so curated mailmaps can be re-applied without the repository
                st.execute("ALTER TABLE repositories ADD COLUMN mailmap_text VARCHAR");
                st.execute("DROP TABLE email_orgs");
            }),
            // v4: mailing lists: messages, per-archive cursors and warnings, thread links and sender identities
            new Step(4, MailStore::createVersion4),
            new Step(5, Store::createVersion5),
            // v6: patch review: what each message is (patch, cover letter, review), series, links to commits
            new Step(6, PatchStore::createVersion6),
            // v7: code review: change requests, reviews, comments, events, accounts (docs/reviews.md)
            new Step(7, ReviewStore::createVersion7),
            // v8: issue trackers: issues, comments, events, labels, pull requests' issue references, links to commits
            new Step(8, IssueStore::createVersion8),
            // v9: identity settings (a project's overrides, the policy people were resolved under); operation groups
            new Step(9, Curation::createVersion9),
            // v10: the contributions read model (commits and mail messages, one relation) replaces activity
            new Step(10, Contributions::createVersion10),
            // v11: code review and issue trackers feed the read model too: their stale marks, set, so the first
            // deriveStale() derives what they already hold
            new Step(11, Contributions::createVersion11),
            // v12: review accounts named by curated files (Stackalytics' github_id, gerrit_id, launchpad_id)
            new Step(12, ReviewStore::createVersion12));

    private void migrate() throws SQLException {
        try (Statement st = conn.createStatement()) {
            refuseForeign(st);
            st.execute("CREATE TABLE IF NOT EXISTS schema_info(version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_info")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new TributaryException.StoreFailure("store " + path + " has schema version " + version
                        + ", newer than this Tributary (" + SCHEMA_VERSION + "); upgrade Tributary", null);
            }
            if (version == SCHEMA_VERSION) {
                return;
            }
            conn.setAutoCommit(false);
            for (Step step : STEPS) {
                if (version < step.version()) {
                    step.ddl().apply(st);
                }
            }
            st.execute("DELETE FROM schema_info");
            st.execute("INSERT INTO schema_info VALUES (" + SCHEMA_VERSION + ")");
            conn.commit();
            conn.setAutoCommit(true);
        }
    }

    /**
     * v5: the activity relation every metric starts from, derived from commits, identities, individuals and
     * scope membership, with integer keys; replaced by the contributions of v6.
     */
    private static void createVersion5(Statement st) throws SQLException {
        // per commit, with its raw author as an integer (aid); who that author is lives in activity_people
        st.execute("CREATE TABLE activity(cid BIGINT NOT NULL, repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL,"
                + " author_epoch BIGINT, author_offset SMALLINT, is_merge BOOLEAN, lines_added BIGINT, lines_removed BIGINT,"
                + " email VARCHAR, aid INTEGER NOT NULL)");
        st.execute("CREATE TABLE activity_scopes(repo_id INTEGER NOT NULL, scope VARCHAR NOT NULL, cid BIGINT NOT NULL)");
        // per raw author (repository, name, email): the individual, display name, bot flag and pid
        st.execute("CREATE TABLE activity_authors(aid INTEGER NOT NULL, repo_id INTEGER NOT NULL, name VARCHAR, email VARCHAR)");
        st.execute("CREATE TABLE activity_people(aid INTEGER NOT NULL, individual VARCHAR, display_name VARCHAR, is_bot BOOLEAN,"
                + " pid INTEGER NOT NULL)");
        st.execute("CREATE TABLE derived_state(name VARCHAR NOT NULL, stale BOOLEAN NOT NULL)");
        st.execute("INSERT INTO derived_state VALUES ('activity', true), ('people', true)");
    }

    /** The first schema, frozen: later versions are steps on top of it (package-private for the migration test). */
    static void createVersion1(Statement st) throws SQLException {
        st.execute("CREATE TABLE repositories(id INTEGER NOT NULL, name VARCHAR NOT NULL, location VARCHAR NOT NULL UNIQUE)");
        st.execute("CREATE TABLE commits(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, parents VARCHAR NOT NULL,"
                + " author_name VARCHAR, author_email VARCHAR, author_epoch BIGINT, author_offset SMALLINT,"
                + " committer_name VARCHAR, committer_email VARCHAR, committer_epoch BIGINT, committer_offset SMALLINT,"
                + " subject VARCHAR, message VARCHAR, is_merge BOOLEAN, files INTEGER,"
                + " lines_added BIGINT, lines_removed BIGINT)");
        st.execute("CREATE TABLE file_changes(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, path VARCHAR NOT NULL,"
                + " added INTEGER, removed INTEGER, is_binary BOOLEAN)");
        st.execute("CREATE TABLE trailers(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, kind VARCHAR, name VARCHAR, email VARCHAR)");
        st.execute("CREATE TABLE warnings(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, kind VARCHAR, message VARCHAR)");
        st.execute("CREATE TABLE scope_commits(repo_id INTEGER NOT NULL, scope VARCHAR NOT NULL, sha VARCHAR NOT NULL)");
        st.execute("CREATE TABLE cursors(repo_id INTEGER NOT NULL, scope VARCHAR NOT NULL, tips VARCHAR NOT NULL)");
        st.execute("CREATE TABLE identities(repo_id INTEGER NOT NULL, name VARCHAR NOT NULL, email VARCHAR NOT NULL,"
                + " person VARCHAR NOT NULL, display_name VARCHAR NOT NULL)");
        st.execute("CREATE TABLE email_orgs(email VARCHAR NOT NULL, organization VARCHAR, is_bot BOOLEAN NOT NULL)");
    }

    /**
     * The id of a stored repository found by where it was (its work tree or git folder) or, failing that, by
     * its unique name; for reports that do not collect.
     */
    public Optional<Integer> findRepository(Path path, String name) {
        String p = path.toAbsolutePath().normalize().toString();
        return first("finding repository " + path, "SELECT id FROM repositories WHERE location IN (?, ?)"
                + " UNION ALL SELECT id FROM (SELECT min(id) AS id, count(*) AS n FROM repositories WHERE name = ?) WHERE n = 1"
                + " LIMIT 1", rs -> rs.getInt(1), p, p + java.io.File.separator + ".git", name);
    }

    /** The id of the repository stored at exactly {@code location} (a git directory's real path), if any. */
    public Optional<Integer> repositoryAt(String location) {
        return first("finding repository " + location, "SELECT id FROM repositories WHERE location = ?",
                rs -> rs.getInt(1), location);
    }

    /** The id of the repository at {@code location}, registering it on first sight. */
    public int repository(String location, String name) {
        return register("registering repository " + location, () -> repositoryAt(location), "repositories", "name, location", name,
                location);
    }

    /** What {@code row} reads from the first row {@code sql} gives with {@code values} bound, if any; a failure reports {@code what}. */
    <T> Optional<T> first(String what, String sql, Sql.Row<T> row, Object... values) {
        try {
            return Sql.first(conn, sql, row, values);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** What {@code row} reads from every row {@code sql} gives with {@code values} bound; a failure reports {@code what}. */
    <T> List<T> list(String what, String sql, Sql.Row<T> row, Object... values) {
        try {
            return Sql.list(conn, sql, row, values);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Gives every row {@code sql} gives with {@code values} bound to {@code each}, streaming; a failure reports {@code what}. */
    void each(String what, String sql, Sql.EachRow each, Object... values) {
        try {
            Sql.each(conn, sql, each, values);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs the update {@code sql} with {@code values} bound, inside the caller's transaction. */
    int update(String sql, Object... values) throws SQLException {
        return Sql.update(conn, sql, values);
    }

    /** Appends a row to {@code table} per value, written by {@code writer}, inside the caller's transaction. */
    <T> void append(String table, Iterable<T> values, Sql.RowWriter<T> writer) throws SQLException {
        Sql.append(conn, table, values, writer);
    }

    /** Marks a source's contributions stale (see {@link #markStale(Statement, Contributions.Source)}), inside the caller's transaction. */
    void markStale(Contributions.Source source) throws SQLException {
        try (Statement st = conn.createStatement()) {
            markStale(st, source);
        }
    }

    /**
     * The id {@code find} gives, or else the id of a new row of {@code table} ({@code values} in {@code columns}, see
     * {@link #insertNext}), in one transaction: how a repository, list, review container or tracker is registered
     * on first sight.
     */
    int register(String what, java.util.function.Supplier<Optional<Integer>> find, String table, String columns, String... values) {
        int[] out = new int[1];
        transaction(what, () -> {
            Optional<Integer> known = find.get();
            out[0] = known.isPresent() ? known.get() : insertNext(table, columns, values);
        });
        return out[0];
    }

    /**
     * Registers a row of {@code table}: {@code values} in {@code columns}, and the next id (one more than the largest).
     * How repositories, lists, review containers and trackers get their ids.
     *
     * @return the new row's id
     */
    int insertNext(String table, String columns, String... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (id, " + columns + ") SELECT coalesce(max(id), 0) + 1, "
                + String.join(", ", java.util.Collections.nCopies(values.length, "?")) + " FROM " + table + " RETURNING id")) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Gives a stored repository the name its project file uses (a no-op when it has it already). */
    public void renameRepository(int id, String name) {
        try {
            update("UPDATE repositories SET name = ? WHERE id = ? AND name <> ?", name, id, name);
        } catch (SQLException e) {
            throw failure("naming repository " + id, e);
        }
    }

    /** A stored repository and the collection scopes (cursor keys) it has completed. */
    public record Collected(int id, String name, List<String> scopes) {
    }

    /** Every repository with at least one completed scope, by name then id. */
    public List<Collected> collected() {
        return collected(conn);
    }

    /** {@link #collected()} read over any connection to a store (a reader of a published copy, say). */
    public static List<Collected> collected(Connection conn) {
        List<Collected> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT r.id, r.name, list(DISTINCT k.scope ORDER BY k.scope)"
                + " FROM repositories r JOIN cursors k ON k.repo_id = r.id GROUP BY ALL ORDER BY r.name, r.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> scopes = new ArrayList<>();
                for (Object o : (Object[]) rs.getArray(3).getArray()) {
                    scopes.add((String) o);
                }
                out.add(new Collected(rs.getInt(1), rs.getString(2), scopes));
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("store: listing the stored repositories: " + e.getMessage(), e);
        }
        return out;
    }

    /** The commit ids already stored for a repository, whatever scope brought them. */
    public Set<String> storedCommits(int repo) {
        return shas("SELECT sha FROM commits WHERE repo_id = ?", repo, "reading stored commits");
    }

    /**
     * The commits of a repository whose stored result is partial: every commit a warning that reading again
     * may repair names (a missing blob or tree, an unreadable commit, a shallow boundary, a re-read asked for;
     * not a malformed header or an impossible date, which are what the commit says). They are read again by the
     * next collect, and replaced when they read whole.
     */
    public Set<String> partialCommits(int repo) {
        return shas("SELECT DISTINCT sha FROM warnings WHERE repo_id = ?"
                + " AND kind IN ('missing-object', 'corrupt-object', 'git-failed', 'shallow', 'reread')", repo,
                "reading partial commits");
    }

    /** The string column of {@code sql} (one int parameter, a repository): a set of commit ids. */
    private Set<String> shas(String sql, int repo, String what) {
        return new HashSet<>(list(what, sql, rs -> rs.getString(1), repo));
    }

    /**
     * Asks that every stored commit of a repository be read again by the next collect (after a repository was
     * repaired or deepened), keeping everything else: curation, the audit log, other repositories. In one
     * transaction, each commit gets a {@code reread} warning (so it counts as partial until it is replaced)
     * and the repository's cursors are dropped (so the next collect walks it); a killed re-read resumes.
     *
     * @return how many commits will be read again
     */
    public int requestReread(int repo) {
        int[] n = new int[1];
        transaction("asking for a re-read of repository " + repo, () -> {
            n[0] = update("INSERT INTO warnings SELECT repo_id, sha, 'reread',"
                    + " 're-read asked for: the stored result is replaced by the next collect' FROM commits WHERE repo_id = ?", repo);
            update("DELETE FROM cursors WHERE repo_id = ?", repo);
        });
        return n[0];
    }

    /** The tips recorded when the scope was last completed, if it ever was. */
    public Optional<List<String>> cursor(int repo, String scope) {
        return first("reading cursor", "SELECT tips FROM cursors WHERE repo_id = ? AND scope = ?",
                rs -> rs.getString(1).isEmpty() ? List.<String>of() : List.of(rs.getString(1).split(" ")), repo, scope);
    }

    /**
     * Writes one batch of commits (with their files, trailers and warnings) in a single transaction.
     * Warnings with a null commit (an unreadable commit) are written against their location.
     */
    public void writeBatch(int repo, List<Commit> commits, List<Warning> warnings) {
        writeBatch(repo, commits, warnings, Set.of());
    }

    /**
     * Writes one batch like {@link #writeBatch(int, List, List)}, first deleting, in the same transaction,
     * what is stored for the commits of {@code replacing} (partial results read again): a commit is never
     * stored twice, and a killed run leaves the old result.
     */
    public void writeBatch(int repo, List<Commit> commits, List<Warning> warnings, Set<String> replacing) {
        transaction("writing a batch of " + commits.size() + " commits", () -> {
            if (!replacing.isEmpty()) {
                List<String> replaced = new ArrayList<>();
                commits.stream().map(Commit::sha).filter(replacing::contains).forEach(replaced::add);
                warnings.stream().map(Warning::location).filter(replacing::contains).forEach(replaced::add);
                deleteKeyed(List.of("file_changes", "trailers", "warnings", "commits"), "repo_id", repo, "sha", replaced.toArray());
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender ca = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "commits");
                 DuckDBAppender fa = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "file_changes");
                 DuckDBAppender ta = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "trailers");
                 DuckDBAppender wa = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "warnings")) {
                for (Commit c : commits) {
                    ca.beginRow().append(repo).append(c.sha()).append(String.join(" ", c.parents()))
                            .append(c.author().name()).append(c.author().email()).append(c.author().epochSeconds())
                            .append((short) c.author().offsetMinutes()).append(c.committer().name())
                            .append(c.committer().email()).append(c.committer().epochSeconds())
                            .append((short) c.committer().offsetMinutes()).append(c.subject()).append(c.message())
                            .append(c.merge()).append(c.files().size()).append(c.linesAdded()).append(c.linesRemoved())
                            .endRow();
                    for (FileChange f : c.files()) {
                        fa.beginRow().append(repo).append(c.sha()).append(f.path()).append(f.added()).append(f.removed())
                                .append(f.binary()).endRow();
                    }
                    for (Trailer t : c.trailers()) {
                        ta.beginRow().append(repo).append(c.sha()).append(t.kind().key()).append(t.name()).append(t.email())
                                .endRow();
                    }
                }
                for (Warning w : warnings) {
                    wa.beginRow().append(repo).append(w.location()).append(w.kind()).append(w.message()).endRow();
                }
            }
            try (Statement st = conn.createStatement()) {
                markStale(st, Contributions.Source.git);
            }
        });
    }

    /**
     * Completes a scope in one transaction: its membership becomes exactly {@code members}, its cursor
     * {@code tips}; commits of the repository that no scope reaches any more (a rewritten history) are
     * dropped with their files, trailers and warnings.
     */
    public void completeScope(int repo, String scope, List<String> tips, List<String> members) {
        transaction("completing scope " + scope, () -> {
            update("DELETE FROM scope_commits WHERE repo_id = ? AND scope = ?", repo, scope);
            append("scope_commits", members, (a, sha) -> a.append(repo).append(scope).append(sha));
            update("DELETE FROM cursors WHERE repo_id = ? AND scope = ?", repo, scope);
            update("INSERT INTO cursors VALUES (?, ?, ?)", repo, scope, String.join(" ", tips));
            for (String table : new String[] {"file_changes", "trailers", "warnings", "commits"}) {
                update("DELETE FROM " + table + " t WHERE repo_id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM scope_commits s WHERE s.repo_id = t.repo_id AND s.sha = t.sha)", repo);
            }
            markStale(Contributions.Source.git);
        });
    }

    /** One raw author (name, email) of a repository mapped to a person key and the name to show. */
    public record IdentityRow(String name, String email, String person, String displayName, boolean bot) {
    }

    /** Distinct raw (name, email) authors of one repository's stored commits. */
    public List<String[]> authors(int repo) {
        return distinctPairs("SELECT DISTINCT author_name, author_email FROM commits WHERE repo_id = ? ORDER BY 1, 2", repo,
                "reading authors");
    }

    /** The two string columns of {@code sql} (one int parameter), row by row: raw (name, email) pairs. */
    List<String[]> distinctPairs(String sql, int id, String what) {
        return list(what, sql, rs -> new String[] {rs.getString(1), rs.getString(2)}, id);
    }

    /** Replaces one repository's identity rows, and the digest of the .mailmap they came from, in one transaction. */
    public void replaceIdentities(int repo, List<IdentityRow> rows, String mailmapDigest, String mailmapText) {
        transaction("writing identities", () -> {
            update("UPDATE repositories SET mailmap_digest = ?, mailmap_text = ? WHERE id = ?", mailmapDigest, mailmapText, repo);
            update("DELETE FROM identities WHERE repo_id = ?", repo);
            appendIdentities("identities", repo, rows);
            try (Statement st = conn.createStatement()) {
                markPeopleStale(st);
            }
        });
    }

    /**
     * Runs {@code work} with DuckDB's memory limit and thread count set (a streaming write that must stay
     * small), then restores them, whatever happens.
     */
    public <T> T withLimits(String memoryLimit, int threads, java.util.function.Supplier<T> work) {
        String memory = setting("memory_limit");
        String oldThreads = setting("threads");
        if (!memoryLimit.matches("[0-9]+ ?[KMG]i?B")) {
            throw new IllegalArgumentException("bad memory limit '" + memoryLimit + "'");
        }
        execute("SET memory_limit = '" + memoryLimit + "'");
        execute("SET threads = " + threads);
        try {
            return work.get();
        } finally {
            execute("SET memory_limit = '" + memory.replace("'", "") + "'");
            execute("SET threads = " + Integer.parseInt(oldThreads.trim()));
        }
    }

    private String setting(String name) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw failure("reading setting " + name, e);
        }
    }

    private void execute(String sql) {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** A stored commit's message, with its repository, sha and time (the committer's, else the author's). */
    public record CommitMessage(int repository, String sha, long epoch, String message) {
    }

    /**
     * Streams every stored commit's message to {@code each}, one at a time (memory does not grow with the
     * history).
     */
    public void forEachCommitMessage(java.util.function.Consumer<CommitMessage> each) {
        each("reading commit messages", "SELECT repo_id, sha, coalesce(committer_epoch, author_epoch), message FROM commits",
                rs -> each.accept(new CommitMessage(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4))));
    }

    /** Writes the write-ahead log into the store file, so that a copy of the file holds everything. */
    public void checkpoint() {
        try (Statement st = conn.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw failure("checkpoint", e);
        }
    }

    /** Appends identity rows of one container (a repository, a list) to {@code table}, inside the caller's transaction. */
    void appendIdentities(String table, int container, List<IdentityRow> rows) throws SQLException {
        append(table, rows, (a, r) -> a.append(container).append(r.name()).append(r.email()).append(r.person())
                .append(r.displayName()).append(r.bot()));
    }

    /** Every stored repository: id → the text of its own .mailmap as last read ("" if none). */
    public java.util.Map<Integer, String> repositoryMailmaps() {
        java.util.Map<Integer, String> out = new java.util.TreeMap<>();
        each("reading repositories", "SELECT id, coalesce(mailmap_text, '') FROM repositories",
                rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    /** The digest of the .mailmap the repository's identities were last resolved with, if any. */
    public Optional<String> mailmapDigest(int repo) {
        return first("reading repository", "SELECT mailmap_digest FROM repositories WHERE id = ?", rs -> rs.getString(1), repo);
    }

    /** Work on the connection that either all happens or not at all. */
    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction; on failure rolls back and reports {@code what}. */
    void transaction(String what, SqlWork work) {
        try {
            conn.setAutoCommit(false);
            begin();
            work.run();
            conn.commit();
        } catch (SQLException e) {
            rollback();
            throw failure(what, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            autoCommit();
        }
    }

    /**
     * Begins the transaction at once. With auto-commit off, DuckDB's JDBC driver begins one only before the next
     * statement; an appender is not a statement, so an appender used first would commit its rows by itself at its
     * flush (the driver's documented auto-commit emulation, duckdb/duckdb#3598), outside the transaction: a batch
     * of commits stored without its files when a later appender of the batch fails (a full disk).
     */
    private void begin() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    /**
     * Deletes from each of {@code tables} the rows of one repository, list or tracker ({@code owner} column equal to
     * {@code id}) whose {@code key} column is one of {@code keys}: how a batch makes room for what it stores again.
     */
    void deleteKeyed(List<String> tables, String owner, int id, String key, Object[] keys) throws SQLException {
        for (String table : tables) {
            try (PreparedStatement del = conn.prepareStatement("DELETE FROM " + table + " WHERE " + owner + " = ? AND " + key
                    + " IN (SELECT unnest(?::VARCHAR[]))")) {
                del.setInt(1, id);
                del.setArray(2, conn.createArrayOf("VARCHAR", keys));
                del.executeUpdate();
            }
        }
    }

    private void rollback() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    private void autoCommit() {
        try {
            conn.setAutoCommit(true);
        } catch (SQLException ignored) {
            // connection broken; the next use reports it
        }
    }

    TributaryException failure(String what, SQLException e) {
        return new TributaryException.StoreFailure("store " + path + ": " + what + ": " + firstLine(e.getMessage()), e);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }
}
