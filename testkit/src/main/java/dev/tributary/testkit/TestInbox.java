package dev.tributary.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A public-inbox archive built in code, in the shapes public-inbox writes (public-inbox-v2-format(5)):
 * <pre>{@code
 * try (TestInbox inbox = TestInbox.v2(dir)) {
 *     inbox.epoch(0).deliver(TestInbox.mail("<a@x>", "Ann <ann@ibm.com>", "Mon, 2 Mar 2020 10:00:00 +0000", "[PATCH] x", "body"));
 *     inbox.epoch(0).remove(spam);                 // a commit whose tree holds the message as 'd'
 * }
 * }</pre>
 * A v2 epoch commits each message alone as the file {@code m} of its tree; a v1 (ssoma) repository keeps every
 * message at {@code ab/cdef...}, the SHA-1 of its Message-ID, in one growing tree. Commits are made on
 * {@code refs/heads/master} in bare repositories; their author is the message's sender, their time the delivery's.
 * Not thread-safe.
 */
public final class TestInbox implements AutoCloseable {
    private static final Pattern FROM = Pattern.compile("(?mi)^From:\\s*(.*?)\\s*<([^>]*)>");
    private static final Pattern MID = Pattern.compile("(?mi)^Message-ID:\\s*<([^>]*)>");

    private final Path dir;
    private final boolean v1;
    private final Map<Integer, Epoch> epochs = new TreeMap<>();
    private long clock = 1_600_000_000L;

    private TestInbox(Path dir, boolean v1) {
        this.dir = dir;
        this.v1 = v1;
    }

    /** A v2 inbox directory at {@code dir} (epochs under {@code dir/git/N.git}). */
    public static TestInbox v2(Path dir) {
        return new TestInbox(dir, false);
    }

    /** A v1 (ssoma) inbox: one bare repository at {@code dir}. */
    public static TestInbox v1(Path dir) throws IOException {
        TestInbox t = new TestInbox(dir, true);
        t.epochs.put(0, t.new Epoch(dir));
        return t;
    }

    public Path dir() {
        return dir;
    }

    /** Epoch {@code n} of a v2 inbox, created on first use; the repository of a v1 inbox for 0. */
    public Epoch epoch(int n) throws IOException {
        Epoch e = epochs.get(n);
        if (e == null) {
            if (v1) {
                throw new IllegalArgumentException("a v1 inbox has one repository, not epoch " + n);
            }
            e = new Epoch(dir.resolve("git").resolve(n + ".git"));
            epochs.put(n, e);
        }
        return e;
    }

    /** A raw message with the usual headers, CRLF-free. */
    public static String mail(String messageId, String from, String date, String subject, String body) {
        return "From: " + from + "\nDate: " + date + "\nSubject: " + subject + "\nMessage-ID: " + messageId + "\n\n" + body + "\n";
    }

    /** {@link #mail} with an In-Reply-To (and References) naming {@code parent}. */
    public static String reply(String messageId, String from, String date, String subject, String parent, String body) {
        return "From: " + from + "\nDate: " + date + "\nSubject: " + subject + "\nMessage-ID: " + messageId + "\nIn-Reply-To: "
                + parent + "\nReferences: " + parent + "\n\n" + body + "\n";
    }

    @Override
    public void close() {
        for (Epoch e : epochs.values()) {
            e.repo.close();
        }
    }

    /** One repository of the inbox. */
    public final class Epoch {
        private final Repository repo;
        private ObjectId tip;
        private final Map<String, ObjectId> ssoma = new TreeMap<>(); // v1: path -> blob

        private Epoch(Path gitDir) throws IOException {
            repo = FileRepositoryBuilder.create(new File(gitDir.toString()));
            repo.create(true);
            RefUpdate u = repo.updateRef(Constants.HEAD);
            u.link("refs/heads/master");
        }

        public Path gitDir() {
            return repo.getDirectory().toPath();
        }

        public Repository repository() {
            return repo;
        }

        /** Delivers a raw message: one commit. @return the commit id */
        public String deliver(String raw) throws IOException {
            return deliver(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Delivers raw bytes as a message (they need not be mail: a test of bad input). @return the commit id */
        public String deliver(byte[] raw) throws IOException {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                ObjectId blob = ins.insert(Constants.OBJ_BLOB, raw);
                ObjectId tree;
                if (v1) {
                    ssoma.put(ssomaPath(raw), blob);
                    tree = ssomaTree(ins);
                } else {
                    TreeFormatter t = new TreeFormatter();
                    t.append("m", FileMode.REGULAR_FILE, blob);
                    tree = ins.insert(t);
                }
                return commit(ins, tree, raw);
            }
        }

        /** Removes a delivered message: v2 commits it as {@code d}, v1 deletes its path. @return the commit id */
        public String remove(String raw) throws IOException {
            byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            try (ObjectInserter ins = repo.newObjectInserter()) {
                ObjectId tree;
                if (v1) {
                    ssoma.remove(ssomaPath(bytes));
                    tree = ssomaTree(ins);
                } else {
                    TreeFormatter t = new TreeFormatter();
                    t.append("d", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, bytes));
                    tree = ins.insert(t);
                }
                return commit(ins, tree, bytes);
            }
        }

        /** A commit whose tree holds neither {@code m} nor {@code d} (bad input). @return the commit id */
        public String commitWithoutMessage() throws IOException {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                TreeFormatter t = new TreeFormatter();
                t.append("README", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, "not a message\n".getBytes(StandardCharsets.UTF_8)));
                return commit(ins, ins.insert(t), new byte[0]);
            }
        }

        /** A commit whose {@code m} names a blob that is not in the repository (bad input). @return the commit id */
        public String commitWithMissingBlob() throws IOException {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                TreeFormatter t = new TreeFormatter();
                t.append("m", FileMode.REGULAR_FILE, ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
                return commit(ins, ins.insert(t), new byte[0]);
            }
        }

        private String commit(ObjectInserter ins, ObjectId tree, byte[] raw) throws IOException {
            String text = new String(raw, StandardCharsets.UTF_8);
            Matcher f = FROM.matcher(text);
            PersonIdent who = f.find() ? new PersonIdent(f.group(1).isEmpty() ? f.group(2) : f.group(1), f.group(2),
                    Instant.ofEpochSecond(clock), ZoneOffset.UTC)
                    : new PersonIdent("public-inbox", "", Instant.ofEpochSecond(clock), ZoneOffset.UTC);
            clock += 60;
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(tree);
            if (tip != null) {
                c.setParentId(tip);
            }
            c.setAuthor(who);
            c.setCommitter(new PersonIdent("public-inbox", "", who.getWhenAsInstant(), ZoneOffset.UTC));
            Matcher s = Pattern.compile("(?mi)^Subject:\\s*(.*)$").matcher(text);
            c.setMessage(s.find() ? s.group(1) : "");
            ObjectId id = ins.insert(c);
            ins.flush();
            RefUpdate u = repo.updateRef("refs/heads/master");
            u.setNewObjectId(id);
            u.setForceUpdate(true);
            u.forceUpdate();
            tip = id;
            return id.name();
        }

        private String ssomaPath(byte[] raw) {
            Matcher m = MID.matcher(new String(raw, StandardCharsets.UTF_8));
            String mid = m.find() ? m.group(1) : HexFormat.of().formatHex(raw, 0, Math.min(raw.length, 8));
            try {
                String h = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(mid.getBytes(StandardCharsets.UTF_8)));
                return h.substring(0, 2) + "/" + h.substring(2);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private ObjectId ssomaTree(ObjectInserter ins) throws IOException {
            Map<String, TreeFormatter> dirs = new TreeMap<>();
            for (Map.Entry<String, ObjectId> e : ssoma.entrySet()) {
                String d = e.getKey().substring(0, 2);
                dirs.computeIfAbsent(d, k -> new TreeFormatter()).append(e.getKey().substring(3), FileMode.REGULAR_FILE, e.getValue());
            }
            TreeFormatter root = new TreeFormatter();
            for (Map.Entry<String, TreeFormatter> e : dirs.entrySet()) {
                root.append(e.getKey(), FileMode.TREE, ins.insert(e.getValue()));
            }
            return ins.insert(root);
        }
    }
}
