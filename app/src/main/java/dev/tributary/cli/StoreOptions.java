package dev.tributary.cli;

import dev.tributary.store.Store;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --db} option every command that touches the store shares. */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "FILE", description = "Store file (default: $TRIBUTARY_DB, else "
            + "$XDG_DATA_HOME/tributary/tributary.duckdb, else ~/.local/share/tributary/tributary.duckdb).")
    Path db;

    /**
     * Opens the store, waiting while another process holds its lock (a collect, or {@code serve} copying it
     * to publish): up to {@code $TRIBUTARY_LOCK_WAIT} seconds (default 30), then exit 4 naming the lock.
     */
    Store open() {
        long waitSeconds = 30;
        String env = System.getenv("TRIBUTARY_LOCK_WAIT");
        if (env != null && env.matches("\\d{1,6}")) {
            waitSeconds = Long.parseLong(env);
        }
        return Store.open(path(), Duration.ofSeconds(waitSeconds));
    }

    /** The store file this run uses. */
    Path path() {
        return db != null ? db : defaultStore();
    }

    static Path defaultStore() {
        String env = System.getenv("TRIBUTARY_DB");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".local", "share");
        return base.resolve("tributary").resolve("tributary.duckdb");
    }
}
