package dev.tributary.web;

import dev.tributary.TributaryException;
import dev.tributary.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;

/**
 * A fixed pool of connections to the one open store, for reads from many request threads: DuckDB connections
 * duplicated from the store's own (same database, each used by one thread at a time). Writes go through
 * {@link Served#write}. Thread-safe.
 */
final class Connections implements AutoCloseable {
    private final Store store;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    Connections(Store store, int size) {
        this.store = store;
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            DuckDBConnection main = store.connection().unwrap(DuckDBConnection.class);
            for (int i = 0; i < size; i++) {
                Connection c = main.duplicate();
                all.add(c);
                idle.add(c);
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("store " + store.path() + ": cannot open read connections: " + e.getMessage(), e);
        }
    }

    Store store() {
        return store;
    }

    interface Read<T> {
        T apply(Connection c);
    }

    /** Runs {@code read} on a free connection, waiting for one. */
    <T> T read(Read<T> read) {
        Connection c;
        try {
            c = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("interrupted while waiting for a store connection", e);
        }
        try {
            // one transaction per answer: its several queries see one snapshot, never half of an edit
            c.setAutoCommit(false);
            try {
                return read.apply(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("store " + store.path() + ": " + e.getMessage(), e);
        } finally {
            idle.add(c);
        }
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing on shutdown: the store's own close reports a real failure
            }
        }
    }
}
