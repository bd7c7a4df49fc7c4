package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Patch review by mail, as the store keeps it (see {@code docs/mail.md}, "Patches and reviews"): the
 * messages patch review involves with their senders resolved, the patches and their series, the replies,
 * the review trailers and the commits patches landed as. Every value is bound. Stateless over a connection;
 * not thread-safe (the connection is not).
 */
public final class PatchRows {
    private final Connection conn;

    public PatchRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * A message patch review involves: list, Message-ID, time, sender (individual, display name by the one
     * rule, organization at the message's date or null for Unknown, bot).
     */
    public record Message(int list, String id, long epoch, String individual, String name, String organization, boolean bot) {
    }

    /** A patch or cover letter of a series ({@code kind}: patch, cover, ...), and the series' family. */
    public record Patch(int list, String id, String series, String family, String kind) {
    }

    /** A reply to a patch ({@code target}) of a series. */
    public record Reply(int list, String id, String target, String series) {
    }

    /** A review trailer (or NAK) of a reply: its kind, the address and name it names, the patch and series replied to. */
    public record Trailer(int list, String id, String kind, String email, String name, String target, String series) {
    }

    /** A patch that landed: its first commit's committer time and address. */
    public record Landing(int list, String id, long committed, String committer) {
    }

    private static String in(List<Integer> lists) {
        return "(" + String.join(", ", Collections.nCopies(lists.size(), "?")) + ")";
    }

    @FunctionalInterface
    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Integer> lists, int times, Row<T> row) {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (int k = 0; k < times; k++) {
                for (int list : lists) {
                    ps.setInt(i++, list);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.of(rs));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("patch metrics query failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The messages of these lists that patch review involves (patches, cover letters, replies). */
    public List<Message> messages(List<Integer> lists) {
        String sql = "WITH ids AS (SELECT list_id, message_id FROM mail_patches WHERE list_id IN " + in(lists)
                + " UNION SELECT list_id, message_id FROM mail_patch_replies WHERE list_id IN " + in(lists) + "),"
                + " m AS (SELECT mm.list_id, mm.message_id, mm.epoch AS author_epoch, lower(mm.from_email) AS email,"
                + " coalesce(io.individual, mi.person) AS individual, mi.display_name, mi.is_bot FROM mail_messages mm JOIN ids USING (list_id, message_id)"
                + " JOIN mail_identities mi ON mi.list_id = mm.list_id AND mi.name = mm.from_name AND mi.email = mm.from_email"
                + " LEFT JOIN individual_of io ON io.email = mi.person),"
                + Activity.organizationAt("m", "r")
                // the person's one display name (contribution_people); the identity's own until the read model has them
                + ", n AS (SELECT individual, min(display_name) AS name FROM contribution_people GROUP BY individual)"
                + "SELECT r.list_id, r.message_id, r.author_epoch, r.individual, coalesce(n.name, r.display_name), r.organization,"
                + " r.is_bot FROM r LEFT JOIN n ON n.individual = r.individual";
        return query(sql, lists, 2, rs -> new Message(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7)));
    }

    public List<Patch> patches(List<Integer> lists) {
        return query("SELECT p.list_id, p.message_id, p.series_id, p.family_id, f.kind FROM mail_patches p JOIN mail_patch_facts f"
                + " USING (list_id, message_id) WHERE p.list_id IN " + in(lists), lists, 1,
                rs -> new Patch(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    public List<Reply> replies(List<Integer> lists) {
        return query("SELECT r.list_id, r.message_id, r.target_id, r.series_id FROM mail_patch_replies r WHERE r.list_id IN " + in(lists),
                lists, 1, rs -> new Reply(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    public List<Trailer> trailers(List<Integer> lists) {
        return query("SELECT t.list_id, t.message_id, t.kind, t.email, t.name, r.target_id, r.series_id FROM mail_review_trailers t"
                + " JOIN mail_patch_replies r USING (list_id, message_id) WHERE t.list_id IN " + in(lists), lists, 1,
                rs -> new Trailer(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)));
    }

    public List<Landing> landings(List<Integer> lists) {
        return query("SELECT l.list_id, l.message_id, min(c.committer_epoch), arg_min(lower(c.committer_email), c.committer_epoch)"
                + " FROM patch_commits l JOIN commits c ON c.repo_id = l.repo_id AND c.sha = l.sha WHERE l.list_id IN " + in(lists)
                + " GROUP BY ALL", lists, 1, rs -> new Landing(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
    }

    /** The names of these lists, by store id. */
    public Map<Integer, String> listNames(List<Integer> lists) {
        Map<Integer, String> out = new HashMap<>();
        query("SELECT id, name FROM mail_lists WHERE id IN " + in(lists), lists, 1, rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    /** Every stored mailing list, name to store id, by name. */
    public Map<String, Integer> lists() {
        Map<String, Integer> out = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT name, id FROM mail_lists"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("reading lists: " + e.getMessage(), e);
        }
        return out;
    }
}
