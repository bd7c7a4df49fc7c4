package dev.tributary.web;

import dev.tributary.pipeline.Resolve;
import dev.tributary.TributaryException;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the server reads and writes, so that it keeps answering while the store is refreshed.
 *
 * <p>Two ways to serve:
 * <ul>
 * <li>{@link #snapshots}: the server does not hold the store. It publishes a private read-only copy of it (a
 * <em>generation</em>: the store's file copied after a checkpoint, under the store's own lock, into a folder
 * beside it) and answers every read from the current generation's connection pool. When the store's file
 * changes (a {@code tributary collect} from another shell, a scheduled refresh, an admin edit), a new
 * generation is copied and swapped in atomically; the old one is closed once its last read is done. Readers
 * never wait for a writer, and other processes ({@code identities list}, a DuckDB client, {@code collect})
 * open the store as if the server were not there, except during the copy itself (they wait for the lock,
 * see {@link Store#open}). Admin edits open the store, write through the audit-logged operations, close it
 * and publish the next generation before answering.
 * <li>{@link #held}: the caller holds the store open and the server reads it directly (tests, and callers
 * embedding the server); nothing else can write it meanwhile, edits go through the held store.
 * </ul>
 *
 * <p>Thread-safe. Lifecycle: create, use, {@link #close} (which deletes the generations' folder).
 */
final class Served implements AutoCloseable {
    /** One published copy of the store and its readers. */
    private static final class Generation {
        final Store store;
        final Connections pool;
        final Scopes scopes;
        final Path file;
        final FileStamp stamp;
        private int users;
        private boolean retired;
        private boolean closed;

        Generation(Store store, Connections pool, Scopes scopes, Path file, FileStamp stamp) {
            this.store = store;
            this.pool = pool;
            this.scopes = scopes;
            this.file = file;
            this.stamp = stamp;
        }

        synchronized boolean enter() {
            if (retired) {
                return false;
            }
            users++;
            return true;
        }

        synchronized void exit() {
            users--;
            if (retired && users == 0) {
                closeNow();
            }
        }

        synchronized void retire() {
            retired = true;
            if (users == 0) {
                closeNow();
            }
        }

        private void closeNow() {
            if (closed) {
                return;
            }
            closed = true;
            pool.close();
            if (file != null) {
                store.close();
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
                } catch (IOException e) {
                    // a left-over copy is removed with the folder on close
                }
            }
        }
    }

    /** When a file last changed, as far as a poll can tell: modification time and size of the file and its WAL. */
    record FileStamp(long modified, long size, long walModified, long walSize) {
        static FileStamp of(Path db) {
            Path wal = db.resolveSibling(db.getFileName() + ".wal");
            try {
                long m = Files.getLastModifiedTime(db).toMillis();
                long s = Files.size(db);
                boolean hasWal = Files.exists(wal);
                return new FileStamp(m, s, hasWal ? Files.getLastModifiedTime(wal).toMillis() : 0, hasWal ? Files.size(wal) : 0);
            } catch (IOException e) {
                return new FileStamp(-1, -1, -1, -1);
            }
        }
    }

    private final Path source;
    private final Store held;
    private final Project project;
    private final int poolSize;
    private final Path folder;
    private final Duration lockWait;
    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final List<Runnable> onPublish = new ArrayList<>();
    private final List<Consumer<Next>> beforeSwap = new ArrayList<>();
    /** The generation this thread's reads go to while it warms a generation not swapped in yet; null: the current one. */
    private final ThreadLocal<Generation> pinned = new ThreadLocal<>();
    /** One writer or publisher at a time, in this process. */
    private final Object writeLock = new Object();
    private final ScheduledExecutorService scheduler;
    private long generations;

    private Served(Path source, Store held, Project project, int poolSize, Path folder, Duration lockWait,
            ScheduledExecutorService scheduler) {
        this.source = source;
        this.held = held;
        this.project = project;
        this.poolSize = poolSize;
        this.folder = folder;
        this.lockWait = lockWait;
        this.scheduler = scheduler;
    }

    /** Serving a store the caller holds open (and closes after the server). */
    static Served held(Store store, Project project, int poolSize) {
        Resolve.deriveStale(store); // a killed run's marks, derived before the pooled reads start
        Served s = new Served(null, store, project, poolSize, null, Duration.ZERO, null);
        Connections pool = new Connections(store, poolSize);
        s.current.set(new Generation(store, pool, pool.read(c -> Scopes.load(c, project)), null, null));
        return s;
    }

    /**
     * Serving published copies of the store file {@code db}, checked for changes every {@code poll}.
     *
     * @throws TributaryException.StoreFailure if the first copy cannot be made (the store locked for longer
     *                                         than {@code lockWait}, unreadable, or a newer schema)
     */
    static Served snapshots(Path db, Project project, int poolSize, Duration poll, Duration lockWait) {
        Path abs = db.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            throw new TributaryException.InvalidInput("store " + db + ": no such file (collect something first)");
        }
        Path folder;
        try {
            folder = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".serving-");
        } catch (IOException e) {
            throw new TributaryException.StoreFailure("store " + db + ": cannot make a folder for its served copies beside it: "
                    + e.getMessage(), e);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-refresh");
            t.setDaemon(true);
            return t;
        });
        Served s = new Served(abs, null, project, poolSize, folder, lockWait, scheduler);
        try {
            s.publish(true);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        long ms = Math.max(50, poll.toMillis());
        scheduler.scheduleWithFixedDelay(s::publishIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        return s;
    }

    /** Runs {@code task} on the store file every {@code every} (a scheduled refresh: collect), then publishes. */
    void every(Duration every, java.util.function.Consumer<Store> task) {
        if (scheduler == null) {
            throw new IllegalStateException("a held store is not refreshed by the server");
        }
        long ms = every.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                write(store -> {
                    task.accept(store);
                    return null;
                });
            } catch (RuntimeException e) {
                System.err.println("tributary serve: refresh failed: " + e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Called after each new generation is published (the API clears its answer cache). */
    void onPublish(Runnable r) {
        synchronized (onPublish) {
            onPublish.add(r);
        }
    }

    /**
     * Called with the next generation before it is swapped in, while the current one still answers: reads
     * made inside {@link Next#reading} go to the next generation (the API warms its answer cache there, so
     * that a refresh costs clients no cold answers).
     */
    void beforeSwap(Consumer<Next> warm) {
        synchronized (beforeSwap) {
            beforeSwap.add(warm);
        }
    }

    /** A generation about to be swapped in, readable before it is. */
    final class Next {
        private final Generation next;

        private Next(Generation next) {
            this.next = next;
        }

        /** Runs {@code reads} with every read of this thread ({@link #read}, {@link #scopes}, ...) on the next generation. */
        <T> T reading(Supplier<T> reads) {
            Generation before = pinned.get();
            pinned.set(next);
            try {
                return reads.get();
            } finally {
                if (before == null) {
                    pinned.remove();
                } else {
                    pinned.set(before);
                }
            }
        }
    }

    /** The scopes (stored repositories and their collected scopes) of the current generation. */
    Scopes scopes() {
        Generation p = pinned.get();
        return p != null ? p.scopes : current.get().scopes;
    }

    /** Runs {@code read} on a connection of the current generation; a swap meanwhile does not disturb it. */
    <T> T read(Connections.Read<T> read) {
        Generation p = pinned.get();
        if (p != null) {
            return p.pool.read(read); // not swapped in yet: nobody retires it meanwhile
        }
        while (true) {
            Generation g = current.get();
            if (g.enter()) {
                try {
                    return g.pool.read(read);
                } finally {
                    g.exit();
                }
            }
        }
    }

    /** Runs {@code read} on the current generation's store object (one caller at a time: a Store is single-threaded). */
    <T> T readStore(Function<Store, T> read) {
        Generation p = pinned.get();
        if (p != null) {
            synchronized (p.store) {
                return read.apply(p.store);
            }
        }
        while (true) {
            Generation g = current.get();
            if (g.enter()) {
                try {
                    synchronized (g.store) {
                        return read.apply(g.store);
                    }
                } finally {
                    g.exit();
                }
            }
        }
    }

    /**
     * Runs a write on the store itself and, when serving copies, publishes the result before returning: the
     * next read sees it.
     *
     * @throws TributaryException.StoreFailure if the store stays locked by another process past the wait
     */
    <T> T write(Function<Store, T> write) {
        synchronized (writeLock) {
            if (held != null) {
                T result = write.apply(held);
                Resolve.deriveStale(held); // derived relations brought up to date for the pooled readers
                fire();
                return result;
            }
            T result;
            try (Store store = Store.open(source, lockWait)) {
                result = write.apply(store);
                Resolve.deriveStale(store);
            }
            publish(true);
            return result;
        }
    }

    /** Publishes a new generation if the store file changed since the current one was copied. */
    void publishIfChanged() {
        try {
            Generation g = current.get();
            if (g != null && !FileStamp.of(source).equals(g.stamp)) {
                publish(false);
            }
        } catch (TributaryException e) {
            // locked by a writer (a collect in progress) or unreadable for now: the next poll tries again
        } catch (RuntimeException e) {
            System.err.println("tributary serve: cannot publish the store's new state: " + e);
        }
    }

    /**
     * Copies the store into a new generation and swaps it in.
     *
     * @param wait whether to wait for the store's lock (a first copy, after an edit) or give up at once (a poll)
     */
    void publish(boolean wait) {
        synchronized (writeLock) {
            Path copy = folder.resolve("generation-" + (++generations) + ".duckdb");
            FileStamp stamp;
            try (Store store = wait ? Store.open(source, lockWait) : Store.open(source)) {
                Resolve.deriveStale(store); // derive whatever a writer left stale, so the copy is ready to read
                store.checkpoint();
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stamp = FileStamp.of(source); // after our own open and close, which may have written
            Store snapshot = Store.open(copy);
            Connections pool;
            Scopes scopes;
            try {
                pool = new Connections(snapshot, poolSize);
                scopes = pool.read(c -> Scopes.load(c, project));
            } catch (RuntimeException e) {
                snapshot.close();
                throw e;
            }
            Generation next = new Generation(snapshot, pool, scopes, copy, stamp);
            warm(next);
            Generation old = current.getAndSet(next);
            fire();
            if (old != null) {
                old.retire();
            }
        }
    }

    private void warm(Generation next) {
        List<Consumer<Next>> warmers;
        synchronized (beforeSwap) {
            warmers = List.copyOf(beforeSwap);
        }
        Next n = new Next(next);
        for (Consumer<Next> w : warmers) {
            try {
                w.accept(n);
            } catch (RuntimeException e) {
                // a warm-up that fails leaves answers to be computed on demand; the swap goes on
                System.err.println("tributary serve: warming the next copy failed: " + e);
            }
        }
    }

    private void fire() {
        synchronized (onPublish) {
            onPublish.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (writeLock) {
            Generation g = current.getAndSet(null);
            if (g != null) {
                g.retire();
            }
        }
        if (folder != null) {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // best effort: a copy still open elsewhere is left for the next start's user to remove
            }
        }
    }
}
