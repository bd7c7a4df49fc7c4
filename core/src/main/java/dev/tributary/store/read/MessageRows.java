package dev.tributary.store.read;

import dev.tributary.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Mailing-list messages from the contributions read model ({@code kind = 'message'}), each with its
 * sender resolved (individual, bot flag, organization at the message's date) and its thread: what the
 * mail metrics compute on. Every value is bound. Stateless over a connection; not thread-safe (the
 * connection is not).
 */
public final class MessageRows {
    private final Connection conn;

    public MessageRows(Connection conn) {
        this.conn = conn;
    }

    /**
     * One stored message: list, Message-ID, time, sender (individual, organization or null for Unknown, bot),
     * the message it answers (null for a root), its thread's root, and the other messages it names
     * (In-Reply-To, then References, itself left out).
     */
    public record Message(int list, String id, long epoch, String individual, String organization, boolean bot, String parent,
            String root, List<String> repliesTo) {
        public Message {
            repliesTo = List.copyOf(repliesTo);
        }
    }

    /** Every message of these lists (store ids), in no order. */
    public List<Message> messages(List<Integer> lists) {
        String in = String.join(", ", Collections.nCopies(lists.size(), "?"));
        String sql = "WITH m AS (SELECT c.container AS list_id, c.item AS message_id, c.at_epoch AS author_epoch, c.email,"
                + " p.individual, p.is_bot, c.subject_item AS parent_id, t.thread_root, mm.in_reply_to, mm.refs"
                + " FROM contributions c JOIN contribution_people p ON p.aid = c.actor"
                + " JOIN mail_messages mm ON mm.list_id = c.container AND mm.message_id = c.item"
                + " LEFT JOIN mail_threads t ON t.list_id = c.container AND t.message_id = c.item"
                + " WHERE c.kind = 'message' AND c.container IN (" + in + ")),"
                + Activity.organizationAt("m", "r")
                + "SELECT list_id, message_id, author_epoch, individual, organization, is_bot, parent_id,"
                + " coalesce(thread_root, message_id), in_reply_to, refs FROM r";
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (int list : lists) {
                ps.setInt(i++, list);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    List<String> named = new ArrayList<>();
                    String inReplyTo = rs.getString(9);
                    if (!inReplyTo.isEmpty() && !inReplyTo.equals(id)) {
                        named.add(inReplyTo);
                    }
                    for (String ref : rs.getString(10).split(" ")) {
                        if (!ref.isEmpty() && !ref.equals(id)) {
                            named.add(ref);
                        }
                    }
                    out.add(new Message(rs.getInt(1), id, rs.getLong(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                            rs.getString(7), rs.getString(8), named));
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("mail metrics query failed: " + e.getMessage(), e);
        }
        return out;
    }
}
