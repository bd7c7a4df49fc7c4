package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Collects many repositories (local paths or URLs) into one store, several at once: {@code jobs} workers
 * each take the next repository, acquire it (clone or fetch a URL into the {@link RepositoryCache}) and
 * collect it with {@link CollectGit} on {@code threadsPerRepository} git workers; writes to the store are
 * serialized, reading and diffing are not. The largest local repositories start first, so that a long
 * one does not run alone at the end.
 *
 * <p>A repository that cannot be acquired or read (clone refused, authentication required, not a git
 * repository, a missing commit) is reported in {@link Result#failures()} and skipped; the others go on. A
 * run killed at any moment keeps every committed batch; the next run skips the repositories whose cursors
 * are current and reads only the missing commits of the others. The identity resolution is rebuilt once,
 * at the end, if anything changed.
 *
 * <p>Memory: each worker holds at most one repository's commit list and one batch, plus its git
 * processes' own memory (a git process a core in all, each with up to 256 MiB of delta bases, {@code GitNumstat});
 * JGit's pack caches are shared by all (bounded, {@code GitSource}).
 */
public final class CollectRepositories {
    private CollectRepositories() {
    }

    /**
     * How to collect.
     *
     * @param jobs                  repositories collected at once (1 or more)
     * @param threadsPerRepository  git workers per repository (1 or more)
     * @param fetch                 whether cached URL clones are fetched (false: read as they are)
     */
    public record Options(GitScope scope, int jobs, int threadsPerRepository, boolean fetch, RepositoryCache cache) {
        public Options {
            if (jobs < 1 || threadsPerRepository < 1) {
                throw new IllegalArgumentException("jobs and threads must be 1 or more, not " + jobs + " and " + threadsPerRepository);
            }
        }

        /** For {@code repositories} repositories on {@code cores} cores: one job a core, their git workers shared out. */
        public static Options forCores(GitScope scope, int cores, int repositories, boolean fetch, RepositoryCache cache) {
            int jobs = Math.max(1, Math.min(cores, repositories));
            return new Options(scope, jobs, Math.max(1, cores / jobs), fetch, cache);
        }
    }

    /** A repository that was skipped, named as the user gave it, and why. */
    public record Failure(String repository, String message) {
        @Override
        public String toString() {
            return repository + ": " + message;
        }
    }

    /**
     * What a run did.
     *
     * @param collected one result per repository collected, in the order given
     * @param failures  the repositories skipped
     * @param warnings  problems that did not stop a repository (a fetch that failed: the cached copy was read)
     */
    public record Result(List<CollectGit.Result> collected, List<Failure> failures, List<String> warnings) {
        public Result {
            collected = List.copyOf(collected);
            failures = List.copyOf(failures);
            warnings = List.copyOf(warnings);
        }

        public List<Integer> repositoryIds() {
            return collected.stream().map(CollectGit.Result::repositoryId).distinct().toList();
        }
    }

    /**
     * Collects every repository of {@code targets} (paths or URLs, duplicates once), then rebuilds the
     * resolution if anything changed.
     */
    public static Result run(Store store, List<String> targets, Options options, Progress progress) {
        Result r = collect(store, targets, options, progress);
        if (r.collected().stream().anyMatch(CollectGit.Result::peopleChanged)) {
            Resolve.run(store);
        }
        return r;
    }

    /** As {@link #run}, without the resolution: for callers that collect more and resolve once. */
    static Result collect(Store store, List<String> targets, Options options, Progress progress) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(targets));
        Integer[] order = new Integer[unique.size()];
        long[] size = new long[unique.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            size[i] = RepositoryCache.isUrl(unique.get(i)) ? Long.MAX_VALUE / 2 : packBytes(Path.of(unique.get(i)));
        }
        java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> -size[i]).thenComparing(i -> i));
        CollectGit.Result[] results = new CollectGit.Result[unique.size()];
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Set<String> atWork = Collections.synchronizedSet(new LinkedHashSet<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int jobs = Math.min(options.jobs(), Math.max(1, unique.size()));
        boolean single = unique.size() == 1;
        synchronized (progress) {
            if (!single) {
                progress.start("repositories", unique.size());
            }
        }
        Runnable worker = () -> {
            for (int k; (k = next.getAndIncrement()) < order.length; ) {
                int i = order[k];
                String target = unique.get(i);
                String shown = RepositoryCache.isUrl(target) ? RepositoryCache.redacted(target) : target;
                atWork.add(shown);
                synchronized (progress) {
                    progress.at(String.join(", ", List.copyOf(atWork)));
                }
                try {
                    Path path;
                    if (RepositoryCache.isUrl(target)) {
                        RepositoryCache.Acquired a = options.cache().acquire(target, options.fetch());
                        if (a.warning() != null) {
                            warnings.add(a.warning());
                        }
                        path = a.path();
                    } else {
                        path = Path.of(target);
                    }
                    results[i] = CollectGit.collect(store, path, options.scope(), options.threadsPerRepository(),
                            single ? progress : Progress.NONE);
                } catch (TributaryException.StoreFailure e) {
                    throw e; // the store is broken for every repository: stop
                } catch (TributaryException e) {
                    failures.add(new Failure(shown, e.getMessage()));
                } catch (RuntimeException e) { // a bug met on one repository must not cost the others
                    failures.add(new Failure(shown, "internal error: " + e));
                } finally {
                    atWork.remove(shown);
                    int d = done.incrementAndGet();
                    if (!single) {
                        synchronized (progress) {
                            progress.at(String.join(", ", List.copyOf(atWork)));
                            progress.advance(d);
                        }
                    }
                }
            }
        };
        try {
            if (jobs == 1) {
                worker.run();
            } else {
                runAll(worker, jobs);
            }
        } finally {
            if (!single) {
                synchronized (progress) {
                    progress.finish();
                }
            }
        }
        List<CollectGit.Result> collected = new ArrayList<>();
        for (CollectGit.Result r : results) {
            if (r != null) {
                collected.add(r);
            }
        }
        List<Failure> inOrder = new ArrayList<>(failures);
        inOrder.sort(Comparator.comparingInt(f -> indexOf(unique, f.repository())));
        return new Result(collected, inOrder, warnings);
    }

    private static int indexOf(List<String> targets, String shown) {
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (t.equals(shown) || RepositoryCache.redacted(t).equals(shown)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Runs {@code jobs} copies of {@code worker} on threads and rethrows the first one's failure. */
    private static void runAll(Runnable worker, int jobs) {
        List<Thread> threads = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int j = 0; j < jobs; j++) {
            Thread t = new Thread(() -> {
                try {
                    worker.run();
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                }
            }, "tributary-repo-" + j);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TributaryException("interrupted while collecting", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** The bytes of a local repository's packs and loose objects folder listing (0 when unreadable): its size rank. */
    private static long packBytes(Path repo) {
        Path objects = Files.isDirectory(repo.resolve(".git")) ? repo.resolve(".git").resolve("objects") : repo.resolve("objects");
        Path pack = objects.resolve("pack");
        if (!Files.isDirectory(pack)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(pack)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
