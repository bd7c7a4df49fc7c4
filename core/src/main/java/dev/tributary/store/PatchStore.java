package dev.tributary.store;

import dev.tributary.model.SeriesGrouping;
import dev.tributary.model.PatchFacts;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
public final class PatchStore extends Tables {

    PatchStore(Store store) {
        super(store);
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
                store.update("DELETE FROM " + t + " f WHERE list_id = ? AND NOT EXISTS"
                        + " (SELECT 1 FROM mail_messages m WHERE m.list_id = f.list_id AND m.message_id = f.message_id)", list);
            }
        });
        // only bodies that may hold a diff or a review trailer are read out (most messages are neither)
        store.each("reading messages to analyse", "SELECT m.message_id, m.subject, CASE WHEN m.body LIKE '%diff %'"
                + " OR m.body LIKE '%+++ %' OR m.body LIKE '%Index: %' OR m.body ILIKE '%-by:%' OR m.body ILIKE '%nak%'"
                + " OR m.body ILIKE '%nack%'"
                + " THEN m.body ELSE '' END FROM mail_messages m ANTI JOIN mail_patch_facts f"
                + " ON f.list_id = m.list_id AND f.message_id = m.message_id WHERE m.list_id = ?",
                rs -> each.accept(new Unanalyzed(rs.getString(1), rs.getString(2), rs.getString(3))), list);
    }

    /** Writes facts and trailers, in one transaction. */
    public void writeFacts(int list, List<Fact> facts, List<TrailerRow> trailers) {
        store.transaction("writing " + facts.size() + " patch facts", () -> {
            store.append("mail_patch_facts", facts, (a, f) -> {
                PatchFacts.Subject s = f.subject();
                a.append(list).append(f.messageId()).append(f.kind().name().toLowerCase(java.util.Locale.ROOT)).append(s.rfc())
                        .append(s.resend()).append(s.version()).append(s.number()).append(s.total()).append(s.topic())
                        .append(f.patchId());
            });
            store.append("mail_review_trailers", trailers, (a, t) -> a.append(list).append(t.messageId()).append(t.trailer().kind())
                    .append(t.trailer().name()).append(t.trailer().email()));
        });
    }

    /** Every message of a list as series grouping needs it (facts, parent link, sender, date). */
    public List<SeriesGrouping.Node> nodes(int list) {
        return store.list("reading patch facts", "SELECT m.message_id, t.parent_id, f.kind, f.version, f.number, f.total,"
                + " f.topic, m.from_email, m.epoch FROM mail_messages m JOIN mail_patch_facts f USING (list_id, message_id)"
                + " LEFT JOIN mail_threads t USING (list_id, message_id) WHERE m.list_id = ?",
                rs -> new SeriesGrouping.Node(rs.getString(1), rs.getString(2),
                        PatchFacts.Kind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8), rs.getLong(9)), list);
    }

    /** Replaces a list's series and reply links, in one transaction. */
    public void replaceSeries(int list, SeriesGrouping.Result r) {
        store.transaction("writing patch series", () -> {
            for (String t : List.of("mail_patches", "mail_patch_replies")) {
                store.update("DELETE FROM " + t + " WHERE list_id = ?", list);
            }
            store.append("mail_patches", r.patches(), (a, p) -> a.append(list).append(p.id()).append(p.series()).append(p.family()));
            store.append("mail_patch_replies", r.replies(), (a, p) -> a.append(list).append(p.id()).append(p.target())
                    .append(p.series()));
        });
    }

    /** A patch a commit may have become: its id, sender, date, topic and patch-id. */
    public record PatchRow(int list, String messageId, String email, long epoch, String topic, String patchId) {
    }

    /** Every patch (not cover letter) of every list. */
    public List<PatchRow> patches() {
        return store.list("reading patches", "SELECT f.list_id, f.message_id,"
                + " lower(m.from_email), m.epoch, f.topic, f.patch_id FROM mail_patch_facts f JOIN mail_messages m"
                + " USING (list_id, message_id) WHERE f.kind = 'patch' ORDER BY m.epoch, f.message_id",
                rs -> new PatchRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6)));
    }

    /** A stored non-merge commit, as linking needs it. */
    public record CommitRow(int repo, String sha, String authorEmail, long authorEpoch, String subject, String message) {
    }

    /**
     * Non-merge commits authored from {@code since} on, with their message when {@code withMessage} (for Link
     * trailers), streaming.
     */
    public void forEachCommit(long since, Consumer<CommitRow> each) {
        store.each("reading commits", "SELECT repo_id, sha, lower(author_email), author_epoch, subject,"
                + " CASE WHEN message ILIKE '%link:%' OR message ILIKE '%message-id:%' THEN message ELSE '' END"
                + " FROM commits WHERE NOT is_merge AND author_epoch >= ?",
                rs -> each.accept(new CommitRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6))), since);
    }

    /** Stored repositories: id to location (the git folder or work tree it was read from). */
    public java.util.Map<Integer, String> repositories() {
        java.util.Map<Integer, String> out = new java.util.TreeMap<>();
        store.each("reading repositories", "SELECT id, location FROM repositories", rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    /** Commits of a repository from {@code since} on whose patch-id is not known yet. */
    public List<String> commitsWithoutPatchId(int repo, long since) {
        return store.list("reading commits", "SELECT c.sha FROM commits c ANTI JOIN commit_patch_ids p"
                + " ON p.repo_id = c.repo_id AND p.sha = c.sha WHERE c.repo_id = ? AND NOT c.is_merge AND c.author_epoch >= ?"
                + " ORDER BY c.author_epoch", rs -> rs.getString(1), repo, since);
    }

    /** Stores commits' patch-ids ("" for a commit without a diff), in one transaction. */
    public void writeCommitPatchIds(int repo, List<String> shas, java.util.Map<String, String> ids) {
        store.transaction("writing commit patch-ids", () -> store.append("commit_patch_ids", shas,
                (a, sha) -> a.append(repo).append(sha).append(ids.getOrDefault(sha, ""))));
    }

    /** Patch-id to the commits that have it, over every repository. */
    public java.util.Map<String, List<String[]>> commitsByPatchId() {
        java.util.Map<String, List<String[]>> out = new java.util.HashMap<>();
        store.each("reading commit patch-ids", "SELECT patch_id, repo_id, sha FROM commit_patch_ids WHERE patch_id <> ''",
                rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3)}));
        return out;
    }

    /** One link from a patch to the commit it became. */
    public record Link(int list, String messageId, int repo, String sha, String method) {
    }

    /** Replaces every patch-to-commit link, in one transaction. */
    public void replaceLinks(List<Link> links) {
        store.transaction("writing patch links", () -> {
            store.update("DELETE FROM patch_commits");
            store.append("patch_commits", links, (a, l) -> a.append(l.list()).append(l.messageId()).append(l.repo()).append(l.sha())
                    .append(l.method()));
        });
    }
}
