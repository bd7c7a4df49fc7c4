package dev.tributary.source.git;

import dev.tributary.model.FileChange;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Per-file line counts from the git CLI itself: {@code git diff-tree --stdin --root -r --numstat --no-renames -z}
 * over given lists of commits, streamed. This is git's own diff (Myers with xdiff's heuristics), so the counts are
 * exactly what {@code git log --numstat} prints (byte for byte over glusterfs's 16,808 commits); JGit has no port
 * of those heuristics, and its histogram diff strays from them on some histories (0.27% over openstack/nova, most
 * of it translation imports).
 *
 * <p>One git process serves list after list: after each list a line that names no object is written, which
 * git echoes and flushes, and that echo marks the end of the list's output. A process per list would map the
 * pack and warm git's caches again each time (glusterfs in 18 lists: 1.45 million page faults and 4.6 s of
 * system time against 0.1 million and 0.6 s for one process).
 *
 * <p>When git dies on a commit (a missing or corrupt object: git stops at the first), the caller is told
 * which commit failed and the stream resumes after it in a new process.
 */
final class GitNumstat implements AutoCloseable {
    /** Names no object: git echoes it and flushes its output. */
    private static final byte[] END = "tributary-end-of-list\n".getBytes(StandardCharsets.US_ASCII);

    /** Blobs up to 32 MiB come from the heap; the heap is given back only past 256 MiB free. */
    private static final String MALLOC = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456";

    /**
     * git's cache of inflated delta bases, at most (git's default 96 MiB): a base used again is not inflated again.
     * The newer half of git.git's history cost git 21.9 s alone with the default, 20.3 s with 256 MiB, 20.2 s with
     * 512 MiB; its older half 10.2-10.7 s against 9.3-9.8 s. What it costs is git's memory: up to 160 MiB more per
     * git process (the newer half's git peaked at 483 MB with the default, 651 MB with 256 MiB, most of both the
     * mapped pack).
     */
    private static final String DELTA_BASE_CACHE = "256m";

    /** What is kept of git's error stream per list: its first line is all a warning quotes. */
    private static final int ERRORS_KEPT = 64 * 1024;

    private final Path gitDir;
    private Git git;

    GitNumstat(Path gitDir) {
        this.gitDir = gitDir;
    }

    /** Whether a usable git is on the PATH. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Receives each commit's files, in the order given. */
    interface Receiver {
        void accept(ObjectId commit, List<FileChange> files) throws InterruptedException;

        /** git could not diff this commit; the caller diffs it another way. */
        void failed(ObjectId commit, String gitError) throws InterruptedException;

        /** Whether to stop early. */
        boolean stopped();
    }

    /**
     * Streams the numstat of {@code commits} (merges give no files) to {@code receiver}, restarting git
     * after a commit it cannot diff.
     */
    void run(List<ObjectId> commits, Receiver receiver) throws IOException, InterruptedException {
        int next = 0;
        while (next < commits.size() && !receiver.stopped()) {
            next = runOnce(commits, next, receiver, true);
        }
    }

    /** Ends the git process: its input closed, it exits. */
    @Override
    public void close() {
        if (git != null) {
            git.end();
            git = null;
        }
    }

    /** A running {@code git diff-tree --stdin}, its output and what it said on its error stream. */
    private static final class Git {
        final Process process;
        final OutputStream in;
        final InputStream out;
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final Thread stderr;

        Git(Path gitDir) throws IOException {
            ProcessBuilder pb = GitChild.reading(gitDir, "-c", "core.deltaBaseCacheLimit=" + DELTA_BASE_CACHE, "diff-tree",
                    "--stdin", "--always", "-r", "--root", "--diff-algorithm=myers", "--no-show-signature", "--no-renames",
                    "--numstat", "-z", "--no-color", "--no-ext-diff", "--no-textconv", "--format=commit %H");
            // git flushes its output after every commit when it goes to a pipe, and each flush wakes the reading
            // thread (one write of about 100 bytes per commit); GIT_FLUSH=0 fills 4 KiB before each write. The echo
            // of the end line is flushed whatever GIT_FLUSH says (fflush in builtin/diff-tree.c), and a git that dies
            // on a commit flushes on its way out. git.git: the collect's wall time 19.1 s against 20.4 s
            pb.environment().put("GIT_FLUSH", "0");
            // glibc's malloc keeps freed blobs for reuse instead of mapping and unmapping each one: over glusterfs
            // 40 thousand page faults instead of 213 thousand, and half the system time (other C libraries ignore it)
            pb.environment().merge("GLIBC_TUNABLES", MALLOC, (theirs, ours) -> theirs + ":" + ours);
            process = pb.start();
            in = process.getOutputStream();
            out = new BufferedInputStream(process.getInputStream(), 1 << 16);
            stderr = new Thread(() -> {
                try (InputStream err = process.getErrorStream()) {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = err.read(buffer)) != -1; ) {
                        synchronized (errors) {
                            errors.write(buffer, 0, Math.min(n, Math.max(0, ERRORS_KEPT - errors.size())));
                        }
                    }
                } catch (IOException e) {
                    // nothing more to learn
                }
            }, "tributary-git-err");
            stderr.setDaemon(true);
            stderr.start();
        }

        /** Writes the commits from {@code from}, then the end line, on a thread of its own: git's output is read meanwhile. */
        Thread feed(List<ObjectId> commits, int from) {
            Thread feeder = new Thread(() -> {
                try {
                    byte[] line = new byte[41];
                    line[40] = '\n';
                    for (int i = from; i < commits.size(); i++) {
                        commits.get(i).copyTo(line, 0);
                        in.write(line);
                    }
                    in.write(END);
                    in.flush();
                } catch (IOException e) {
                    // git stopped reading: it died, and the exit status says why
                }
            }, "tributary-git-feed");
            feeder.setDaemon(true);
            feeder.start();
            return feeder;
        }

        /** Forgets what git said so far: a new list begins. */
        void clearErrors() {
            synchronized (errors) {
                errors.reset();
            }
        }

        /** The first line git wrote on its error stream since {@link #clearErrors}, or its exit status. */
        String why(int rc) throws InterruptedException {
            stderr.join(5_000);
            String why;
            synchronized (errors) {
                why = errors.toString(StandardCharsets.UTF_8).strip();
            }
            return why.isEmpty() ? "git exited " + rc : why.lines().findFirst().orElse(why);
        }

        void end() {
            try {
                in.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The commits from {@code from} through the running git (started when none is); returns the index to continue
     * at. With {@code confirm}, a death after a commit's header is checked by asking git for that commit alone.
     */
    private int runOnce(List<ObjectId> commits, int from, Receiver receiver, boolean confirm)
            throws IOException, InterruptedException {
        if (git == null) {
            git = new Git(gitDir);
        }
        Git g = git;
        g.clearErrors();
        Thread feeder = g.feed(commits, from);
        int index = from - 1;          // the commit whose header was read last
        List<FileChange> files = null;
        boolean ended = false;
        boolean done = false;
        try {
            ByteArrayOutputStream token = new ByteArrayOutputStream(256);
            for (int b; (b = g.out.read()) != -1; ) {
                if (b != 0) {
                    token.write(b);
                    if (b == '\n' && token.size() == END.length && Arrays.equals(token.toByteArray(), END)) {
                        ended = true;
                        break;
                    }
                    continue;
                }
                byte[] t = token.toByteArray();
                token.reset();
                int s = 0;
                while (s < t.length && t[s] == '\n') {
                    s++;
                }
                if (s == t.length) {
                    continue;
                }
                if (t.length - s >= 47 && t[s] == 'c' && new String(t, s, 7, StandardCharsets.US_ASCII).equals("commit ")) {
                    if (files != null) {
                        receiver.accept(commits.get(index), files);
                    }
                    if (receiver.stopped()) {
                        return commits.size(); // git is stopped below, its output unread
                    }
                    index++;
                    String sha = new String(t, s + 7, 40, StandardCharsets.US_ASCII);
                    if (index >= commits.size() || !commits.get(index).name().equals(sha)) {
                        throw new IOException("git printed commit " + sha + " out of the expected order");
                    }
                    files = new ArrayList<>();
                    continue;
                }
                if (files == null) {
                    throw new IOException("unexpected output from git before any commit: "
                            + new String(t, s, Math.min(t.length - s, 200), StandardCharsets.UTF_8));
                }
                files.add(parse(t, s));
            }
            if (ended) {
                feeder.join();
                if (files != null) {
                    receiver.accept(commits.get(index), files);
                }
                if (index != commits.size() - 1) {
                    throw new IOException("git stopped after " + (index + 1) + " of " + commits.size() + " commits");
                }
                done = true;
                return commits.size();
            }
            // git died on the commit of the last header, or on the next one before printing its header: the
            // output cannot tell. The last one is asked again alone; if git diffs it, the next one is the culprit.
            // With no header at all, the first one is asked: a git killed by a signal, not dying by itself, has not
            // written its last output (GIT_FLUSH=0), so the commits before the culprit show nothing either.
            int rc = g.process.waitFor();
            String why = g.why(rc);
            git = null;
            if (rc == 0) {
                throw new IOException("git exited before the end of its input, after " + (index + 1 - from) + " of "
                        + (commits.size() - from) + " commits");
            }
            done = true;
            int last = files == null ? from : index;
            List<FileChange> alone = confirm ? single(commits.get(last)) : null;
            if (alone == null) {
                receiver.failed(commits.get(last), why);
            } else {
                receiver.accept(commits.get(last), alone);
            }
            return last + 1;
        } finally {
            if (!done && g.process.isAlive()) {
                g.process.destroyForcibly();
                git = null;
            }
        }
    }

    /** The files of one commit by a git process of its own, or null if git cannot diff it either. */
    private List<FileChange> single(ObjectId commit) throws IOException, InterruptedException {
        List<List<FileChange>> got = new ArrayList<>();
        boolean[] failed = {false};
        try (GitNumstat alone = new GitNumstat(gitDir)) {
            alone.runOnce(List.of(commit), 0, new Receiver() {
                @Override
                public void accept(ObjectId c, List<FileChange> files) {
                    got.add(files);
                }

                @Override
                public void failed(ObjectId c, String gitError) {
                    failed[0] = true;
                }

                @Override
                public boolean stopped() {
                    return false;
                }
            }, false);
        }
        return failed[0] || got.isEmpty() ? null : got.get(0);
    }

    /** {@code added TAB removed TAB path} ({@code -} counts: binary). */
    private static FileChange parse(byte[] t, int s) throws IOException {
        int t1 = indexOf(t, s);
        int t2 = indexOf(t, t1 + 1);
        String a = new String(t, s, t1 - s, StandardCharsets.US_ASCII);
        String r = new String(t, t1 + 1, t2 - t1 - 1, StandardCharsets.US_ASCII);
        String path = RawParseUtils.decode(t, t2 + 1, t.length);
        if (a.equals("-") || r.equals("-")) {
            return new FileChange(path, 0, 0, true);
        }
        try {
            return new FileChange(path, Integer.parseInt(a), Integer.parseInt(r), false);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected numstat line from git: " + new String(t, s, t.length - s, StandardCharsets.UTF_8));
        }
    }

    private static int indexOf(byte[] b, int from) throws IOException {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\t') {
                return i;
            }
        }
        throw new IOException("unexpected numstat line from git: " + new String(b, StandardCharsets.UTF_8));
    }
}
