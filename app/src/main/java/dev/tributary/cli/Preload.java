package dev.tributary.cli;

import dev.tributary.identity.EmailRules;
import dev.tributary.store.Store;

/**
 * Loads, on a thread of its own, what every store command needs and the JVM would otherwise load on the main thread
 * while the second core waits: DuckDB's native library (0.15 s, needed as the store opens, while picocli still builds
 * the command) and the public-suffix list behind {@link EmailRules#organization} (0.1 s, needed when identities are
 * resolved after a collect). Class initialization is thread-safe: a main thread that gets there first does the work
 * itself, one that comes while it is under way waits for it.
 *
 * <p>Started once by {@link Main#main}, not by {@link Main#execute}: tests run commands in one JVM, where all of it is
 * loaded already.
 */
final class Preload {
    private Preload() {
    }

    /** Starts the daemon thread; returns at once. */
    static void start() {
        Thread t = new Thread(() -> {
            Store.preload();
            EmailRules.organization("preload@example.org");
        }, "tributary-preload");
        t.setDaemon(true);
        t.start();
    }
}
