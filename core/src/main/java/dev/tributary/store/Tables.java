package dev.tributary.store;

import java.sql.Connection;

/**
 * A group of the store's tables (curation, mail, patches, reviews, issues) with the reads and writes over them:
 * they share the store's connection and its transactions, and report failures through it. Obtained from the
 * {@link Store}; not thread-safe, like the store.
 */
abstract class Tables {
    final Store store;
    final Connection conn;

    Tables(Store store) {
        this.store = store;
        this.conn = store.connection();
    }
}
