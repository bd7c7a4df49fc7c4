package dev.tributary.source.mail;

import dev.tributary.TributaryException;
import dev.tributary.model.MailMessage;
import dev.tributary.source.Warning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The public-inbox source: a mail archive kept in git, read straight from its objects with JGit, one commit
 * (one delivery) at a time, through the same {@link MessageParser} as every other mail archive.
 * <ul>
 * <li><b>v2</b> (public-inbox-v2-format(5)): a directory whose {@code git/} holds epoch repositories
 * {@code 0.git}, {@code 1.git}, ...; each commit's tree holds one message, in the file {@code m}, and a
 * removal (spam, a purge) commits the removed message as {@code d}. A single epoch repository can be named
 * on its own.</li>
 * <li><b>v1</b> (ssoma): one repository whose tree holds every message as a blob at a path made from the SHA-1
 * of its Message-ID ({@code ab/cdef...}); each commit adds (or deletes) messages.</li>
 * </ul>
 * An epoch is read from a cursor (the last commit read) to its tip, oldest first; when the cursor is no longer
 * in the tip's history (the epoch was rewritten) the caller reads it again whole. Bad input is a warning naming
 * the commit: a missing object, a commit without {@code m}, a blob that is not mail.
 *
 * <p>Immutable once detected; each {@link #read} opens its own repository, so epochs may be read on different
 * threads.
 */
public final class PublicInbox {
    private static final Pattern EPOCH = Pattern.compile("(\\d+)\\.git");
    private static final Pattern SSOMA_DIR = Pattern.compile("[0-9a-f]{2}");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The layout of an inbox. */
    public enum Format { V1, V2 }

    /** One git repository of an inbox: an epoch of a v2 inbox, or the one repository of a v1 inbox. */
    public record Epoch(String name, Path gitDir) {
    }

    /** Where reading an epoch starts: after commit {@code commit}, the {@code commits}-th read from its root. */
    public record Cursor(String commit, long commits) {
    }

    /** Receives what one epoch holds, oldest commit first. */
    public interface Sink {
        /** A message, delivered by commit {@code commit}. */
        void message(MailMessage m, String commit);

        /** A message removed by commit {@code commit} (v2's {@code d}, a path deleted in v1). */
        void removed(String messageId, String commit);

        /** A problem with commit {@code commit}; the commit's other content, and the next commits, are still read. */
        void warning(Warning w, String commit);

        /** After each commit: {@code commits} read from the epoch's root so far, the last being {@code commit}. */
        default void progress(long commits, String commit) {
        }
    }

    /**
     * What reading an epoch did.
     *
     * @param tip     the last commit read (the cursor of the next read), or null for an empty epoch
     * @param commits commits read from the epoch's root up to {@code tip}
     */
    public record Read(String tip, long commits, int messages, int removed) {
    }

    private final Path path;
    private final Format format;
    private final List<Epoch> epochs;

    private PublicInbox(Path path, Format format, List<Epoch> epochs) {
        this.path = path;
        this.format = format;
        this.epochs = List.copyOf(epochs);
    }

    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    /** The epochs, in order ({@code 0.git} first). */
    public List<Epoch> epochs() {
        return epochs;
    }

    /**
     * The inbox at {@code path}, if it is one: a v2 inbox directory (with {@code git/N.git}), a single v2 epoch
     * repository (its tip's tree holds {@code m} or {@code d}), or a v1 repository (its tip's tree holds only
     * two-hex-digit folders). Empty when {@code path} is not a git repository at all (a folder of mail files).
     *
     * @throws TributaryException.InvalidInput naming the path when it is a git repository but not an inbox, or
     *                                         cannot be read
     */
    public static Optional<PublicInbox> detect(Path path) {
        Path git = path.resolve("git");
        if (Files.isDirectory(git)) {
            List<Epoch> epochs = new ArrayList<>();
            try (Stream<Path> s = Files.list(git)) {
                s.filter(Files::isDirectory).filter(p -> EPOCH.matcher(p.getFileName().toString()).matches())
                        .sorted((a, b) -> Long.compare(epochNumber(a), epochNumber(b)))
                        .forEach(p -> epochs.add(new Epoch(p.getFileName().toString(), p)));
            } catch (IOException e) {
                throw new TributaryException.InvalidInput(git + ": cannot list: " + e.getMessage(), e);
            }
            if (!epochs.isEmpty()) {
                return Optional.of(new PublicInbox(path, Format.V2, epochs));
            }
        }
        Path gitDir = gitDir(path);
        if (gitDir == null) {
            return Optional.empty();
        }
        try (Repository repo = open(gitDir); RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = tip(repo);
            Epoch one = new Epoch(path.getFileName() == null ? path.toString() : path.getFileName().toString(), gitDir);
            if (tip == null) {
                return Optional.of(new PublicInbox(path, Format.V2, List.of(one))); // an epoch with nothing yet
            }
            RevCommit c = walk.parseCommit(tip);
            boolean ssoma = false;
            boolean other = false;
            CanonicalTreeParser t = new CanonicalTreeParser(null, walk.getObjectReader(), c.getTree());
            for (; !t.eof(); t.next()) {
                String name = t.getEntryPathString();
                if ((name.equals("m") || name.equals("d")) && t.getEntryFileMode() == FileMode.REGULAR_FILE) {
                    return Optional.of(new PublicInbox(path, Format.V2, List.of(one)));
                }
                if (SSOMA_DIR.matcher(name).matches() && t.getEntryFileMode() == FileMode.TREE) {
                    ssoma = true;
                } else {
                    other = true;
                }
            }
            if (ssoma && !other) {
                return Optional.of(new PublicInbox(path, Format.V1, List.of(one)));
            }
            throw new TributaryException.InvalidInput(path + ": a git repository but not a public-inbox (its tip's tree has"
                    + " neither 'm' nor ssoma's two-hex-digit folders)");
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(path + ": cannot read the repository: " + e.getMessage(), e);
        }
    }

    private static long epochNumber(Path p) {
        String n = p.getFileName().toString();
        try {
            return Long.parseLong(n.substring(0, n.length() - 4));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long: last
        }
    }

    /** The git directory at {@code path} (a bare repository or a work tree's {@code .git}), or null. */
    private static Path gitDir(Path path) {
        if (Files.isDirectory(path.resolve("objects")) && Files.exists(path.resolve("HEAD"))) {
            return path;
        }
        Path dotGit = path.resolve(".git");
        return Files.isDirectory(dotGit.resolve("objects")) ? dotGit : null;
    }

    private static Repository open(Path gitDir) throws IOException {
        try {
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        } catch (RepositoryNotFoundException e) {
            throw new TributaryException.InvalidInput(gitDir + ": not a git repository", e);
        }
    }

    /** HEAD, else {@code refs/heads/master} (public-inbox's branch), else null for an epoch with no commit. */
    private static ObjectId tip(Repository repo) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        return head != null ? head : repo.resolve("refs/heads/master^{commit}");
    }

    /**
     * The epoch's current tip, or null when it has no commit yet.
     *
     * @throws IOException if the repository cannot be read
     */
    public static String tip(Epoch epoch) throws IOException {
        try (Repository repo = open(epoch.gitDir())) {
            ObjectId tip = tip(repo);
            return tip == null ? null : tip.name();
        }
    }

    /**
     * Reads an epoch after {@code since} (null: from its root) to its tip, giving every message, removal and
     * warning to {@code sink}. The caller checks first, with {@link #extends_}, that {@code since} is still in
     * the tip's history.
     *
     * @param name the epoch's name in messages and warnings (also each message's {@code archive})
     * @throws IOException if the repository cannot be read at all (a missing object in one commit is a warning)
     */
    public Read read(Epoch epoch, Cursor since, String name, Sink sink) throws IOException {
        MessageParser parser = new MessageParser();
        try (Repository repo = open(epoch.gitDir()); RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = tip(repo);
            if (tip == null) {
                return new Read(null, 0, 0, 0);
            }
            ObjectReader reader = walk.getObjectReader();
            walk.setRetainBody(false);
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(tip));
            if (since != null) {
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(since.commit())));
            }
            long n = since == null ? 0 : since.commits();
            String last = since == null ? null : since.commit();
            int messages = 0;
            int removed = 0;
            for (RevCommit c; (c = walk.next()) != null; ) {
                n++;
                last = c.name();
                String where = name + " commit " + c.name();
                int[] got = format == Format.V2 ? readV2(reader, c, n, where, name, parser, sink)
                        : readV1(reader, c, n, where, name, parser, sink);
                messages += got[0];
                removed += got[1];
                sink.progress(n, last);
            }
            return new Read(last, n, messages, removed);
        }
    }

    /** Events handed from the reading thread to the caller's in {@link #readAhead}. */
    private record Event(int type, MailMessage message, String id, Warning warning, long commits, Object end) {
    }

    /**
     * As {@link #read}, but reading and parsing on a thread of its own, one bounded queue ahead of {@code sink},
     * which is called on the caller's thread, in the same order: the caller's work (storing) and the parsing run
     * on two cores.
     *
     * @throws IOException as {@link #read}
     */
    public Read readAhead(Epoch epoch, Cursor since, String name, Sink sink) throws IOException {
        java.util.concurrent.BlockingQueue<Event> queue = new java.util.concurrent.ArrayBlockingQueue<>(256);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            Object end;
            try {
                end = read(epoch, since, name, new Sink() {
                    @Override
                    public void message(MailMessage m, String commit) {
                        put(new Event(0, m, commit, null, 0, null));
                    }

                    @Override
                    public void removed(String messageId, String commit) {
                        put(new Event(1, null, messageId + "\n" + commit, null, 0, null));
                    }

                    @Override
                    public void warning(Warning w, String commit) {
                        put(new Event(2, null, commit, w, 0, null));
                    }

                    @Override
                    public void progress(long commits, String commit) {
                        put(new Event(3, null, commit, null, commits, null));
                    }

                    private void put(Event e) {
                        try {
                            while (!stop.get() && !queue.offer(e, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                                // the caller is busy storing; wait for room
                            }
                        } catch (InterruptedException x) {
                            Thread.currentThread().interrupt();
                            stop.set(true);
                        }
                        if (stop.get()) {
                            throw new java.util.concurrent.CancellationException("the caller stopped");
                        }
                    }
                });
            } catch (IOException | RuntimeException | Error e) {
                end = e;
            }
            try {
                while (!stop.get() && !queue.offer(new Event(4, null, null, null, 0, end), 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // wait for room
                }
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        }, "tributary-inbox-" + epoch.name());
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Event e = queue.take();
                switch (e.type()) {
                    case 0 -> sink.message(e.message(), e.id());
                    case 1 -> {
                        int nl = e.id().lastIndexOf('\n');
                        sink.removed(e.id().substring(0, nl), e.id().substring(nl + 1));
                    }
                    case 2 -> sink.warning(e.warning(), e.id());
                    case 3 -> sink.progress(e.commits(), e.id());
                    default -> {
                        if (e.end() instanceof Read r) {
                            return r;
                        }
                        if (e.end() instanceof IOException x) {
                            throw x;
                        }
                        if (e.end() instanceof RuntimeException x) {
                            throw x;
                        }
                        throw (Error) e.end();
                    }
                }
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + name);
        } finally {
            stop.set(true); // a failure on this side ends the reader too
        }
    }

    /**
     * Whether {@code cursor} is still in the history of the epoch's tip (else the epoch was rewritten and is read
     * again whole).
     */
    public static boolean extends_(Epoch epoch, Cursor cursor) throws IOException {
        try (Repository repo = open(epoch.gitDir()); RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = tip(repo);
            if (tip == null) {
                return false;
            }
            try {
                return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(cursor.commit())), walk.parseCommit(tip));
            } catch (MissingObjectException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private int[] readV2(ObjectReader reader, RevCommit c, long n, String where, String name, MessageParser parser, Sink sink)
            throws IOException {
        ObjectId m = null;
        ObjectId d = null;
        try {
            CanonicalTreeParser t = new CanonicalTreeParser(null, reader, c.getTree());
            for (; !t.eof(); t.next()) {
                if (t.getEntryFileMode() != FileMode.REGULAR_FILE) {
                    continue;
                }
                String entry = t.getEntryPathString();
                if (entry.equals("m")) {
                    m = t.getEntryObjectId();
                } else if (entry.equals("d")) {
                    d = t.getEntryObjectId();
                }
            }
        } catch (MissingObjectException e) {
            sink.warning(new Warning("missing-object", where, "its tree " + e.getObjectId().name() + " is missing: skipped"), c.name());
            return new int[] {0, 0};
        }
        if (m == null && d == null) {
            sink.warning(new Warning("no-message", where, "its tree has no 'm' (message) nor 'd' (removal): skipped"), c.name());
            return new int[] {0, 0};
        }
        int[] out = new int[2];
        if (m != null) {
            MailMessage msg = message(reader, m, c, n, where, name, parser, sink);
            if (msg != null) {
                sink.message(msg, c.name());
                out[0]++;
            }
        }
        if (d != null) {
            MailMessage gone = message(reader, d, c, n, where + " (removal)", name, parser, sink);
            if (gone != null) {
                sink.removed(gone.messageId(), c.name());
                out[1]++;
            }
        }
        return out;
    }

    private int[] readV1(ObjectReader reader, RevCommit c, long n, String where, String name, MessageParser parser, Sink sink)
            throws IOException {
        int[] out = new int[2];
        List<ObjectId[]> changes = new ArrayList<>(); // {old, new}: a null side is an added or deleted path
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            if (c.getParentCount() == 0) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                RevCommit p = c.getParent(0);
                if (p.getTree() == null) {
                    try (RevWalk w = new RevWalk(reader)) {
                        p = w.parseCommit(p);
                    }
                }
                tw.addTree(p.getTree());
            }
            tw.addTree(c.getTree());
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                ObjectId before = tw.getFileMode(0) == FileMode.MISSING ? null : tw.getObjectId(0);
                ObjectId after = tw.getFileMode(1) == FileMode.MISSING ? null : tw.getObjectId(1);
                changes.add(new ObjectId[] {before, after});
            }
        } catch (MissingObjectException e) {
            sink.warning(new Warning("missing-object", where, "tree " + e.getObjectId().name() + " is missing: skipped"), c.name());
            return out;
        }
        if (changes.isEmpty()) {
            sink.warning(new Warning("no-message", where, "it adds no message: skipped"), c.name());
        }
        for (ObjectId[] ch : changes) {
            if (ch[1] != null) {
                MailMessage msg = message(reader, ch[1], c, n, where, name, parser, sink);
                if (msg != null) {
                    sink.message(msg, c.name());
                    out[0]++;
                }
            } else {
                MailMessage gone = message(reader, ch[0], c, n, where + " (removal)", name, parser, sink);
                if (gone != null) {
                    sink.removed(gone.messageId(), c.name());
                    out[1]++;
                }
            }
        }
        return out;
    }

    /** One blob parsed as a message, or null after a warning naming the commit. */
    private static MailMessage message(ObjectReader reader, ObjectId blob, RevCommit c, long n, String where, String name,
            MessageParser parser, Sink sink) throws IOException {
        byte[] bytes;
        long dropped = 0;
        try {
            ObjectLoader l = reader.open(blob, Constants.OBJ_BLOB);
            if (l.getSize() <= MboxScanner.CAP) {
                bytes = l.getCachedBytes(MboxScanner.CAP);
            } else {
                try (InputStream in = l.openStream()) {
                    bytes = in.readNBytes(MboxScanner.CAP);
                }
                dropped = l.getSize() - bytes.length;
            }
        } catch (MissingObjectException e) {
            sink.warning(new Warning("missing-object", where, "blob " + blob.name() + " is missing: skipped"), c.name());
            return null;
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            sink.warning(new Warning("not-mail", where, "object " + blob.name() + " is not a blob: skipped"), c.name());
            return null;
        }
        // the commit's (delivery) time stands in for an mbox envelope's date when the Date header fails; no
        // sender stands in for From: a blob without one is not mail
        String envelope = "From - " + ASCTIME.format(Instant.ofEpochSecond(c.getCommitTime()));
        MboxScanner.Raw raw = new MboxScanner.Raw(n, envelope, bytes, bytes.length, dropped, false);
        return parser.parse(raw, name, where, w -> sink.warning(w, c.name()));
    }
}
