package dev.tributary.store;

import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import dev.tributary.model.IssueEvent;
import dev.tributary.model.TrackerAccount;
import dev.tributary.source.Warning;
import dev.tributary.source.issues.TrackedIssue;
import dev.tributary.source.issues.TrackerKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name, kind FROM issue_trackers ORDER BY id")) {
            List<Tracker> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(new Tracker(rs.getInt(1), rs.getString(2), TrackerKind.of(rs.getString(3))));
            }
            return out;
        } catch (SQLException e) {
            throw store.failure("listing trackers", e);
        }
    }

    /** What was recorded of an imported file when it was last read completely. */
    public record FileCursor(String path, long size, long modified) {
    }

    /** The files of {@code tracker} already imported, by path. */
    public Map<String, FileCursor> files(int tracker) {
        Map<String, FileCursor> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT path, size, modified FROM issue_files WHERE tracker_id = ?")) {
            ps.setInt(1, tracker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new FileCursor(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading imported files", e);
        }
        return out;
    }

    /** When a live collection of {@code tracker} last completed (the {@code updated since} of the next one). */
    public Optional<Long> since(int tracker) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT max(since) FROM issue_sync WHERE tracker_id = ?")) {
            ps.setInt(1, tracker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(v);
            }
        } catch (SQLException e) {
            throw store.failure("reading the sync mark", e);
        }
    }

    /**
     * Writes a batch in one transaction: each issue replaces every stored row of the same key; the warnings are
     * added; the cursors of the files the batch came from are replaced; with a non-null {@code since}, the
     * tracker's sync mark is set (the last batch of a live collection).
     */
    public void writeBatch(int tracker, List<TrackedIssue> batch, List<String> origins, List<Warning> warnings,
            List<FileCursor> files, Long since) {
        store.transaction("writing " + batch.size() + " issues", () -> {
            try (Statement st = conn.createStatement()) {
                store.markStale(st, Contributions.Source.issues);
            }
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
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO issue_warnings VALUES (?, ?, ?, ?)")) {
                for (Warning w : warnings) {
                    ps.setInt(1, tracker);
                    ps.setString(2, w.location());
                    ps.setString(3, w.kind());
                    ps.setString(4, w.message());
                    ps.addBatch();
                }
                if (!warnings.isEmpty()) {
                    ps.executeBatch();
                }
            }
            if (!files.isEmpty()) {
                store.deleteKeyed(List.of("issue_files"), "tracker_id", tracker, "path", files.stream().map(FileCursor::path).toArray());
                try (DuckDBAppender fa = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issue_files")) {
                    for (FileCursor f : files) {
                        fa.beginRow().append(tracker).append(f.path()).append(f.size()).append(f.modified()).endRow();
                    }
                }
            }
            if (since != null) {
                try (PreparedStatement del = conn.prepareStatement("DELETE FROM issue_sync WHERE tracker_id = ?");
                     PreparedStatement ins = conn.prepareStatement("INSERT INTO issue_sync VALUES (?, ?)")) {
                    del.setInt(1, tracker);
                    del.executeUpdate();
                    ins.setInt(1, tracker);
                    ins.setLong(2, since);
                    ins.executeUpdate();
                }
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
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM commits) || '/' || (SELECT count(*) FROM issues)"
                     + " || '/' || (SELECT coalesce(sum(hash(tracker_id, key, coalesce(updated, 0))), 0) FROM issues)")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw store.failure("reading the issue links' mark", e);
        }
    }

    /** The mark the stored commit links were built at, if any. */
    public Optional<String> linkedMark() {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT mark FROM issue_link_state")) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw store.failure("reading the issue links' mark", e);
        }
    }

    /** The smallest issue key of a tracker (a Jira project's issues share its prefix), if it has issues. */
    public Optional<String> firstKey(int tracker) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT min(key) FROM issues WHERE tracker_id = ?")) {
            ps.setInt(1, tracker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        } catch (SQLException e) {
            throw store.failure("reading tracker " + tracker, e);
        }
    }

    /**
     * Replaces the derived commit links (tracker id, issue key, repository id, sha, commit time), keeping only
     * those naming a stored issue, and the mark they were built at, in one transaction.
     */
    public void replaceCommitLinks(List<String[]> links, String mark) {
        store.transaction("linking issues to commits", () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM issue_commits");
                st.execute("DELETE FROM issue_link_state");
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issue_commits")) {
                for (String[] l : links) {
                    a.beginRow().append(Integer.parseInt(l[0])).append(l[1]).append(Integer.parseInt(l[2])).append(l[3])
                            .append(Long.parseLong(l[4])).endRow();
                }
            }
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM issue_commits c WHERE NOT EXISTS (SELECT 1 FROM issues i"
                        + " WHERE i.tracker_id = c.tracker_id AND i.key = c.key)");
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO issue_link_state VALUES (?)")) {
                ps.setString(1, mark);
                ps.executeUpdate();
            }
        });
    }

    /** Problem counts of {@code tracker} by kind. */
    public Map<String, Integer> warningCounts(int tracker) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT kind, count(*) FROM issue_warnings WHERE tracker_id = ? GROUP BY kind")) {
            ps.setInt(1, tracker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw store.failure("counting warnings", e);
        }
        return out;
    }
}
