package dev.tributary.store;

import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import dev.tributary.model.TrackerAccount;
import dev.tributary.source.Warning;
import dev.tributary.source.issues.TrackedIssue;
import dev.tributary.source.issues.TrackerKind;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The issue-tracker tables: trackers, issues (GitHub pull requests among them, flagged), their labels,
 * components and fix versions, comments, events, the issues a pull request says it fixes, per-file cursors of
 * offline imports, a sync mark per tracker for live collection, and warnings. An issue is stored whole: a
 * newer copy of it (a later import, a later page) replaces every row of the old one, in the same transaction,
 * so collecting twice stores nothing twice and a killed run leaves whole batches only.
 *
 * <p>Obtained from {@link Store#issues()}; not thread-safe, like the store.
 */
public final class IssueStore extends Tables {
    private static final List<String> PER_ISSUE = List.of("issues", "issue_labels", "issue_comments", "issue_events", "issue_refs");

    IssueStore(Store store) {
        super(store);
    }

    static void createVersion8(Statement st) throws SQLException {
        st.execute("CREATE TABLE issue_trackers(id INTEGER NOT NULL, name VARCHAR NOT NULL UNIQUE, kind VARCHAR NOT NULL)");
        st.execute("CREATE TABLE issues(tracker_id INTEGER NOT NULL, key VARCHAR NOT NULL, title VARCHAR NOT NULL,"
                + " reporter VARCHAR NOT NULL, reporter_name VARCHAR NOT NULL, reporter_email VARCHAR NOT NULL, reporter_bot BOOLEAN NOT NULL,"
                + " created BIGINT NOT NULL, closed BIGINT, state VARCHAR NOT NULL, status VARCHAR NOT NULL, resolution VARCHAR NOT NULL,"
                + " closed_by VARCHAR, closed_by_bot BOOLEAN, is_pull BOOLEAN NOT NULL, updated BIGINT, origin VARCHAR NOT NULL)");
        // kind: label, component or fix-version
        st.execute("CREATE TABLE issue_labels(tracker_id INTEGER NOT NULL, key VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR NOT NULL)");
        st.execute("CREATE TABLE issue_comments(tracker_id INTEGER NOT NULL, key VARCHAR NOT NULL, comment_id VARCHAR NOT NULL,"
                + " author VARCHAR NOT NULL, author_name VARCHAR NOT NULL, author_email VARCHAR NOT NULL, author_bot BOOLEAN NOT NULL,"
                + " ts BIGINT NOT NULL)");
        st.execute("CREATE TABLE issue_events(tracker_id INTEGER NOT NULL, key VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
                + " actor VARCHAR NOT NULL, actor_bot BOOLEAN NOT NULL, ts BIGINT NOT NULL, from_value VARCHAR NOT NULL,"
                + " to_value VARCHAR NOT NULL, commit_sha VARCHAR NOT NULL)");
        // an item (a pull request) whose text says it fixes issue `target` of the same tracker
        st.execute("CREATE TABLE issue_refs(tracker_id INTEGER NOT NULL, key VARCHAR NOT NULL, target VARCHAR NOT NULL)");
        st.execute("CREATE TABLE issue_files(tracker_id INTEGER NOT NULL, path VARCHAR NOT NULL, size BIGINT NOT NULL, modified BIGINT NOT NULL)");
        st.execute("CREATE TABLE issue_sync(tracker_id INTEGER NOT NULL, since BIGINT NOT NULL)");
        st.execute("CREATE TABLE issue_warnings(tracker_id INTEGER NOT NULL, origin VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
                + " message VARCHAR NOT NULL)");
        // derived: commits whose message cites an issue, rebuilt by `link`
        st.execute("CREATE TABLE issue_commits(tracker_id INTEGER NOT NULL, key VARCHAR NOT NULL, repo_id INTEGER NOT NULL,"
                + " sha VARCHAR NOT NULL, ts BIGINT NOT NULL)");
        st.execute("CREATE TABLE issue_link_state(mark VARCHAR NOT NULL)");
    }

    /** A registered tracker. */
    public record Tracker(int id, String name, TrackerKind kind) {
    }

    /**
     * The tracker named {@code name}, registering it on first sight.
     *
     * @throws TributaryException.InvalidInput when a tracker of that name exists with another kind
     */
    public Tracker tracker(String name, TrackerKind kind) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new TributaryException.InvalidInput("a tracker needs a name of 1 to 200 characters (--tracker NAME)");
        }
        Tracker[] out = new Tracker[1];
        store.transaction("registering tracker " + name, () -> {
            Optional<Tracker> t = find(name);
            if (t.isPresent()) {
                if (t.get().kind() != kind) {
                    throw new TributaryException.InvalidInput("tracker '" + name + "' is a " + t.get().kind().id()
                            + " tracker, not " + kind.id());
                }
                out[0] = t.get();
                return;
            }
            out[0] = new Tracker(store.insertNext("issue_trackers", "name, kind", name, kind.id()), name, kind);
        });
        return out[0];
    }

    /** A stored tracker, if any. */
    public Optional<Tracker> find(String name) {
        return store.first("finding tracker " + name, "SELECT id, kind FROM issue_trackers WHERE name = ?",
                rs -> new Tracker(rs.getInt(1), name, TrackerKind.of(rs.getString(2))), name);
    }

    /** Every stored tracker, by id. */
    public List<Tracker> trackers() {
        return store.list("listing trackers", "SELECT id, name, kind FROM issue_trackers ORDER BY id",
                rs -> new Tracker(rs.getInt(1), rs.getString(2), TrackerKind.of(rs.getString(3))));
    }

    /** What was recorded of an imported file when it was last read completely. */
    public record FileCursor(String path, long size, long modified) {
    }

    /** The files of {@code tracker} already imported, by path. */
    public Map<String, FileCursor> files(int tracker) {
        Map<String, FileCursor> out = new HashMap<>();
        store.each("reading imported files", "SELECT path, size, modified FROM issue_files WHERE tracker_id = ?",
                rs -> out.put(rs.getString(1), new FileCursor(rs.getString(1), rs.getLong(2), rs.getLong(3))), tracker);
        return out;
    }

    /** When a live collection of {@code tracker} last completed (the {@code updated since} of the next one). */
    public Optional<Long> since(int tracker) {
        return store.first("reading the sync mark", "SELECT max(since) FROM issue_sync WHERE tracker_id = ?",
                rs -> rs.getObject(1, Long.class), tracker);
    }

    /**
     * Writes a batch in one transaction: each issue replaces every stored row of the same key; the warnings are
     * added; the cursors of the files the batch came from are replaced; with a non-null {@code since}, the
     * tracker's sync mark is set (the last batch of a live collection).
     */
    public void writeBatch(int tracker, List<TrackedIssue> batch, List<String> origins, List<Warning> warnings,
            List<FileCursor> files, Long since) {
        store.transaction("writing " + batch.size() + " issues", () -> {
            store.markStale(Contributions.Source.issues);
            if (!batch.isEmpty()) {
                store.deleteKeyed(PER_ISSUE, "tracker_id", tracker, "key", batch.stream().map(t -> t.issue().key()).toArray());
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender ia = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issues");
                 DuckDBAppender la = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issue_labels");
                 DuckDBAppender ca = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issue_comments");
                 DuckDBAppender ea = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issue_events");
                 DuckDBAppender ra = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issue_refs")) {
                for (int b = 0; b < batch.size(); b++) {
                    TrackedIssue t = batch.get(b);
                    Issue i = t.issue();
                    TrackerAccount closer = i.closedBy();
                    account(ia.beginRow().append(tracker).append(i.key()).append(i.title()), i.reporter())
                            .append(i.created()).append(i.closed()).append(i.state()).append(i.status())
                            .append(i.resolution()).append(closer == null ? null : closer.login())
                            .append(closer == null ? null : (Boolean) closer.bot()).append(i.pullRequest())
                            .append(i.updated()).append(origins.get(b)).endRow();
                    labels(la, tracker, i.key(), "label", i.labels());
                    labels(la, tracker, i.key(), "component", i.components());
                    labels(la, tracker, i.key(), "fix-version", i.fixVersions());
                    for (IssueComment c : t.comments()) {
                        account(ca.beginRow().append(tracker).append(i.key()).append(c.id()), c.author()).append(c.at())
                                .endRow();
                    }
                    for (IssueEvent e : t.events()) {
                        ea.beginRow().append(tracker).append(i.key()).append(e.kind()).append(e.actor().login())
                                .append(e.actor().bot()).append(e.at()).append(e.from()).append(e.to()).append(e.commit())
                                .endRow();
                    }
                    for (String target : i.references()) {
                        ra.beginRow().append(tracker).append(i.key()).append(target).endRow();
                    }
                }
            }
            Sql.batch(conn, "INSERT INTO issue_warnings VALUES (?, ?, ?, ?)",
                    warnings.stream().map(w -> new Object[] {tracker, w.location(), w.kind(), w.message()}).toList());
            if (!files.isEmpty()) {
                store.deleteKeyed(List.of("issue_files"), "tracker_id", tracker, "path", files.stream().map(FileCursor::path).toArray());
                store.append("issue_files", files, (a, f) -> a.append(tracker).append(f.path()).append(f.size()).append(f.modified()));
            }
            if (since != null) {
                store.update("DELETE FROM issue_sync WHERE tracker_id = ?", tracker);
                store.update("INSERT INTO issue_sync VALUES (?, ?)", tracker, since);
            }
        });
    }

    private static DuckDBAppender account(DuckDBAppender a, TrackerAccount t) throws SQLException {
        return a.append(t.login()).append(t.name()).append(t.email()).append(t.bot());
    }

    private static void labels(DuckDBAppender a, int tracker, String key, String kind, List<String> names) throws SQLException {
        for (String n : names) {
            a.beginRow().append(tracker).append(key).append(kind).append(n.length() <= 256 ? n : n.substring(0, 256))
                    .endRow();
        }
    }

    /**
     * The mark of what the commit links are built from: the commits' and issues' counts and a hash of every
     * issue's key and update time. Links built at another mark are stale.
     */
    public String linkSourceMark() {
        return store.first("reading the issue links' mark", "SELECT (SELECT count(*) FROM commits) || '/' || (SELECT count(*) FROM issues)"
                + " || '/' || (SELECT coalesce(sum(hash(tracker_id, key, coalesce(updated, 0))), 0) FROM issues)",
                rs -> rs.getString(1)).orElseThrow();
    }

    /** The mark the stored commit links were built at, if any. */
    public Optional<String> linkedMark() {
        return store.first("reading the issue links' mark", "SELECT mark FROM issue_link_state", rs -> rs.getString(1));
    }

    /** The smallest issue key of a tracker (a Jira project's issues share its prefix), if it has issues. */
    public Optional<String> firstKey(int tracker) {
        return store.first("reading tracker " + tracker, "SELECT min(key) FROM issues WHERE tracker_id = ?", rs -> rs.getString(1),
                tracker);
    }

    /**
     * Replaces the derived commit links (tracker id, issue key, repository id, sha, commit time), keeping only
     * those naming a stored issue, and the mark they were built at, in one transaction.
     */
    public void replaceCommitLinks(List<String[]> links, String mark) {
        store.transaction("linking issues to commits", () -> {
            store.update("DELETE FROM issue_commits");
            store.update("DELETE FROM issue_link_state");
            store.append("issue_commits", links, (a, l) -> a.append(Integer.parseInt(l[0])).append(l[1]).append(Integer.parseInt(l[2]))
                    .append(l[3]).append(Long.parseLong(l[4])));
            store.update("DELETE FROM issue_commits c WHERE NOT EXISTS (SELECT 1 FROM issues i"
                    + " WHERE i.tracker_id = c.tracker_id AND i.key = c.key)");
            store.update("INSERT INTO issue_link_state VALUES (?)", mark);
        });
    }

    /** Problem counts of {@code tracker} by kind. */
    public Map<String, Integer> warningCounts(int tracker) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        store.each("counting warnings", "SELECT kind, count(*) FROM issue_warnings WHERE tracker_id = ? GROUP BY kind",
                rs -> out.put(rs.getString(1), rs.getInt(2)), tracker);
        return out;
    }
}
