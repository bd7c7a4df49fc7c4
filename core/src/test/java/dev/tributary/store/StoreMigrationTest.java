package dev.tributary.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tributary.TributaryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMigrationTest {
    @TempDir
    Path dir;

    /** What an old store held besides its version: tables and rows, made with a statement on it. */
    @FunctionalInterface
    interface OldSchema {
        void create(Statement st) throws Exception;
    }

    /** A DuckDB file at {@code file} whose {@code schema_info} says {@code version}, with what {@code schema} creates. */
    static Path storeAtVersion(Path file, int version, OldSchema schema) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_info(version INTEGER NOT NULL)");
            st.execute("INSERT INTO schema_info VALUES (" + version + ")");
            schema.create(st);
        }
        return file;
    }

    /** The store's {@code schema_info} holds one row, the current version. */
    static void assertMigratedToTheCurrentVersion(Store store) throws Exception {
        try (Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT list(version) FROM schema_info")) {
            rs.next();
            assertEquals("[" + Store.SCHEMA_VERSION + "]", rs.getString(1));
        }
    }

    @Test
    void a_version_1_store_is_migrated_in_place_and_keeps_its_data() throws Exception {
        Path file = storeAtVersion(dir.resolve("v1.duckdb"), 1, st -> {
            Store.createVersion1(st);
            st.execute("INSERT INTO repositories VALUES (1, 'nova', '/src/nova/.git')");
            st.execute("INSERT INTO cursors VALUES (1, 'HEAD', 'abc')");
        });
        try (Store store = Store.open(file)) {
            assertEquals(1, store.repository("/src/nova/.git", "nova"), "the old repository row is found");
            assertEquals(Optional.of(List.of("abc")), store.cursor(1, "HEAD"));
            assertEquals(Optional.empty(), store.mailmapDigest(1), "new column, no digest yet");
            store.replaceIdentities(1, List.of(), "d1", "");
            assertEquals(Optional.of("d1"), store.mailmapDigest(1));
            assertMigratedToTheCurrentVersion(store);
        }
    }

    @Test
    void a_version_3_store_gains_the_mail_tables_and_the_activity_relation_and_keeps_its_commits() throws Exception {
        Path file = storeAtVersion(dir.resolve("v3.duckdb"), 3, st -> {
            Store.createVersion1(st);
            st.execute("ALTER TABLE repositories ADD COLUMN mailmap_digest VARCHAR");
            st.execute("ALTER TABLE identities ADD COLUMN is_bot BOOLEAN DEFAULT false");
            Curation.createVersion3(st);
            st.execute("ALTER TABLE repositories ADD COLUMN mailmap_text VARCHAR");
            st.execute("DROP TABLE email_orgs");
            st.execute("INSERT INTO repositories VALUES (1, 'nova', '/src/nova/.git', 'd', '')");
            st.execute("INSERT INTO identities VALUES (1, 'Ann', 'ann@acme.com', 'ann@acme.com', 'Ann', false)");
        });
        try (Store store = Store.open(file)) {
            assertEquals(1, store.mail().list("dev"), "the mail tables exist");
            assertEquals(Optional.of(1), store.mail().findList("dev"));
            assertEquals(java.util.Set.of("ann@acme.com"), store.curation().personEmails(), "git identities kept, no senders yet");
            assertMigratedToTheCurrentVersion(store);
        }
    }

    @Test
    void a_version_10_store_gains_stale_marks_for_code_review_and_issues_so_its_first_derivation_reads_them() throws Exception {
        Path file = dir.resolve("v10.duckdb");
        try (Store store = Store.open(file)) {
            store.deriveStale();
            int c = store.reviews().container("github/o/r", "github");
            store.reviews().write(c, List.of(new dev.tributary.model.Change("github/o/r", 1, "PR_1", "t", new dev.tributary.model.Actor("github", "ann",
                    "", "", false), 100, 100, null, null, null, dev.tributary.model.Change.State.OPEN, "main", "", "", false, 1, List.of(),
                    List.of(), List.of(), List.of(), List.of())), List.of(), null);
            try (Statement st = store.connection().createStatement()) {
                // what a v10 store looked like: no marks for the sources v11 added, the rest derived
                st.execute("DELETE FROM derived_state WHERE name IN ('review', 'issues')");
                st.execute("UPDATE derived_state SET stale = false");
                for (String v12 : new String[] {"review_account_ids", "review_notes", "review_notes_tips"}) {
                    st.execute("DROP TABLE " + v12); // the tables v12 added
                }
                st.execute("UPDATE schema_info SET version = 10");
            }
        }
        try (Store store = Store.open(file)) {
            assertEquals(List.of("review", "issues", "people"), store.deriveStale());
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT kind, item FROM contributions")) {
                rs.next();
                assertEquals("change 1", rs.getString(1) + " " + rs.getString(2), "the stored change request, derived");
            }
        }
    }

    @Test
    void a_store_from_a_newer_tributary_is_refused_with_exit_code_4() throws Exception {
        Path file = storeAtVersion(dir.resolve("future.duckdb"), Store.SCHEMA_VERSION + 1, st -> { });
        TributaryException e = assertThrows(TributaryException.class, () -> Store.open(file).close());
        assertEquals(4, e.exitCode());
    }

    @Test
    void another_applications_duckdb_file_is_refused_untouched_and_an_empty_one_becomes_a_store() throws Exception {
        Path other = dir.resolve("orders.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders(id INTEGER, total DECIMAL(10, 2))");
            st.execute("INSERT INTO orders VALUES (1, 9.99)");
        }
        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class, () -> Store.open(other));
        assertEquals(3, e.exitCode());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("not a Tributary store (it has orders)"), e.getMessage());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "nothing added");
        }
        Path empty = dir.resolve("empty.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + empty)) {
            c.getMetaData();
        }
        try (Store s = Store.open(empty)) {
            assertEquals(Optional.empty(), s.findRepository(dir, "none"));
        }
        try (Store s = Store.open(empty)) {
            s.path(); // and a store opens again
        }
    }
}
