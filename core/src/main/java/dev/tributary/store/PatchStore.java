package dev.tributary.store;

import dev.tributary.model.SeriesGrouping;
import dev.tributary.model.PatchFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The patch-review tables (see {@code docs/mail.md}, "Patches and reviews"):
 * <ul>
 * <li>{@code mail_patch_facts}: what each message of a list is (patch, cover letter, reply, other), its series
 * position and the {@code git patch-id --stable} of its diff; one row per message, computed once;</li>
 * <li>{@code mail_review_trailers}: the review trailers (and NAKs) written in each message;</li>
 * <li>{@code mail_patches}, {@code mail_patch_replies}: derived per list after threading: each patch's series and
 * family of versions, and which patch each reply answers;</li>
 * <li>{@code commit_patch_ids}: the patch-id of each commit, computed once; {@code patch_commits}: which commits
 * the patches became, and by which method, derived after each collect.</li>
 * </ul>
 * Obtained from {@link Store#patches()}; not thread-safe, like the store.
 */
public final class PatchStore {
    private final Store store;
    private final Connection conn;

    PatchStore(Store store, Connection conn) {
        this.store = store;
        this.conn = conn;
    }

    static void createVersion6(Statement st) throws SQLException {
        st.execute("CREATE TABLE mail_patch_facts(list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
                + " rfc BOOLEAN NOT NULL, resend BOOLEAN NOT NULL, version INTEGER NOT NULL, number INTEGER NOT NULL,"
                + " total INTEGER NOT NULL, topic VARCHAR NOT NULL, patch_id VARCHAR NOT NULL)");
        st.execute("CREATE TABLE mail_review_trailers(list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,"
                + " name VARCHAR NOT NULL, email VARCHAR NOT NULL)");
        st.execute("CREATE TABLE mail_patches(list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL, series_id VARCHAR NOT NULL,"
                + " family_id VARCHAR NOT NULL)");
        st.execute("CREATE TABLE mail_patch_replies(list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL, target_id VARCHAR NOT NULL,"
                + " series_id VARCHAR NOT NULL)");
        st.execute("CREATE TABLE commit_patch_ids(repo_id INTEGER NOT NULL, sha VARCHAR NOT NULL, patch_id VARCHAR NOT NULL)");
        st.execute("CREATE TABLE patch_commits(list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL, repo_id INTEGER NOT NULL,"
                + " sha VARCHAR NOT NULL, method VARCHAR NOT NULL)");
    }

    /** A message not analysed yet; {@code body} is empty when a cheap test shows it holds no diff nor trailer. */
    public record Unanalyzed(String messageId, String subject, String body) {
    }

    /** What a message is, for patch review. */
    public record Fact(String messageId, PatchFacts.Kind kind, PatchFacts.Subject subject, String patchId) {
    }

    /** A review trailer found in a message. */
    public record TrailerRow(String messageId, PatchFacts.ReviewTrailer trailer) {
    }

    /**
     * Drops the facts of messages the list no longer has (removed by their archive, or an archive read again),
     * then gives every message without facts to {@code each}, streaming.
     */
    public void forEachUnanalyzed(int list, Consumer<Unanalyzed> each) {
        store.transaction("dropping stale patch facts", () -> {
            for (String t : List.of("mail_patch_facts", "mail_review_trailers")) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + t + " f WHERE list_id = ? AND NOT EXISTS"
                        + " (SELECT 1 FROM mail_messages m WHERE m.list_id = f.list_id AND m.message_id = f.message_id)")) {
                    ps.setInt(1, list);
                    ps.executeUpdate();
                }
            }
        });
        // only bodies that may hold a diff or a review trailer are read out (most messages are neither)
        try (PreparedStatement ps = conn.prepareStatement("SELECT m.message_id, m.subject, CASE WHEN m.body LIKE '%diff %'"
                + " OR m.body LIKE '%+++ %' OR m.body LIKE '%Index: %' OR m.body ILIKE '%-by:%' OR m.body ILIKE '%nak%'"
                + " OR m.body ILIKE '%nack%'"
                + " THEN m.body ELSE '' END FROM mail_messages m ANTI JOIN mail_patch_facts f"
                + " ON f.list_id = m.list_id AND f.message_id = m.message_id WHERE m.list_id = ?")) {
            ps.setInt(1, list);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new Unanalyzed(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading messages to analyse", e);
        }
    }

    /** Writes facts and trailers, in one transaction. */
    public void writeFacts(int list, List<Fact> facts, List<TrailerRow> trailers) {
        store.transaction("writing " + facts.size() + " patch facts", () -> {
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mail_patch_facts")) {
                for (Fact f : facts) {
                    PatchFacts.Subject s = f.subject();
                    a.beginRow().append(list).append(f.messageId())
                            .append(f.kind().name().toLowerCase(java.util.Locale.ROOT)).append(s.rfc()).append(s.resend())
                            .append(s.version()).append(s.number()).append(s.total()).append(s.topic()).append(f.patchId())
                            .endRow();
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mail_review_trailers")) {
                for (TrailerRow t : trailers) {
                    a.beginRow().append(list).append(t.messageId()).append(t.trailer().kind()).append(t.trailer().name())
                            .append(t.trailer().email()).endRow();
                }
            }
        });
    }

    /** Every message of a list as series grouping needs it (facts, parent link, sender, date). */
    public List<SeriesGrouping.Node> nodes(int list) {
        List<SeriesGrouping.Node> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT m.message_id, t.parent_id, f.kind, f.version, f.number, f.total,"
                + " f.topic, m.from_email, m.epoch FROM mail_messages m JOIN mail_patch_facts f USING (list_id, message_id)"
                + " LEFT JOIN mail_threads t USING (list_id, message_id) WHERE m.list_id = ?")) {
            ps.setInt(1, list);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SeriesGrouping.Node(rs.getString(1), rs.getString(2),
                            PatchFacts.Kind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getString(7), rs.getString(8), rs.getLong(9)));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading patch facts", e);
        }
        return out;
    }

    /** Replaces a list's series and reply links, in one transaction. */
    public void replaceSeries(int list, SeriesGrouping.Result r) {
        store.transaction("writing patch series", () -> {
            for (String t : List.of("mail_patches", "mail_patch_replies")) {
                try (PreparedStatement del = conn.prepareStatement("DELETE FROM " + t + " WHERE list_id = ?")) {
                    del.setInt(1, list);
                    del.executeUpdate();
                }
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mail_patches")) {
                for (SeriesGrouping.Patch p : r.patches()) {
                    a.beginRow().append(list).append(p.id()).append(p.series()).append(p.family()).endRow();
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mail_patch_replies")) {
                for (SeriesGrouping.Reply p : r.replies()) {
                    a.beginRow().append(list).append(p.id()).append(p.target()).append(p.series()).endRow();
                }
            }
        });
    }

    /** A patch a commit may have become: its id, sender, date, topic and patch-id. */
    public record PatchRow(int list, String messageId, String email, long epoch, String topic, String patchId) {
    }

    /** Every patch (not cover letter) of every list. */
    public List<PatchRow> patches() {
        List<PatchRow> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT f.list_id, f.message_id,"
                + " lower(m.from_email), m.epoch, f.topic, f.patch_id FROM mail_patch_facts f JOIN mail_messages m"
                + " USING (list_id, message_id) WHERE f.kind = 'patch' ORDER BY m.epoch, f.message_id")) {
            while (rs.next()) {
                out.add(new PatchRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw store.failure("reading patches", e);
        }
        return out;
    }

    /** A stored non-merge commit, as linking needs it. */
    public record CommitRow(int repo, String sha, String authorEmail, long authorEpoch, String subject, String message) {
    }

    /**
     * Non-merge commits authored from {@code since} on, with their message when {@code withMessage} (for Link
     * trailers), streaming.
     */
    public void forEachCommit(long since, Consumer<CommitRow> each) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT repo_id, sha, lower(author_email), author_epoch, subject,"
                + " CASE WHEN message ILIKE '%link:%' OR message ILIKE '%message-id:%' THEN message ELSE '' END"
                + " FROM commits WHERE NOT is_merge AND author_epoch >= ?")) {
            ps.setLong(1, since);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new CommitRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading commits", e);
        }
    }

    /** Stored repositories: id to location (the git folder or work tree it was read from). */
    public java.util.Map<Integer, String> repositories() {
        java.util.Map<Integer, String> out = new java.util.TreeMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id, location FROM repositories")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw store.failure("reading repositories", e);
        }
        return out;
    }

    /** Commits of a repository from {@code since} on whose patch-id is not known yet. */
    public List<String> commitsWithoutPatchId(int repo, long since) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.sha FROM commits c ANTI JOIN commit_patch_ids p"
                + " ON p.repo_id = c.repo_id AND p.sha = c.sha WHERE c.repo_id = ? AND NOT c.is_merge AND c.author_epoch >= ?"
                + " ORDER BY c.author_epoch")) {
            ps.setInt(1, repo);
            ps.setLong(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw store.failure("reading commits", e);
        }
        return out;
    }

    /** Stores commits' patch-ids ("" for a commit without a diff), in one transaction. */
    public void writeCommitPatchIds(int repo, List<String> shas, java.util.Map<String, String> ids) {
        store.transaction("writing commit patch-ids", () -> {
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "commit_patch_ids")) {
                for (String sha : shas) {
                    a.beginRow().append(repo).append(sha).append(ids.getOrDefault(sha, "")).endRow();
                }
            }
        });
    }

    /** Patch-id to the commits that have it, over every repository. */
    public java.util.Map<String, List<String[]>> commitsByPatchId() {
        java.util.Map<String, List<String[]>> out = new java.util.HashMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT patch_id, repo_id, sha FROM commit_patch_ids WHERE patch_id <> ''")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3)});
            }
        } catch (SQLException e) {
            throw store.failure("reading commit patch-ids", e);
        }
        return out;
    }

    /** One link from a patch to the commit it became. */
    public record Link(int list, String messageId, int repo, String sha, String method) {
    }

    /** Replaces every patch-to-commit link, in one transaction. */
    public void replaceLinks(List<Link> links) {
        store.transaction("writing patch links", () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM patch_commits");
            }
            DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "patch_commits")) {
                for (Link l : links) {
                    a.beginRow().append(l.list()).append(l.messageId()).append(l.repo()).append(l.sha()).append(l.method())
                            .endRow();
                }
            }
        });
    }
}
