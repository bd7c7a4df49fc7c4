package dev.tributary.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A real git repository built in code, for tests: commits are written as objects (no work tree files),
 * on a current branch whose tree is edited by each {@link Change}.
 *
 * <pre>{@code
 * try (TestRepo repo = TestRepo.init(dir)) {
 *     String c1 = repo.commit().by("Ann", "ann@ibm.com", "2020-01-01T10:00:00+02:00")
 *             .put("a.txt", "one\ntwo\n").message("add a").create();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class TestRepo implements AutoCloseable {
    private final Repository repo;
    private final Path dir;
    private String branch = "main";
    /** The current tree: raw path bytes (as ISO-8859-1 text) to entry. */
    private final Map<String, Entry> tree = new TreeMap<>();
    private int tick;

    private record Entry(FileMode mode, ObjectId id) {
    }

    private TestRepo(Repository repo, Path dir) {
        this.repo = repo;
        this.dir = dir;
    }

    /** Creates a new repository with a work tree folder at {@code dir} (the work tree stays empty). */
    public static TestRepo init(Path dir) throws IOException {
        Repository r = FileRepositoryBuilder.create(new File(dir.toFile(), ".git"));
        r.create();
        RefUpdate u = r.updateRef(Constants.HEAD);
        u.link("refs/heads/main");
        return new TestRepo(r, dir);
    }

    public Path dir() {
        return dir;
    }

    public Repository repository() {
        return repo;
    }

    /** Starts a commit on the current branch, parented on its tip. */
    public Change commit() {
        return new Change();
    }

    /**
     * The smallest history with two people, built at {@code dir}: Ann (ann@example.com) writes a = "1" on
     * 2020-01-01, Bob (bob@example.org) adds a second line to a on 2020-01-02, Ann adds b = "x" on 2020-01-03 (3
     * commits, 1 + 1 + 1 lines added, nothing removed; the last commit is the one that adds b). Returns {@code dir}.
     */
    public static Path threeCommits(Path dir) throws IOException {
        try (TestRepo r = init(dir)) {
            r.commit().by("Ann", "ann@example.com", "2020-01-01T10:00:00Z").put("a", "1\n").create();
            r.commit().by("Bob", "bob@example.org", "2020-01-02T10:00:00Z").put("a", "1\n2\n").create();
            r.commit().by("Ann", "ann@example.com", "2020-01-03T10:00:00Z").put("b", "x\n").create();
        }
        return dir;
    }

    /**
     * One author's commits, one at each of {@code whens} in turn, each rewriting {@code path} to the line
     * {@code "<name> <when>"} (one line added, and from the second on one removed); for histories where only who
     * committed when matters. Returns the last commit's id.
     */
    public String commits(String name, String email, String path, String... whens) throws IOException {
        if (whens.length == 0) {
            throw new IllegalArgumentException("no dates for " + name + " <" + email + ">");
        }
        String last = null;
        for (String when : whens) {
            last = commit().by(name, email, when).put(path, name + " " + when + "\n").create();
        }
        return last;
    }

    /** Points branch {@code name} at {@code sha} and makes it current (its tree becomes the working state). */
    public TestRepo checkout(String name, String sha) throws IOException {
        RefUpdate u = repo.updateRef("refs/heads/" + name);
        u.setNewObjectId(ObjectId.fromString(sha));
        u.setForceUpdate(true);
        u.forceUpdate();
        RefUpdate h = repo.updateRef(Constants.HEAD);
        h.link("refs/heads/" + name);
        branch = name;
        loadTree(sha);
        return this;
    }

    /** Creates a lightweight tag. */
    public void tag(String name, String sha) throws IOException {
        RefUpdate u = repo.updateRef("refs/tags/" + name);
        u.setNewObjectId(ObjectId.fromString(sha));
        u.forceUpdate();
    }

    private void loadTree(String sha) throws IOException {
        tree.clear();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            RevCommit c = rw.parseCommit(ObjectId.fromString(sha));
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                tree.put(new String(tw.getRawPath(), StandardCharsets.ISO_8859_1),
                        new Entry(tw.getFileMode(0), tw.getObjectId(0)));
            }
        }
    }

    private ObjectId head() throws IOException {
        return repo.resolve("refs/heads/" + branch);
    }

    /** One commit being built: tree edits, author, message, extra parents. */
    public final class Change {
        private PersonIdent author = new PersonIdent("Test Author", "author@example.org",
                java.time.Instant.ofEpochSecond(1_600_000_000L + 60L * tick++), java.time.ZoneOffset.UTC);
        private PersonIdent committer;
        private String message = "change " + tick;
        private final List<ObjectId> extraParents = new ArrayList<>();
        private boolean root;

        /** Author (and committer, unless set apart) at an ISO-8601 date-time with offset. */
        public Change by(String name, String email, String when) {
            OffsetDateTime t = OffsetDateTime.parse(when);
            author = new PersonIdent(name, email, t.toInstant(), t.getOffset());
            return this;
        }

        public Change committer(String name, String email, String when) {
            OffsetDateTime t = OffsetDateTime.parse(when);
            committer = new PersonIdent(name, email, t.toInstant(), t.getOffset());
            return this;
        }

        public Change message(String m) {
            message = m;
            return this;
        }

        public Change put(String path, String content) throws IOException {
            return put(path, content.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
        }

        public Change put(String path, byte[] content, FileMode mode) throws IOException {
            return putRaw(path.getBytes(StandardCharsets.UTF_8), content, mode);
        }

        /** A path given as raw bytes, e.g. Latin-1 that is not valid UTF-8. */
        public Change putRaw(byte[] path, byte[] content, FileMode mode) throws IOException {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                ObjectId id = ins.insert(Constants.OBJ_BLOB, content);
                ins.flush();
                tree.put(new String(path, StandardCharsets.ISO_8859_1), new Entry(mode, id));
            }
            return this;
        }

        public Change symlink(String path, String target) throws IOException {
            return put(path, target.getBytes(StandardCharsets.UTF_8), FileMode.SYMLINK);
        }

        /** A submodule entry pointing at commit {@code sha}. */
        public Change submodule(String path, String sha) {
            tree.put(new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    new Entry(FileMode.GITLINK, ObjectId.fromString(sha)));
            return this;
        }

        /** Changes only the mode of an existing path. */
        public Change chmod(String path, FileMode mode) {
            String k = new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            tree.put(k, new Entry(mode, tree.get(k).id()));
            return this;
        }

        public Change delete(String path) {
            tree.remove(new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            return this;
        }

        /** Moves a path (git sees a delete and an add; renames are not detected with --no-renames). */
        public Change rename(String from, String to) {
            Entry e = tree.remove(new String(from.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            tree.put(new String(to.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), e);
            return this;
        }

        /** Adds a second parent: the commit becomes a merge. */
        public Change merging(String sha) {
            extraParents.add(ObjectId.fromString(sha));
            return this;
        }

        /** A commit with no parent even though the branch has a tip. */
        public Change root() {
            root = true;
            return this;
        }

        /** Writes the commit, moves the branch to it, and returns its id. */
        public String create() throws IOException {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                DirCache dc = DirCache.newInCore();
                DirCacheBuilder b = dc.builder();
                for (Map.Entry<String, Entry> e : tree.entrySet()) {
                    DirCacheEntry de = new DirCacheEntry(e.getKey().getBytes(StandardCharsets.ISO_8859_1), DirCacheEntry.STAGE_0);
                    de.setFileMode(e.getValue().mode());
                    de.setObjectId(e.getValue().id());
                    b.add(de);
                }
                b.finish();
                ObjectId treeId = dc.writeTree(ins);
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(treeId);
                cb.setAuthor(author);
                cb.setCommitter(committer != null ? committer : author);
                cb.setMessage(message);
                List<ObjectId> parents = new ArrayList<>();
                ObjectId h = head();
                if (h != null && !root) {
                    parents.add(h);
                }
                parents.addAll(extraParents);
                cb.setParentIds(parents);
                ObjectId id = ins.insert(cb);
                ins.flush();
                RefUpdate u = repo.updateRef("refs/heads/" + branch);
                u.setNewObjectId(id);
                u.setForceUpdate(true);
                u.forceUpdate();
                return id.name();
            }
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
