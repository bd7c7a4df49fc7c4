package dev.tributary.store;

import dev.tributary.model.MailThread;
import dev.tributary.model.MailMessage;
import dev.tributary.source.Warning;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mailing-list tables: lists, messages (raw activity, deduplicated on list and message id), per-archive
 * cursors, warnings, and what is derived from the messages (thread links, sender identities), replaced whole
 * per list. Every write is one transaction: a killed run leaves whole batches, and a cursor only ever
 * describes messages already stored.
 *
 * <p>Obtained from {@link Store#mail()}; not thread-safe, like the store.
 */
public final class MailStore extends Tables {

    MailStore(Store store) {
        super(store);
    }

    private static final String MESSAGE_COLUMNS = "list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL,"
            + " synthetic_id BOOLEAN NOT NULL, from_name VARCHAR NOT NULL, from_email VARCHAR NOT NULL, epoch BIGINT NOT NULL,"
            + " offset_minutes SMALLINT NOT NULL, subject VARCHAR NOT NULL, in_reply_to VARCHAR NOT NULL, refs VARCHAR NOT NULL,"
            + " body VARCHAR NOT NULL, body_truncated BOOLEAN NOT NULL, attachment_bytes BIGINT NOT NULL, archive VARCHAR NOT NULL,"
            + " archive_offset BIGINT NOT NULL";

    static void createVersion4(Statement st) throws SQLException {
        st.execute("CREATE TABLE mail_lists(id INTEGER NOT NULL, name VARCHAR NOT NULL UNIQUE)");
        st.execute("CREATE TABLE mail_messages(" + MESSAGE_COLUMNS + ")");
        st.execute("CREATE TABLE mail_archives(list_id INTEGER NOT NULL, path VARCHAR NOT NULL, size BIGINT NOT NULL,"
                + " modified BIGINT NOT NULL, head_digest VARCHAR NOT NULL, resume_offset BIGINT NOT NULL)");
        st.execute("CREATE TABLE mail_warnings(list_id INTEGER NOT NULL, archive VARCHAR NOT NULL, archive_offset BIGINT,"
                + " kind VARCHAR NOT NULL, message VARCHAR NOT NULL)");
        // derived, replaced whole per list after each collect
        st.execute("CREATE TABLE mail_threads(list_id INTEGER NOT NULL, message_id VARCHAR NOT NULL, parent_id VARCHAR,"
                + " thread_root VARCHAR NOT NULL)");
        st.execute("CREATE TABLE mail_identities(list_id INTEGER NOT NULL, name VARCHAR NOT NULL, email VARCHAR NOT NULL,"
                + " person VARCHAR NOT NULL, display_name VARCHAR NOT NULL, is_bot BOOLEAN NOT NULL)");
    }

    /** The id of the list named {@code name}, registering it on first sight. */
    public int list(String name) {
        return store.register("registering list " + name, () -> findList(name), "mail_lists", "name", name);
    }

    /** The id of a stored list, if any. */
    public Optional<Integer> findList(String name) {
        return store.first("finding list " + name, "SELECT id FROM mail_lists WHERE name = ?", rs -> rs.getInt(1), name);
    }

    /** What was recorded of an archive file when it was last read completely. */
    public record ArchiveCursor(long size, long modified, String headDigest, long resumeOffset) {
    }

    public Optional<ArchiveCursor> cursor(int list, String path) {
        return store.first("reading archive cursor",
                "SELECT size, modified, head_digest, resume_offset FROM mail_archives WHERE list_id = ? AND path = ?",
                rs -> new ArchiveCursor(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)), list, path);
    }

    /**
     * Forgets what an archive gave from byte {@code from} on (its messages and warnings) and its cursor, in one
     * transaction: before it is read again from there.
     */
    public void forget(int list, String path, long from) {
        store.transaction("forgetting " + path, () -> {
            store.markStale(Contributions.Source.mail);
            store.update("DELETE FROM mail_messages WHERE list_id = ? AND archive = ? AND archive_offset >= ?", list, path, from);
            store.update("DELETE FROM mail_warnings WHERE list_id = ? AND archive = ? AND coalesce(archive_offset, 0) >= ?", list,
                    path, from);
            store.update("DELETE FROM mail_archives WHERE list_id = ? AND path = ?", list, path);
        });
    }

    /**
     * Writes a batch of one archive's messages and warnings in one transaction; a message whose id the list
     * already has (from another archive, or twice in this batch) is not stored again. With a non-null
     * {@code cursor}, the archive's cursor is written in the same transaction (the last batch of a file).
     *
     * @return how many messages were duplicates and not stored
     */
    public int writeBatch(int list, String path, List<MailMessage> messages, List<Warning> warnings, List<Long> warningOffsets,
            ArchiveCursor cursor) {
        int[] dup = new int[1];
        store.transaction("writing " + messages.size() + " messages of " + path, () -> {
            store.markStale(Contributions.Source.mail);
            // the ids of this batch the list already has: one scan of the id column, no copy of the bodies
            java.util.Set<String> seen = new java.util.HashSet<>(Sql.list(conn, "SELECT message_id FROM mail_messages"
                    + " WHERE list_id = ? AND message_id IN (SELECT unnest(?::VARCHAR[]))", rs -> rs.getString(1), list,
                    conn.createArrayOf("VARCHAR", messages.stream().map(MailMessage::messageId).toArray())));
            List<MailMessage> fresh = new ArrayList<>();
            for (MailMessage m : messages) {
                if (seen.add(m.messageId())) {
                    fresh.add(m);
                } else {
                    dup[0]++;
                }
            }
            store.append("mail_messages", fresh, (a, m) -> a.append(list).append(m.messageId()).append(m.syntheticId())
                    .append(m.fromName()).append(m.fromEmail()).append(m.epochSeconds()).append((short) m.offsetMinutes())
                    .append(m.subject()).append(m.inReplyTo()).append(String.join(" ", m.references()))
                    .append(m.body()).append(m.bodyTruncated()).append(m.attachmentBytes()).append(m.archive())
                    .append(m.offset()));
            List<Integer> at = java.util.stream.IntStream.range(0, warnings.size()).boxed().toList();
            store.append("mail_warnings", at, (a, i) -> a.append(list).append(path).append(warningOffsets.get(i))
                    .append(warnings.get(i).kind()).append(warnings.get(i).location() + ": " + warnings.get(i).message()));
            if (cursor != null) {
                store.update("DELETE FROM mail_archives WHERE list_id = ? AND path = ?", list, path);
                store.update("INSERT INTO mail_archives VALUES (?, ?, ?, ?, ?, ?)", list, path, cursor.size(), cursor.modified(),
                        cursor.headDigest(), cursor.resumeOffset());
            }
        });
        return dup[0];
    }

    /**
     * Which of {@code ids} the list already has, each with where it came from ({@code archive commit/byte N}).
     */
    public java.util.Map<String, String> existing(int list, List<String> ids) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try {
            Sql.each(conn, "SELECT message_id, archive, archive_offset FROM mail_messages"
                    + " WHERE list_id = ? AND message_id IN (SELECT unnest(?::VARCHAR[]))",
                    rs -> out.put(rs.getString(1), rs.getString(2) + " #" + rs.getLong(3)), list,
                    conn.createArrayOf("VARCHAR", ids.toArray()));
        } catch (SQLException e) {
            throw store.failure("reading message ids", e);
        }
        return out;
    }

    /**
     * Removes a message an archive itself withdrew (a public-inbox removal), from the given archives only, in one
     * transaction; a copy of it from another source is kept.
     */
    public void remove(int list, String messageId, List<String> archives) {
        store.transaction("removing message " + messageId, () -> store.update("DELETE FROM mail_messages WHERE list_id = ?"
                + " AND message_id = ? AND archive IN (SELECT unnest(?::VARCHAR[]))", list, messageId,
                conn.createArrayOf("VARCHAR", archives.toArray())));
    }

    /** Every message of a list, as threading needs it. */
    public List<MailThread.Node> threadNodes(int list) {
        return store.list("reading messages", "SELECT message_id, in_reply_to, refs, subject, epoch FROM mail_messages WHERE list_id = ?",
                rs -> new MailThread.Node(rs.getString(1), rs.getString(2),
                        rs.getString(3).isEmpty() ? List.of() : List.of(rs.getString(3).split(" ")), rs.getString(4), rs.getLong(5)),
                list);
    }

    /** Replaces a list's thread links, in one transaction. */
    public void replaceThreads(int list, List<MailThread.Link> links) {
        store.transaction("writing threads", () -> {
            store.markStale(Contributions.Source.mail); // a reply's subject comes from its thread link
            store.update("DELETE FROM mail_threads WHERE list_id = ?", list);
            store.append("mail_threads", links, (a, l) -> a.append(list).append(l.id()).append(l.parent()).append(l.root()));
        });
    }

    /**
     * Whether every stored message of the list is threaded: a run killed after storing messages leaves
     * counts that differ, and the next run threads the list even when every archive is unchanged.
     */
    public boolean threaded(int list) {
        return store.first("reading threads", "SELECT (SELECT count(*) FROM mail_messages WHERE list_id = ?)"
                + " = (SELECT count(*) FROM mail_threads WHERE list_id = ?)", rs -> rs.getBoolean(1), list, list).orElseThrow();
    }

    /** Distinct raw (name, email) senders of a list. */
    public List<String[]> senders(int list) {
        return store.distinctPairs("SELECT DISTINCT from_name, from_email FROM mail_messages WHERE list_id = ? ORDER BY 1, 2",
                list, "reading senders");
    }

    /** Every stored list id. */
    public List<Integer> lists() {
        return store.list("reading lists", "SELECT id FROM mail_lists ORDER BY id", rs -> rs.getInt(1));
    }

    /** Replaces a list's sender identities, in one transaction. */
    public void replaceIdentities(int list, List<Store.IdentityRow> rows) {
        store.transaction("writing list identities", () -> {
            try (Statement st = conn.createStatement()) {
                store.markPeopleStale(st);
            }
            store.update("DELETE FROM mail_identities WHERE list_id = ?", list);
            store.appendIdentities("mail_identities", list, rows);
        });
    }
}
