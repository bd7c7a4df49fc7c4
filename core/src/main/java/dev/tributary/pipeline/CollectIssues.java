package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.source.issues.IssueFiles;
import dev.tributary.source.issues.TrackedIssue;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.IssueStore;
import dev.tributary.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Imports saved tracker responses (files or folders of them, see {@link IssueFiles}) into one tracker of the
 * store, incrementally: a file whose size and modification time are those of its last complete read is not
 * read again (a per-issue archive's {@code -main.json} stands for its companions, whose changes it does not
 * see: re-import with {@code --full}). Files are parsed on a few threads and written in order, in batches of
 * one transaction each, the files' cursors in the same transaction as their issues: a killed import leaves
 * whole batches and reads exactly the rest again. A file that cannot be read is a warning (stored, counted,
 * and it is read again next time); the other files are still imported.
 */
public final class CollectIssues {
    private static final int BATCH_FILES = 512;
    private static final int SHOWN = 50;

    private CollectIssues() {
    }

    /**
     * What one import did.
     *
     * @param files    files read this time; {@code unchanged}: files skipped by their cursor
     * @param warnings the first problems met (every one is in the store's {@code issue_warnings})
     */
    public record Result(String tracker, TrackerKind kind, int files, int unchanged, int issues, int comments,
            TreeMap<String, Integer> warningsByKind, List<Warning> warnings) {
    }

    /** Options of one import: {@code full} reads every file again; {@code threads} parse files at once. */
    public record Options(boolean full, int threads) {
        public Options {
            if (threads < 1 || threads > 64) {
                throw new TributaryException.InvalidInput("--threads must be 1 to 64, not " + threads);
            }
        }

        public static Options defaults() {
            return new Options(false, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * Imports {@code paths} into the tracker {@code name} of kind {@code kind} (registered on first use).
     *
     * @throws TributaryException.InvalidInput when a path does not exist, or the tracker exists with another kind
     */
    public static Result run(Store store, String name, TrackerKind kind, List<Path> paths, Options options, Progress progress) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new TributaryException.InvalidInput("no such file or folder: " + p);
            }
        }
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(IssueFiles::candidate).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new TributaryException.InvalidInput("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else {
                files.add(p);
            }
        }
        IssueStore issues = store.issues();
        IssueStore.Tracker tracker = issues.tracker(name, kind);
        Map<String, IssueStore.FileCursor> known = options.full() ? Map.of() : issues.files(tracker.id());
        List<Path> todo = new ArrayList<>();
        List<IssueStore.FileCursor> cursors = new ArrayList<>();
        int unchanged = 0;
        for (Path f : files) {
            IssueStore.FileCursor c = cursor(f);
            IssueStore.FileCursor old = known.get(c.path());
            if (old != null && old.size() == c.size() && old.modified() == c.modified()) {
                unchanged++;
            } else {
                todo.add(f);
                cursors.add(c);
            }
        }
        progress.start("importing " + name, todo.size());
        TreeMap<String, Integer> byKind = new TreeMap<>();
        List<Warning> shown = new ArrayList<>();
        int stored = 0;
        int comments = 0;
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "issue-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < todo.size(); from += BATCH_FILES) {
                int to = Math.min(todo.size(), from + BATCH_FILES);
                List<Future<Parsed>> parsed = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    Path f = todo.get(i);
                    parsed.add(pool.submit(() -> parse(kind, f)));
                }
                LinkedHashMap<String, TrackedIssue> batch = new LinkedHashMap<>();
                Map<String, String> origins = new LinkedHashMap<>();
                List<Warning> warnings = new ArrayList<>();
                List<IssueStore.FileCursor> done = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    Parsed p = get(parsed.get(i - from));
                    for (TrackedIssue t : p.issues()) {
                        batch.remove(t.issue().key()); // the last copy read wins, in file order
                        batch.put(t.issue().key(), t);
                        origins.put(t.issue().key(), display(todo.get(i)));
                    }
                    warnings.addAll(p.warnings());
                    if (!p.failed()) {
                        done.add(cursors.get(i));
                    }
                }
                List<TrackedIssue> list = new ArrayList<>(batch.values());
                issues.writeBatch(tracker.id(), list, list.stream().map(t -> origins.get(t.issue().key())).toList(), warnings, done, null);
                stored += list.size();
                comments += list.stream().mapToInt(t -> t.comments().size()).sum();
                for (Warning w : warnings) {
                    byKind.merge(w.kind(), 1, Integer::sum);
                    if (shown.size() < SHOWN) {
                        shown.add(w);
                    }
                }
                progress.advance(to);
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        if (stored > 0) {
            Resolve.run(store); // the addresses trackers show are resolved like authors' (individuals, organizations)
        }
        return new Result(name, kind, todo.size(), unchanged, stored, comments, byKind, shown);
    }

    private record Parsed(List<TrackedIssue> issues, List<Warning> warnings, boolean failed) {
    }

    private static Parsed parse(TrackerKind kind, Path f) {
        List<TrackedIssue> out = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        String where = display(f);
        try {
            IssueFiles.read(kind, f, out::add, p -> warnings.add(new Warning(p.kind(), where, p.message())));
            return new Parsed(out, warnings, false);
        } catch (TributaryException.InvalidInput e) {
            warnings.add(new Warning("unreadable-file", where, e.getMessage()));
            // what was read before the fault is kept; the file is read again next time
            return new Parsed(out, warnings, true);
        }
    }

    private static Parsed get(Future<Parsed> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("interrupted while importing issues", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new TributaryException("importing issues failed: " + c, c);
        }
    }

    private static IssueStore.FileCursor cursor(Path f) {
        try {
            return new IssueStore.FileCursor(f.toAbsolutePath().normalize().toString(), Files.size(f),
                    Files.getLastModifiedTime(f).toMillis());
        } catch (IOException e) {
            return new IssueStore.FileCursor(f.toAbsolutePath().normalize().toString(), -1, -1);
        }
    }

    private static String display(Path f) {
        return f.toString();
    }
}
