package dev.tributary.store;

import dev.tributary.model.Actor;
import dev.tributary.model.Change;
import dev.tributary.source.Warning;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The code-review tables: containers (a GitHub repository, a Gerrit project), change requests with their
 * commits, files, reviews, comments and timeline events, the accounts seen (raw identities), per-container
 * cursors and warnings (schema v7; docs/reviews.md). A change is stored whole: writing it again replaces
 * every row it had, so a re-collect after an edit on the server stores nothing twice. Each batch is one
 * transaction that also moves the container's cursor, so a kill -9 leaves whole changes and a cursor that
 * describes only stored ones.
 *
 * <p>Obtained from {@link Store#reviews()}; not thread-safe, like the store.
 */
public final class ReviewStore extends Tables {

    ReviewStore(Store store) {
        super(store);
    }

    static void createVersion7(Statement st) throws SQLException {
        st.execute("CREATE TABLE review_containers(id INTEGER NOT NULL, name VARCHAR NOT NULL UNIQUE, kind VARCHAR NOT NULL,"
                + " cursor VARCHAR)");
        st.execute("CREATE TABLE changes(container_id INTEGER NOT NULL, number BIGINT NOT NULL, native_id VARCHAR NOT NULL,"
                + " title VARCHAR NOT NULL, author VARCHAR NOT NULL, created BIGINT NOT NULL, updated BIGINT NOT NULL,"
                + " closed BIGINT, merged BIGINT, merged_by VARCHAR, state VARCHAR NOT NULL, base_ref VARCHAR NOT NULL,"
                + " head_sha VARCHAR NOT NULL, merge_sha VARCHAR NOT NULL, draft BOOLEAN NOT NULL, iterations INTEGER NOT NULL)");
        st.execute("CREATE TABLE change_commits(container_id INTEGER NOT NULL, number BIGINT NOT NULL, sha VARCHAR NOT NULL,"
                + " author_name VARCHAR NOT NULL, author_email VARCHAR NOT NULL)");
        st.execute("CREATE TABLE change_files(container_id INTEGER NOT NULL, number BIGINT NOT NULL, path VARCHAR NOT NULL)");
        st.execute("CREATE TABLE change_reviews(container_id INTEGER NOT NULL, number BIGINT NOT NULL, native_id VARCHAR NOT NULL,"
                + " reviewer VARCHAR NOT NULL, epoch BIGINT NOT NULL, state VARCHAR NOT NULL, value SMALLINT NOT NULL)");
        st.execute("CREATE TABLE change_comments(container_id INTEGER NOT NULL, number BIGINT NOT NULL, native_id VARCHAR NOT NULL,"
                + " author VARCHAR NOT NULL, epoch BIGINT NOT NULL, kind VARCHAR NOT NULL)");
        st.execute("CREATE TABLE change_events(container_id INTEGER NOT NULL, number BIGINT NOT NULL, kind VARCHAR NOT NULL,"
                + " actor VARCHAR, epoch BIGINT NOT NULL, detail VARCHAR NOT NULL)");
        // raw identities of review systems, keyed 'github:login' / 'gerrit:host:username'
        st.execute("CREATE TABLE review_actors(key VARCHAR NOT NULL, system VARCHAR NOT NULL, login VARCHAR NOT NULL,"
                + " name VARCHAR NOT NULL, email VARCHAR NOT NULL, is_bot BOOLEAN NOT NULL)");
        // rows of one write, merged into review_actors and emptied in the same transaction
        st.execute("CREATE TABLE review_actors_staging(key VARCHAR, system VARCHAR, login VARCHAR, name VARCHAR, email VARCHAR,"
                + " is_bot BOOLEAN)");
        // derived: the address each account is linked to, and how (account, noreply, pull-commits)
        st.execute("CREATE TABLE review_links(key VARCHAR NOT NULL, email VARCHAR NOT NULL, origin VARCHAR NOT NULL)");
        st.execute("CREATE TABLE review_warnings(container_id INTEGER NOT NULL, location VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
                + " message VARCHAR NOT NULL)");
    }

    /** v12: review accounts curated files name (Stackalytics' github_id, gerrit_id, launchpad_id), per source. */
    static void createVersion12(Statement st) throws SQLException {
        st.execute("CREATE TABLE review_account_ids(source VARCHAR NOT NULL, system VARCHAR NOT NULL, login VARCHAR NOT NULL,"
                + " name VARCHAR NOT NULL, email VARCHAR NOT NULL)");
        // Gerrit's review notes (refs/notes/review) of a repository, and the notes tip they were read at
        st.execute("CREATE TABLE review_notes(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, key VARCHAR NOT NULL,"
                + " value SMALLINT NOT NULL, name VARCHAR NOT NULL, email VARCHAR NOT NULL)");
        st.execute("CREATE TABLE review_notes_tips(repo_id INTEGER NOT NULL, tip VARCHAR NOT NULL)");
    }

    /** The notes tip the repository's review notes were last read at (empty: never read, or none). */
    public Optional<String> notesTip(int repo) {
        return store.first("reading review notes", "SELECT tip FROM review_notes_tips WHERE repo_id = ?", rs -> rs.getString(1), repo);
    }

    /**
     * Replaces the repository's review notes with {@code notes} read at {@code tip}, in one transaction. A
     * repository whose notes ref is gone keeps what was stored (a source that looks empty deletes nothing).
     */
    public void replaceNotes(int repo, dev.tributary.source.git.GitSource.Notes notes) {
        if (notes.tip() == null) {
            return;
        }
        store.transaction("storing the review notes of repository " + repo, () -> {
            store.update("DELETE FROM review_notes WHERE repo_id = ?", repo);
            store.update("DELETE FROM review_notes_tips WHERE repo_id = ?", repo);
            List<Object[]> rows = new java.util.ArrayList<>();
            notes.bySha().forEach((sha, lines) -> lines.forEach(l -> rows.add(new Object[] {repo, sha, l.key(), l.value(), l.name(),
                    l.email()})));
            Sql.batch(conn, "INSERT INTO review_notes VALUES (?, ?, ?, ?, ?, ?)", rows);
            store.update("INSERT INTO review_notes_tips VALUES (?, ?)", repo, notes.tip());
        });
    }

    /**
     * Replaces what {@code source} said of review accounts with {@code accounts}, in one transaction.
     *
     * @return whether anything changed (then links need deriving again)
     */
    public boolean replaceAccountIds(String source, List<dev.tributary.model.Curated.AccountId> accounts) {
        boolean[] changed = new boolean[1];
        store.transaction("storing the review accounts of " + source, () -> {
            List<List<String>> before = Sql.list(conn, "SELECT system, login, name, email FROM review_account_ids"
                    + " WHERE source = ? ORDER BY ALL", rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                    source);
            List<List<String>> after = new java.util.ArrayList<>(new java.util.TreeSet<>(accounts.stream()
                    .map(a -> a.system() + "\u0000" + a.login() + "\u0000" + a.name() + "\u0000" + a.email()).toList())
                    .stream().map(x -> List.of(x.split("\u0000", -1))).toList());
            if (before.equals(after)) {
                return;
            }
            changed[0] = true;
            store.update("DELETE FROM review_account_ids WHERE source = ?", source);
            Sql.batch(conn, "INSERT INTO review_account_ids VALUES (?, ?, ?, ?, ?)",
                    after.stream().map(x -> new Object[] {source, x.get(0), x.get(1), x.get(2), x.get(3)}).toList());
        });
        return changed[0];
    }

    /** The id of the container named {@code name}, registering it on first sight. */
    public int container(String name, String kind) {
        return store.register("registering review container " + name, () -> findContainer(name), "review_containers", "name, kind",
                name, kind);
    }

    public Optional<Integer> findContainer(String name) {
        return store.first("reading review containers", "SELECT id FROM review_containers WHERE name = ?", rs -> rs.getInt(1), name);
    }

    /** Names of all containers, by id. */
    public Map<Integer, String> containers() {
        Map<Integer, String> out = new LinkedHashMap<>();
        store.each("reading review containers", "SELECT id, name FROM review_containers ORDER BY id",
                rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    public Optional<String> cursor(int container) {
        return store.first("reading a review cursor", "SELECT cursor FROM review_containers WHERE id = ?", rs -> rs.getString(1),
                container);
    }

    /** The stored {@code updated} time of each change of a container, to skip what did not change. */
    public Map<Long, Long> updatedTimes(int container) {
        Map<Long, Long> out = new HashMap<>();
        store.each("reading stored changes", "SELECT number, updated FROM changes WHERE container_id = ?",
                rs -> out.put(rs.getLong(1), rs.getLong(2)), container);
        return out;
    }

    /**
     * Stores {@code changes} whole (replacing what each had), their actors, {@code warnings}, and, when
     * {@code cursor} is not null, the container's new cursor, in one transaction.
     */
    public void write(int container, List<Change> changes, List<Warning> warnings, String cursor) {
        store.transaction("storing " + changes.size() + " changes", () -> {
            if (!changes.isEmpty()) { // a batch of warnings or a cursor alone changes no contribution
                store.markStale(Contributions.Source.review);
            }
            if (!changes.isEmpty()) {
                StringBuilder in = new StringBuilder();
                for (Change c : changes) {
                    in.append(in.length() == 0 ? "" : ",").append(c.number()); // longs: digits only
                }
                try (Statement st = conn.createStatement()) {
                    for (String t : List.of("changes", "change_commits", "change_files", "change_reviews", "change_comments", "change_events")) {
                        st.execute("DELETE FROM " + t + " WHERE container_id = " + container + " AND number IN (" + in + ")");
                    }
                }
            }
            Map<String, Actor> actors = new LinkedHashMap<>();
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender ch = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "changes");
                 DuckDBAppender cm = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "change_commits");
                 DuckDBAppender fi = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "change_files");
                 DuckDBAppender rv = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "change_reviews");
                 DuckDBAppender co = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "change_comments");
                 DuckDBAppender ev = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "change_events")) {
                for (Change c : changes) {
                    actors.putIfAbsent(c.author().key(), c.author());
                    if (c.mergedBy() != null) {
                        actors.putIfAbsent(c.mergedBy().key(), c.mergedBy());
                    }
                    ch.beginRow().append(container).append(c.number()).append(c.nativeId()).append(c.title())
                            .append(c.author().key()).append(c.created()).append(c.updated()).append(c.closed())
                            .append(c.merged()).append(c.mergedBy() == null ? null : c.mergedBy().key())
                            .append(c.state().name().toLowerCase(java.util.Locale.ROOT)).append(c.baseRef())
                            .append(c.headSha()).append(c.mergeSha()).append(c.draft()).append(c.iterations()).endRow();
                    for (Change.CommitRef k : c.commits()) {
                        cm.beginRow().append(container).append(c.number()).append(k.sha()).append(k.authorName())
                                .append(k.authorEmail()).endRow();
                    }
                    for (String path : c.files()) {
                        fi.beginRow().append(container).append(c.number()).append(path).endRow();
                    }
                    for (Change.Review r : c.reviews()) {
                        actors.putIfAbsent(r.reviewer().key(), r.reviewer());
                        rv.beginRow().append(container).append(c.number()).append(r.nativeId()).append(r.reviewer().key())
                                .append(r.at()).append(r.state()).append((short) r.value()).endRow();
                    }
                    for (Change.Comment m : c.comments()) {
                        actors.putIfAbsent(m.author().key(), m.author());
                        co.beginRow().append(container).append(c.number()).append(m.nativeId()).append(m.author().key())
                                .append(m.at()).append(m.kind()).endRow();
                    }
                    for (Change.Event e : c.events()) {
                        if (e.actor() != null) {
                            actors.putIfAbsent(e.actor().key(), e.actor());
                        }
                        ev.beginRow().append(container).append(c.number()).append(e.kind())
                                .append(e.actor() == null ? null : e.actor().key()).append(e.at()).append(e.detail()).endRow();
                    }
                }
            }
            upsertActors(actors.values());
            store.append("review_warnings", warnings, (w, x) -> w.append(container).append(x.location()).append(x.kind())
                    .append(x.message()));
            if (cursor != null) {
                store.update("UPDATE review_containers SET cursor = ? WHERE id = ?", cursor, container);
            }
        });
    }

    /** Adds actors not seen yet; for known ones fills a name or address the system did not give before. */
    private void upsertActors(java.util.Collection<Actor> actors) throws SQLException {
        if (actors.isEmpty()) {
            return;
        }
        try (Statement st = conn.createStatement()) {
            st.execute("DELETE FROM review_actors_staging");
        }
        store.append("review_actors_staging", actors, (a, x) -> a.append(x.key()).append(x.system()).append(x.login())
                .append(x.name()).append(x.email()).append(x.bot()));
        try (Statement st = conn.createStatement()) {
            st.execute("UPDATE review_actors r SET name = CASE WHEN r.name = '' THEN n.name ELSE r.name END,"
                    + " email = CASE WHEN r.email = '' THEN n.email ELSE r.email END, is_bot = r.is_bot OR n.is_bot"
                    + " FROM review_actors_staging n WHERE n.key = r.key AND ((r.name = '' AND n.name <> '') OR (r.email = '' AND n.email <> '')"
                    + " OR (n.is_bot AND NOT r.is_bot))");
            st.execute("INSERT INTO review_actors SELECT DISTINCT ON (key) * FROM review_actors_staging n"
                    + " WHERE NOT EXISTS (SELECT 1 FROM review_actors r WHERE r.key = n.key)");
            st.execute("DELETE FROM review_actors_staging");
        }
    }

    /**
     * Derives {@code review_links} again: for each account, the one address it is linked to, by the first
     * rule that gives one: (0) a curated file names the account ({@code review_account_ids}: a Stackalytics
     * user's {@code github_id}, {@code gerrit_id}, or {@code launchpad_id} with the account's name equal to the
     * user's {@code user_name}), for one individual only; (1) the address the review system shows for it (Gerrit accounts); (2) a GitHub
     * noreply address naming its login ({@code 123+login@users.noreply.github.com}); (3) the address that
     * authored commits in most of the account's own change requests, provided no other account's change
     * requests use it as often (a maintainer who rebases others' work does not take their addresses).
     * Bots and GitHub's {@code ghost} are not linked. Accounts {@code bot} judges bots (by login and
     * address) are flagged first.
     */
    public void deriveLinks(java.util.function.BiPredicate<String, String> bot) {
        store.transaction("linking review accounts to addresses", () -> {
            List<String[]> flag = new java.util.ArrayList<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key, login, name, email FROM review_actors WHERE NOT is_bot")) {
                while (rs.next()) {
                    if (bot.test(rs.getString(2), rs.getString(4)) || (!rs.getString(3).isEmpty() && bot.test(rs.getString(3), rs.getString(4)))) {
                        flag.add(new String[] {rs.getString(1)});
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE review_actors SET is_bot = true WHERE key = ?")) {
                for (String[] k : flag) {
                    ps.setString(1, k[0]);
                    ps.executeUpdate();
                }
            }
            try (Statement st = conn.createStatement()) {
                if (!flag.isEmpty()) {
                    store.markPeopleStale(st); // who is a bot is part of who the accounts are
                }
                st.execute("CREATE OR REPLACE TEMP TABLE review_links_new AS"
                        + " WITH pc AS (SELECT c.author AS key, cc.author_email AS email, count(DISTINCT c.container_id::VARCHAR || ':' || c.number) AS n"
                        + "   FROM changes c JOIN change_commits cc ON cc.container_id = c.container_id AND cc.number = c.number"
                        + "   WHERE cc.author_email LIKE '%@%' GROUP BY ALL),"
                        + " best AS (SELECT key, email, n FROM (SELECT *, rank() OVER (PARTITION BY email ORDER BY n DESC) AS rk,"
                        + "   count(*) OVER (PARTITION BY email, n) AS ties FROM pc) WHERE rk = 1 AND ties = 1),"
                        + " nr AS (SELECT DISTINCT 'github:' || lower(regexp_extract(author_email,"
                        + "   '^(?:[0-9]+\\+)?([a-z0-9-]+)@users\\.noreply\\.github\\.com$', 1)) AS key, author_email AS email"
                        + "   FROM change_commits WHERE regexp_matches(author_email, '^(?:[0-9]+\\+)?[a-z0-9-]+@users\\.noreply\\.github\\.com$')),"
                        + " cur AS (SELECT ra.key, min(i.email) AS email FROM review_account_ids i JOIN review_actors ra"
                        + "   ON lower(ra.login) = lower(i.login) AND (i.system = 'github' AND ra.system = 'github'"
                        + "   OR i.system = 'gerrit' AND ra.system LIKE 'gerrit:%'"
                        + "   OR i.system = 'launchpad' AND ra.system LIKE 'gerrit:%' AND lower(ra.name) = lower(i.name) AND i.name <> '')"
                        + "   GROUP BY ra.key HAVING count(DISTINCT i.email) = 1),"
                        + " cand AS (SELECT key, email, 0 AS rule, 0 AS n FROM cur"
                        + "   UNION ALL SELECT key, email, 1 AS rule, 0 AS n FROM review_actors WHERE email LIKE '%@%'"
                        + "   UNION ALL SELECT key, email, 2, 0 FROM nr UNION ALL SELECT key, email, 3, n FROM best)"
                        + " SELECT c.key, arg_min(c.email, c.rule::BIGINT * 1000000000 - c.n),"
                        + "  CASE min(c.rule) WHEN 0 THEN 'curated' WHEN 1 THEN 'account' WHEN 2 THEN 'noreply' ELSE 'pull-commits' END"
                        + " FROM cand c JOIN review_actors a ON a.key = c.key"
                        + " WHERE NOT a.is_bot AND a.login <> 'ghost' GROUP BY c.key");
                boolean changed;
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM review_links EXCEPT ALL"
                        + " SELECT * FROM review_links_new)) + (SELECT count(*) FROM (SELECT * FROM review_links_new EXCEPT ALL"
                        + " SELECT * FROM review_links))")) {
                    rs.next();
                    changed = rs.getLong(1) > 0;
                }
                if (changed) {
                    // the links are the review contributions' raw addresses, and tracker accounts' people: derived
                    // again only when they moved, so a collect with nothing new derives no review row
                    store.markStale(st, Contributions.Source.review);
                    st.execute("DELETE FROM review_links");
                    st.execute("INSERT INTO review_links SELECT * FROM review_links_new");
                }
                st.execute("DROP TABLE review_links_new");
            }
        });
    }

    /** Warnings of a container, at most {@code limit}, and how many there are. */
    public List<Warning> warnings(int container, int limit) {
        return store.list("reading review warnings", "SELECT kind, location, message FROM review_warnings WHERE container_id = ?"
                + " LIMIT ?", rs -> new Warning(rs.getString(1), rs.getString(2), rs.getString(3)), container, limit);
    }
}
