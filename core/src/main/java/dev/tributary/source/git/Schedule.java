package dev.tributary.source.git;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The commits of one read cut into runs for the git CLI workers, which take them in order as they become free
 * (guided self-scheduling, {@link #runs}). The list may still be growing: the walk that finds the commits adds
 * them here, and the first run is handed out at once and grows with the walk, so that one git diffs the newest
 * commits while JGit walks to the oldest (glusterfs: the walk is 0.25–0.35 s on one core that would otherwise
 * wait). When the walk ends ({@link #walked}), the first run ends where its git has got to or at its guided
 * size, whichever is further, and the rest is cut as {@link #runs} cuts a whole list.
 *
 * <p>Lifecycle: {@link #add} while walking, then {@link #walked} or, when the walk failed, {@link #abandoned};
 * {@link #next} from any worker at any time. Thread-safe.
 */
final class Schedule {
    private final int workers;
    private final List<ObjectId> commits = new ArrayList<>();
    private boolean walking = true;
    /** How many commits of the first run its git has asked for so far. */
    private int claimed;
    /** The end of the first run, once the walk is over. */
    private int firstEnd;
    /** The runs after the first, once the walk is over. */
    private List<List<ObjectId>> rest = List.of();
    private int handedOut;

    private Schedule(int workers) {
        this.workers = workers;
    }

    /** A schedule that the walk will fill, for {@code workers} workers. */
    static Schedule walking(int workers) {
        return new Schedule(workers);
    }

    /** A schedule of a list known whole: its {@link #runs}. */
    static Schedule of(List<ObjectId> commits, int workers) {
        Schedule s = new Schedule(workers);
        s.commits.addAll(commits);
        s.walked();
        return s;
    }

    /**
     * The commits from {@code from} cut into runs of consecutive commits for {@code workers} workers: each run is the
     * remaining commits over {@code 2n}, and never under {@link GitSource#MIN_CHUNK}, so early runs are long and the
     * last ones short. Consecutive commits share trees and delta bases, so a long run costs git less than the same
     * commits spread out (glusterfs: two halves cost 13.0 s of git's CPU, blocks of 64 taken in turn 14.1 s); the
     * short last runs end the workers together, where fixed shares left one core idle for the last seconds (the
     * newer half of glusterfs's history costs git 7.7 s, the older 5.3 s). A single worker gets them all as one run.
     */
    static List<List<ObjectId>> runs(List<ObjectId> commits, int from, int workers) {
        List<List<ObjectId>> runs = new ArrayList<>();
        while (from < commits.size()) {
            int n = size(commits.size() - from, workers);
            runs.add(commits.subList(from, from + n));
            from += n;
        }
        return runs;
    }

    /** The length of the next run of {@link #runs} when {@code left} commits remain. */
    private static int size(int left, int workers) {
        if (workers == 1) {
            return left;
        }
        return Math.min(left, Math.max(GitSource.MIN_CHUNK, (left + 2 * workers - 1) / (2 * workers)));
    }

    /** One more commit the walk found, newest first. */
    synchronized void add(ObjectId commit) {
        commits.add(commit);
        notifyAll();
    }

    /** The walk is over: the first run's end and the other runs are fixed. */
    synchronized void walked() {
        walking = false;
        firstEnd = Math.min(commits.size(), Math.max(claimed, size(commits.size(), workers)));
        rest = runs(commits, firstEnd, workers);
        notifyAll();
    }

    /** The walk failed: the first run ends with what its git was given, and nothing else is handed out. */
    synchronized void abandoned() {
        walking = false;
        firstEnd = claimed;
        rest = List.of();
        notifyAll();
    }

    /** How many commits the walk found (all of them, once it is over). */
    synchronized int total() {
        return commits.size();
    }

    /**
     * The next run for a free worker, or null when none is left: first the growing first run, then, once the walk
     * is over, the others in order.
     *
     * @throws InterruptedException while waiting for the walk to end
     */
    synchronized GitNumstat.Feed next() throws InterruptedException {
        if (handedOut == 0) {
            handedOut++;
            return first;
        }
        while (walking) {
            wait();
        }
        int i = handedOut++ - 1;
        return i < rest.size() ? GitNumstat.Feed.of(rest.get(i)) : null;
    }

    /** The first run: what the walk has found so far, waiting for more while it goes on. */
    private final GitNumstat.Feed first = new GitNumstat.Feed() {
        @Override
        public boolean has(int i) throws InterruptedException {
            synchronized (Schedule.this) {
                while (walking && i >= commits.size()) {
                    Schedule.this.wait();
                }
                if (walking) {
                    claimed = Math.max(claimed, i + 1);
                    return true;
                }
                return i < firstEnd;
            }
        }

        @Override
        public ObjectId get(int i) {
            synchronized (Schedule.this) {
                return commits.get(i);
            }
        }
    };
}
