package dev.tributary.source.git;

import dev.tributary.TributaryException;
import dev.tributary.model.Commit;
import dev.tributary.model.Signature;
import dev.tributary.model.Trailer;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the history of one local git repository (bare, with a work tree, or its {@code .git} folder),
 * strictly read-only, through JGit.
 *
 * <p>Use: {@link #open(Path)}, {@link #resolve(GitScope)} the scope to its tips, {@link #walk} the commits
 * it reaches, then {@link #read} the ones not yet stored. {@code read} diffs commits on a pool of worker
 * threads and hands finished commits to the caller's thread in completion order (not history order); memory
 * is bounded by a small queue and the blob cache, not by history length.
 *
 * <p>Not thread-safe: one caller at a time. Close it to release the repository.
 */
public final class GitSource implements AutoCloseable {
    /** Finished commits waiting for the consumer, at most. */
    private static final int QUEUE = 256;
    /**
     * How many finished commits a worker hands over at once: the consumer's thread wakes once per 32 commits,
     * not once per commit (git.git: the JVM's CPU 12.9, 13.2, 10.9 s against 10.1, 10.1, 9.2 s, in turn).
     */
    private static final int HANDOFF = 32;
    private static final long BLOB_CACHE_BYTES = 48L * 1024 * 1024;

    /**
     * Who counts lines: the git CLI itself (exactly {@code git log --numstat}; the default when git is
     * installed), or JGit in-process (histogram diff; no git needed).
     */
    public enum DiffEngine { GIT, JGIT }

    private static volatile Boolean gitAvailable;

    private final Repository repo;
    private final Path gitDir;
    private final Path workTree;
    private DiffEngine engine;
    /**
     * The bodies the last {@link #walk(ResolvedScope, java.util.function.Predicate)} kept, for the next {@link #read};
     * a new map each walk, never changed once published, dropped when that read ends.
     */
    private volatile Map<AnyObjectId, RevCommit> walked = Map.of();

    private GitSource(Repository repo, Path gitDir, Path workTree) {
        this.repo = repo;
        this.gitDir = gitDir;
        this.workTree = workTree;
    }

    /** GIT when a git CLI is on the PATH, else JGIT. */
    public static DiffEngine defaultEngine() {
        if (gitAvailable == null) {
            gitAvailable = GitNumstat.available();
        }
        return gitAvailable ? DiffEngine.GIT : DiffEngine.JGIT;
    }

    /** Chooses who counts lines for {@link #read}. */
    public GitSource engine(DiffEngine e) {
        this.engine = e;
        return this;
    }

    /**
     * Opens the repository at {@code path}: a work tree, a bare repository, or a {@code .git} folder.
     *
     * @throws TributaryException.InvalidInput if the path does not exist or is not a git repository
     */
    public static GitSource open(Path path) {
        JGitTuning.install();
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new TributaryException.InvalidInput(path + ": no such file or directory");
        }
        if (!Files.isDirectory(p)) {
            throw new TributaryException.InvalidInput(path + ": not a directory, so not a git repository");
        }
        Path gitDir;
        Path workTree = null;
        if (Files.isDirectory(p.resolve(".git"))) {
            gitDir = p.resolve(".git");
            workTree = p;
        } else if (Files.isRegularFile(p.resolve(".git"))) {
            gitDir = readGitFile(p);
            workTree = p;
        } else if (Files.isDirectory(p.resolve("objects")) && Files.exists(p.resolve("HEAD"))) {
            gitDir = p;
            if (p.getFileName() != null && p.getFileName().toString().equals(".git")) {
                workTree = p.getParent();
            }
        } else {
            throw new TributaryException.InvalidInput(path + ": not a git repository (no .git, objects/ or HEAD found)");
        }
        try {
            // not readEnvironment(): GIT_OBJECT_DIRECTORY or GIT_ALTERNATE_OBJECT_DIRECTORIES of a hook would make JGit read
            // other objects than the git processes, which leave them out (GitChild)
            Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
            return new GitSource(repo, gitDir.toRealPath(), workTree == null ? null : workTree.toRealPath());
        } catch (IOException | IllegalArgumentException e) {
            throw new TributaryException.InvalidInput(path + ": cannot open as a git repository: " + e.getMessage(), e);
        }
    }

    private static Path readGitFile(Path workTree) {
        try {
            String s = Files.readString(workTree.resolve(".git")).trim();
            if (!s.startsWith("gitdir:")) {
                throw new TributaryException.InvalidInput(workTree.resolve(".git") + ": not a gitdir link");
            }
            return workTree.resolve(s.substring("gitdir:".length()).trim()).normalize();
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(workTree.resolve(".git") + ": " + e.getMessage(), e);
        }
    }

    /** Gerrit's review notes of a repository: the tip of {@code refs/notes/review} and the notes, by commit sha. */
    public record Notes(String tip, java.util.Map<String, List<ReviewNotes.Line>> bySha) {
    }

    /** The ref Gerrit's reviewnotes plugin writes. */
    public static final String REVIEW_NOTES = "refs/notes/review";

    /** The tip of {@code refs/notes/review}, or empty when the repository has none. */
    public Optional<String> reviewNotesTip() {
        try {
            org.eclipse.jgit.lib.Ref ref = repo.exactRef(REVIEW_NOTES);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(name() + ": cannot read " + REVIEW_NOTES + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every note of {@code refs/notes/review} (notes larger than 64 KB are skipped: a review note is a few lines).
     *
     * @throws TributaryException.InvalidInput when the notes cannot be read (nothing is stored from them then)
     */
    public Notes reviewNotes() {
        Optional<String> tip = reviewNotesTip();
        java.util.Map<String, List<ReviewNotes.Line>> out = new java.util.LinkedHashMap<>();
        if (tip.isEmpty()) {
            return new Notes(null, out);
        }
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            org.eclipse.jgit.notes.NoteMap map = org.eclipse.jgit.notes.NoteMap.read(walk.getObjectReader(),
                    walk.parseCommit(ObjectId.fromString(tip.get())));
            for (org.eclipse.jgit.notes.Note n : map) {
                org.eclipse.jgit.lib.ObjectLoader l = repo.open(n.getData());
                if (l.getSize() > 64 * 1024) {
                    continue;
                }
                out.put(n.name(), ReviewNotes.parse(new String(l.getBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(name() + ": cannot read " + REVIEW_NOTES + ": " + e.getMessage(), e);
        }
        return new Notes(tip.get(), out);
    }

    /** The repository's identity as an origin: its git directory's real path. */
    public String location() {
        return gitDir.toString();
    }

    /** A short human name: the work tree's folder name, or the bare folder's name without {@code .git}. */
    public String name() {
        Path named = workTree != null ? workTree : gitDir;
        String n = named.getFileName() == null ? named.toString() : named.getFileName().toString();
        return n.endsWith(".git") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
    }

    /**
     * The repository's {@code .mailmap} as git finds it: the work tree's file, else (bare repositories)
     * the file in HEAD's tree.
     */
    public Optional<String> mailmap() {
        try {
            if (workTree != null) {
                Path f = workTree.resolve(".mailmap");
                return Files.exists(f) ? Optional.of(new String(dev.tributary.InputFiles.read(f, "repository .mailmap",
                        dev.tributary.InputFiles.CURATED_LIMIT), StandardCharsets.UTF_8)) : Optional.empty();
            }
            ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
            if (head == null) {
                return Optional.empty();
            }
            try (ObjectReader r = repo.newObjectReader(); TreeWalk tw = TreeWalk.forPath(r, ".mailmap", head)) {
                if (tw == null) {
                    return Optional.empty();
                }
                return Optional.of(new String(r.open(tw.getObjectId(0)).getCachedBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What the .mailmap {@link #mailmap()} returns depends on, cheaply: the work tree file's digest, or (bare
     * repositories) HEAD's commit id, which a rerun with nothing new already knows without opening the pack.
     */
    public String mailmapKey() {
        if (workTree != null) {
            return "file:" + com.google.common.hash.Hashing.sha256().hashString(mailmap().orElse(""), StandardCharsets.UTF_8);
        }
        try {
            Ref head = repo.exactRef(Constants.HEAD);
            return "head:" + (head == null || head.getObjectId() == null ? "" : head.getObjectId().name());
        } catch (IOException e) {
            return "head:";
        }
    }

    /**
     * Resolves the scope against the repository as it is now.
     *
     * @throws TributaryException.InvalidInput if a named revision does not exist or is not a commit
     */
    public ResolvedScope resolve(GitScope scope) {
        TreeSet<String> include = new TreeSet<>();
        TreeSet<String> exclude = new TreeSet<>();
        try (RevWalk rw = new RevWalk(repo)) {
            switch (scope.mode()) {
                case HEAD:
                    // HEAD names a commit (git refuses anything else), so it is not opened: a rerun with
                    // nothing new then never touches the pack (loading nova's index costs 0.1-0.3 s)
                    include.add(head().name());
                    break;
                case ALL:
                    List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefs());
                    Ref allHead = repo.exactRef(Constants.HEAD);
                    if (allHead != null) {
                        refs.add(allHead);
                    }
                    for (Ref ref : refs) {
                        if (ref.getObjectId() == null) {
                            continue;
                        }
                        RevObject o = rw.peel(rw.parseAny(ref.getObjectId()));
                        if (o instanceof RevCommit) {
                            include.add(o.name());
                        }
                    }
                    break;
                case REV:
                    include.add(commitOf(rw, scope.rev()).name());
                    break;
                case RANGE:
                    int dots = scope.rev().indexOf("..");
                    exclude.add(commitOf(rw, scope.rev().substring(0, dots)).name());
                    include.add(commitOf(rw, scope.rev().substring(dots + 2)).name());
                    break;
                default:
                    throw new IllegalStateException(scope.mode().name());
            }
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(location() + ": cannot read refs: " + e.getMessage(), e);
        }
        return new ResolvedScope(scope, new ArrayList<>(include), new ArrayList<>(exclude), shallowCommits());
    }

    /**
     * The scope resolved from the refs alone, opening no object: a revision or a range whose ends are full commit
     * ids or refs git packed with their peeled ids (every clone and {@code git pack-refs} write them so), or
     * HEAD. Empty when an end needs the objects (a loose ref, an expression such as {@code v1^}, every ref).
     * Ids found so are not checked to be commits: use the result only to see that a scope still names what a
     * stored cursor holds (checked when it was stored), and {@link #resolve} for anything else. On a warm rerun of
     * a release's ranges this skips loading each pack's index (0.1-0.3 s for nova).
     */
    public Optional<ResolvedScope> resolveFromRefs(GitScope scope) {
        try {
            switch (scope.mode()) {
                case HEAD:
                    return Optional.of(new ResolvedScope(scope, List.of(head().name()), List.of(), shallowCommits()));
                case REV:
                    return idFromRefs(scope.rev()).map(id -> new ResolvedScope(scope, List.of(id), List.of(), shallowCommits()));
                case RANGE:
                    int dots = scope.rev().indexOf("..");
                    Optional<String> from = idFromRefs(scope.rev().substring(0, dots));
                    Optional<String> to = idFromRefs(scope.rev().substring(dots + 2));
                    return from.isPresent() && to.isPresent()
                            ? Optional.of(new ResolvedScope(scope, List.of(to.get()), List.of(from.get()), shallowCommits()))
                            : Optional.empty();
                default:
                    return Optional.empty();
            }
        } catch (IOException | TributaryException e) {
            return Optional.empty(); // resolve() says what is wrong
        }
    }

    private Optional<String> idFromRefs(String rev) throws IOException {
        if (ObjectId.isId(rev)) {
            return Optional.of(rev.toLowerCase(java.util.Locale.ROOT));
        }
        if (!Repository.isValidRefName("refs/x/" + rev)) {
            return Optional.empty();
        }
        Ref ref = repo.findRef(rev);
        if (ref == null || ref.isSymbolic() || !ref.isPeeled() || ref.getObjectId() == null) {
            return Optional.empty();
        }
        ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        return Optional.of(id.name());
    }

    /**
     * The commit HEAD names, without opening it.
     *
     * @throws TributaryException.InvalidInput naming HEAD when it is missing, unreadable, or names a branch
     *         that does not exist (an unborn branch, or a mirror whose default branch was deleted upstream):
     *         collecting nothing would drop every stored commit, so nothing is collected and nothing dropped
     */
    private ObjectId head() throws IOException {
        Ref head;
        try {
            head = repo.exactRef(Constants.HEAD);
        } catch (IOException | RuntimeException e) {
            throw new TributaryException.InvalidInput(name() + ": HEAD cannot be read (" + e.getMessage()
                    + "); nothing was collected or dropped", e);
        }
        String fix = "; nothing was collected or dropped (fix HEAD, or name a branch with --rev)";
        if (head == null) {
            throw new TributaryException.InvalidInput(name() + ": HEAD is missing or is neither a ref nor a commit id" + fix);
        }
        if (head.getObjectId() == null) {
            String target = head.isSymbolic() ? head.getTarget().getName() : "?";
            throw new TributaryException.InvalidInput(name() + ": HEAD points to " + target
                    + ", which does not exist (a branch with no commits yet, or one deleted upstream)" + fix);
        }
        return head.getObjectId();
    }

    /**
     * The repository's shallow boundary ({@code .git/shallow}: commits whose parents were not fetched), sorted;
     * empty for a full clone.
     */
    public List<String> shallowCommits() {
        try {
            TreeSet<String> out = new TreeSet<>();
            if (repo.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory od) {
                od.getShallowCommits().forEach(id -> out.add(id.name()));
            }
            return new ArrayList<>(out);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(location() + ": cannot read the shallow file: " + e.getMessage(), e);
        }
    }

    private RevCommit commitOf(RevWalk rw, String rev) throws IOException {
        ObjectId id;
        try {
            id = repo.resolve(rev);
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
            id = null;
        }
        if (id == null) {
            throw new TributaryException.InvalidInput(name() + ": unknown revision '" + rev + "'");
        }
        return peelToCommit(rw, id, rev);
    }

    private static RevCommit peelToCommit(RevWalk rw, ObjectId id, String rev) throws IOException {
        RevObject o = rw.peel(rw.parseAny(id));
        if (!(o instanceof RevCommit)) {
            throw new TributaryException.InvalidInput("revision '" + rev + "' is not a commit");
        }
        return (RevCommit) o;
    }

    /**
     * Every commit the scope reaches, newest first, merges included; no body is kept (a listing holds no history in
     * memory).
     *
     * @throws TributaryException.InvalidInput if a commit on the way is missing: history past it is unknowable
     */
    public List<ObjectId> walk(ResolvedScope scope) {
        return walk(scope, id -> false);
    }

    /**
     * {@link #walk(ResolvedScope)}, keeping what the walk read of each commit {@code willRead} names until the next
     * {@link #read}, which parses it from there instead of reading it again: the walk reads every commit whole
     * anyway (glusterfs cold: 0.6 s less of the workers' CPU, out of 2.0 s; git.git cold: 60 MB more peak RSS).
     *
     * @throws TributaryException.InvalidInput if a commit on the way is missing: history past it is unknowable
     */
    public List<ObjectId> walk(ResolvedScope scope, java.util.function.Predicate<AnyObjectId> willRead) {
        List<ObjectId> ids = new ArrayList<>();
        Map<AnyObjectId, RevCommit> bodies = new HashMap<>();
        try (RevWalk rw = new RevWalk(repo)) {
            for (String s : scope.include()) {
                rw.markStart(rw.parseCommit(ObjectId.fromString(s)));
            }
            for (String s : scope.exclude()) {
                rw.markUninteresting(rw.parseCommit(ObjectId.fromString(s)));
            }
            for (RevCommit c; (c = rw.next()) != null; ) {
                ids.add(c.copy());
                if (willRead.test(c)) {
                    bodies.put(c, c);
                } else {
                    c.disposeBody();
                }
            }
            walked = bodies;
        } catch (MissingObjectException e) {
            throw new TributaryException.InvalidInput(location() + ": missing commit " + e.getObjectId().name()
                    + "; the history behind it cannot be walked", e);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(location() + ": cannot walk history: " + e.getMessage(), e);
        }
        return ids;
    }

    /** How many commits the last walk kept for the next read (0 once it has read). */
    int kept() {
        return walked.size();
    }

    /** Receives each finished commit, on the thread that called {@link #read}. */
    @FunctionalInterface
    public interface Sink {
        void accept(Commit commit, List<Warning> warnings);
    }

    /**
     * Reads the given commits (metadata, trailers, and for non-merges the per-file line counts) on
     * {@code threads} workers, handing each to {@code sink} on this thread. Unreadable blobs and trees are
     * reported as warnings with the commit; an unreadable commit is reported to the sink as a warning alone
     * (with a null commit). An exception thrown by the sink stops the workers and is rethrown.
     */
    public void read(List<ObjectId> commits, int threads, Sink sink, Progress progress) {
        int n = Math.max(1, Math.min(threads, commits.size()));
        BlobCache cache = new BlobCache(BLOB_CACHE_BYTES);
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE / HANDOFF);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        boolean cli = (engine != null ? engine : defaultEngine()) == DiffEngine.GIT;
        List<List<ObjectId>> chunks = cli ? chunks(commits, n) : List.of();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(cli ? () -> workCli(chunks, next, cache, queue, stop) : () -> work(commits, next, cache, queue, stop),
                    "tributary-git-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        progress.start("commits", commits.size());
        int finishedWorkers = 0;
        long done = 0;
        try {
            while (finishedWorkers < n) {
                Object o = queue.take();
                if (o == DONE) {
                    finishedWorkers++;
                } else if (o instanceof Failure) {
                    throw ((Failure) o).error;
                } else {
                    for (Item item : ((Handoff) o).items) {
                        sink.accept(item.commit, item.warnings);
                        progress.advance(++done);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("interrupted while reading " + location(), e);
        } finally {
            stop.set(true);
            queue.clear();
            for (Thread t : workers) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            progress.finish();
            walked = Map.of();
        }
    }

    private static final Object DONE = new Object();

    /** The smallest chunk of {@link #chunks}: about a tenth of a second of git's work. */
    static final int MIN_CHUNK = 128;

    /**
     * The commits cut into runs of consecutive commits for the git CLI workers, which take them in order as
     * they become free (guided self-scheduling): each chunk is the remaining commits over {@code 2n}, and never
     * under {@link #MIN_CHUNK}, so early chunks are long and the last ones short. Consecutive commits share trees
     * and delta bases, so a long run costs git less than the same commits spread out (glusterfs: two halves
     * cost 13.0 s of git's CPU, blocks of 64 taken in turn 14.1 s); the short last chunks end the workers
     * together, where fixed shares left one core idle for the last seconds (the newer half of glusterfs's
     * history costs git 7.7 s, the older 5.3 s). A single worker gets the whole history as one chunk.
     */
    static List<List<ObjectId>> chunks(List<ObjectId> commits, int n) {
        if (n == 1) {
            return commits.isEmpty() ? List.of() : List.of(commits);
        }
        List<List<ObjectId>> out = new ArrayList<>();
        for (int from = 0; from < commits.size(); ) {
            int left = commits.size() - from;
            int size = Math.min(left, Math.max(MIN_CHUNK, (left + 2 * n - 1) / (2 * n)));
            out.add(commits.subList(from, from + size));
            from += size;
        }
        return out;
    }

    /**
     * A worker on the git CLI engine: takes the next free chunk of {@link #chunks} until none is left; its one git
     * process diffs them, JGit reads the rest.
     */
    private void workCli(List<List<ObjectId>> chunks, AtomicInteger next, BlobCache cache, BlockingQueue<Object> queue,
            AtomicBoolean stop) {
        Object last = DONE;
        try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader); GitNumstat git = new GitNumstat(gitDir)) {
            DiffCounter counter = new DiffCounter(reader, cache);
            int[] parsed = {0};
            List<Item> pending = new ArrayList<>(HANDOFF);
            GitNumstat.Receiver receiver = new GitNumstat.Receiver() {
                @Override
                public void accept(ObjectId commit, List<dev.tributary.model.FileChange> files) throws InterruptedException {
                    put(readOne(rw, counter, commit, files));
                }

                @Override
                public void failed(ObjectId commit, String gitError) throws InterruptedException {
                    Item item = readOne(rw, counter, commit, null);
                    if (item.warnings.isEmpty()) {
                        item.warnings.add(new Warning("git-failed", commit.name(), "commit " + commit.name()
                                + ": git could not diff it (" + gitError + "); counted by JGit instead"));
                    }
                    put(item);
                }

                private void put(Item item) throws InterruptedException {
                    if (++parsed[0] % 256 == 0) {
                        rw.dispose(); // a RevWalk remembers every object it parsed
                    }
                    pending.add(item);
                    if (pending.size() >= HANDOFF) {
                        handOff(pending, queue, stop);
                    }
                }

                @Override
                public boolean stopped() {
                    return stop.get();
                }
            };
            for (int i; !stop.get() && (i = next.getAndIncrement()) < chunks.size(); ) {
                git.run(chunks.get(i), receiver);
            }
            handOff(pending, queue, stop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            last = new Failure(new TributaryException.InvalidInput(location() + ": git diff-tree failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            last = new Failure(e);
        } catch (Error e) {
            last = new Failure(new TributaryException("worker failed: " + e, e));
        }
        finish(last, queue, stop);
    }

    /** A worker's last word to the consumer: DONE, or the failure that stopped it. */
    private static void finish(Object last, BlockingQueue<Object> queue, AtomicBoolean stop) {
        try {
            while (!stop.get() && !queue.offer(last, 100, TimeUnit.MILLISECONDS)) {
                // wait for the consumer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Item(Commit commit, List<Warning> warnings) {
    }

    /** Finished commits handed to the consumer together: one wake-up of its thread per {@link #HANDOFF} commits. */
    private record Handoff(List<Item> items) {
    }

    /** Hands the worker's pending commits to the consumer, waiting while the queue is full, and empties the list. */
    private static void handOff(List<Item> pending, BlockingQueue<Object> queue, AtomicBoolean stop) throws InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        Handoff h = new Handoff(List.copyOf(pending));
        pending.clear();
        while (!stop.get() && !queue.offer(h, 100, TimeUnit.MILLISECONDS)) {
            // wait for the consumer
        }
    }

    private record Failure(RuntimeException error) {
    }

    private void work(List<ObjectId> commits, AtomicInteger next, BlobCache cache, BlockingQueue<Object> queue,
            AtomicBoolean stop) {
        Object last = DONE;
        try (ObjectReader reader = repo.newObjectReader()) {
            DiffCounter counter = new DiffCounter(reader, cache);
            RevWalk rw = new RevWalk(reader);
            int parsed = 0;
            List<Item> pending = new ArrayList<>(HANDOFF);
            for (int i; !stop.get() && (i = next.getAndIncrement()) < commits.size(); ) {
                if (++parsed % 256 == 0) {
                    rw.dispose(); // a RevWalk remembers every object it parsed
                }
                pending.add(readOne(rw, counter, commits.get(i)));
                if (pending.size() >= HANDOFF) {
                    handOff(pending, queue, stop);
                }
            }
            handOff(pending, queue, stop);
            rw.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            last = new Failure(e);
        } catch (Error e) {
            last = new Failure(new TributaryException("worker failed: " + e, e));
        }
        finish(last, queue, stop);
    }

    private Item readOne(RevWalk rw, DiffCounter counter, ObjectId id) {
        return readOne(rw, counter, id, null);
    }

    /** One commit: metadata by JGit; files from git's numstat when given, else diffed by {@code counter}. */
    private Item readOne(RevWalk rw, DiffCounter counter, ObjectId id, List<dev.tributary.model.FileChange> gitFiles) {
        List<Warning> warnings = new ArrayList<>(0);
        RevCommit c = walked.get(id);
        try {
            c = c != null ? c : rw.parseCommit(id);
        } catch (MissingObjectException e) {
            warnings.add(new Warning("missing-object", id.name(), "missing commit " + id.name() + "; skipped"));
            return new Item(null, warnings);
        } catch (IOException | RuntimeException e) {
            warnings.add(new Warning("corrupt-object", id.name(), "cannot read commit " + id.name() + ": " + e.getMessage()));
            return new Item(null, warnings);
        }
        String sha = c.name();
        List<String> parents = new ArrayList<>(c.getParentCount());
        for (RevCommit p : c.getParents()) {
            parents.add(p.name());
        }
        List<dev.tributary.model.FileChange> files = List.of();
        if (gitFiles != null) {
            files = c.getParentCount() <= 1 ? List.copyOf(gitFiles) : List.of();
        } else if (c.getParentCount() <= 1) {
            RevTree parentTree = null;
            boolean ok = true;
            if (c.getParentCount() == 1) {
                try {
                    parentTree = rw.parseCommit(c.getParent(0)).getTree();
                } catch (IOException | RuntimeException e) {
                    ok = false;
                    warnings.add(new Warning("missing-object", sha, "commit " + sha + ": cannot read parent "
                            + c.getParent(0).name() + " (" + e.getMessage() + "); files not counted"));
                }
            }
            if (ok) {
                files = counter.diff(parentTree, c.getTree(), sha, warnings);
            }
        }
        String message = c.getFullMessage();
        Signature author = signature(c, "author", sha, warnings);
        Signature committer = signature(c, "committer", sha, warnings);
        if (author == null || committer == null) {
            Signature other = author != null ? author : committer;
            if (other == null) {
                other = new Signature("", "", 0, 0);
            }
            warnings.add(new Warning("malformed-commit", sha, "commit " + sha + ": no readable " + (author == null ? "author" : "committer")
                    + " line; the " + (author == null && committer == null ? "epoch" : author == null ? "committer's" : "author's")
                    + " is used"));
            author = author == null ? other : author;
            committer = committer == null ? other : committer;
        }
        return new Item(new Commit(sha, parents, author, committer, c.getShortMessage(), message, trailers(message), files), warnings);
    }

    /**
     * The {@code author} or {@code committer} of a commit as git reads it, or null when the header has no such
     * line. The line is checked first on its own: JGit looks for the {@code <} of a line without one on the
     * following lines, so {@code committer Missing Bracket example.com 1600001400 +0000} would swallow the next
     * header. Such a line gives its name and date, no address, and a {@code malformed-commit} warning.
     */
    static Signature signature(RevCommit c, String header, String sha, List<Warning> warnings) {
        byte[] raw = c.getRawBuffer();
        byte[] key = (header + " ").getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        while (i < raw.length && raw[i] != '\n') { // header lines end at the first empty line
            int end = i;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            if (end - i >= key.length && java.util.Arrays.equals(raw, i, i + key.length, key, 0, key.length)) {
                String line = new String(raw, i + key.length, end - i - key.length, StandardCharsets.UTF_8);
                int lt = line.indexOf('<');
                int gt = lt < 0 ? -1 : line.indexOf('>', lt);
                PersonIdent p = header.equals("author") ? c.getAuthorIdent() : c.getCommitterIdent();
                if (lt >= 0 && gt > lt && p != null) {
                    int offset = p.getZoneOffset().getTotalSeconds() / 60;
                    return new Signature(p.getName(), p.getEmailAddress(), p.getWhenAsInstant().getEpochSecond(), offset);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?)\\s*(?:<[^>]*>?)?\\s*(\\d{1,18})?\\s*([+-]\\d{4})?\\s*$")
                        .matcher(line);
                String name = line.trim();
                long epoch = 0;
                int offset = 0;
                if (m.matches()) {
                    name = m.group(1).trim();
                    epoch = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                    if (m.group(3) != null) {
                        int hhmm = Integer.parseInt(m.group(3).substring(1));
                        offset = (m.group(3).charAt(0) == '-' ? -1 : 1) * (hhmm / 100 * 60 + hhmm % 100);
                        offset = Math.abs(offset) > 24 * 60 ? 0 : offset;
                    }
                }
                warnings.add(new Warning("malformed-commit", sha, "commit " + sha + ": malformed " + header + " line '"
                        + line + "': read as name '" + name + "' without an address"));
                return new Signature(name, "", epoch, offset);
            }
            i = end + 1;
        }
        return null;
    }

    private static List<Trailer> trailers(String message) {
        List<Trailer> out = new ArrayList<>();
        for (GitTrailers.Line f : GitTrailers.parse(message)) {
            Optional<Trailer.Kind> kind = Trailer.Kind.ofKey(f.key());
            if (kind.isEmpty()) {
                continue;
            }
            String value = f.value().trim();
            int open = value.lastIndexOf('<');
            int close = value.lastIndexOf('>');
            String email = open >= 0 && close > open ? value.substring(open + 1, close) : null;
            int lt = value.indexOf('<');
            String name = (lt >= 0 ? value.substring(0, lt) : value).trim();
            if (email == null) {
                email = lt < 0 && value.contains("@") ? value : "";
                if (!email.isEmpty()) {
                    name = "";
                }
            }
            out.add(new Trailer(kind.get(), name, email.trim()));
        }
        return out;
    }

    @Override
    public void close() {
        repo.close();
    }
}
