package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tributary.TributaryException;
import dev.tributary.source.Progress;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing a saved GitHub issue archive: each test works on its own copy of {@code /issues/github-archive} and a new store. */
class CollectIssuesTest {
    @TempDir
    Path dir;
    Path archive;
    Store store;

    static CollectIssues.Options options = new CollectIssues.Options(false, 2);

    @BeforeEach
    void copyTheArchiveAndOpenAStore() throws Exception {
        archive = IssueFixtures.copy("github-archive", dir.resolve("data").resolve("github-archive"));
        store = Store.open(dir.resolve("s.duckdb"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Imports the archive into tracker o/r as GitHub's, on two threads, skipping the files read before. */
    CollectIssues.Result importArchive() {
        return CollectIssues.run(store, "o/r", TrackerKind.GITHUB, List.of(archive), options, Progress.NONE);
    }

    /** The rows {@code sql} selects from the store, one line each, columns joined by |. */
    String query(String sql) throws Exception {
        return CollectMailTest.query(store, sql);
    }

    /** The stored issues, one line each: key|reporter|state|is_pull|closed. */
    String issues() throws Exception {
        return query("SELECT key, reporter, state, is_pull, closed FROM issues ORDER BY key");
    }

    @Test
    void an_archive_imports_once_and_a_re_import_reads_only_the_file_that_failed() throws Exception {
        CollectIssues.Result first = importArchive();
        assertEquals(5, first.files(), "the -main.json files; companions are read with them, .404 files not at all");
        assertEquals(3, first.issues());
        assertEquals(3, first.comments());
        assertEquals(Map.of("moved-issue", 1, "unreadable-file", 1), first.warningsByKind());
        String before = issues();
        assertEquals("1|alice|closed|false|1388707200\n2|carol|closed|true|1388664000\n3|dave|open|false|null\n", before);
        assertEquals("2|1\n2|3\n", query("SELECT key, target FROM issue_refs ORDER BY 1, 2"));

        CollectIssues.Result again = importArchive();
        assertEquals(4, again.unchanged());
        assertEquals(1, again.files(), "the truncated file is read again until it is whole");
        assertEquals(before, issues());
        assertEquals("3\n", query("SELECT count(*) FROM issue_comments"), "nothing stored twice");

        // the file is mended: it is read, and its issue joins the others
        Files.writeString(archive.resolve("items/000005-main.json"), "{\"number\": 5, \"title\": \"whole now\", \"user\": {\"login\": \"fran\"},"
                + " \"state\": \"open\", \"created_at\": \"2014-04-01T00:00:00Z\", \"pull_request\": null}");
        CollectIssues.Result mended = importArchive();
        assertEquals(1, mended.issues());
        assertEquals("4\n", query("SELECT count(*) FROM issues"));
    }

    @Test
    void an_issue_read_again_replaces_its_old_copy_whole() throws Exception {
        importArchive();
        Files.writeString(archive.resolve("items/000001-comments.json"), "[{\"id\": 13, \"user\": {\"login\": \"bob\"},"
                + " \"created_at\": \"2014-01-01T05:00:00Z\"}]");
        CollectIssues.run(store, "o/r", TrackerKind.GITHUB, List.of(archive), new CollectIssues.Options(true, 1), Progress.NONE);
        assertEquals("1|13|bob\n", query("SELECT key, comment_id, author FROM issue_comments ORDER BY 1, 2"));
        assertEquals("1\n", query("SELECT count(*) FROM issues WHERE key = '1'"));
    }

    @Test
    void a_tracker_keeps_its_kind_and_a_missing_path_is_bad_input() throws Exception {
        importArchive();
        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                () -> CollectIssues.run(store, "o/r", TrackerKind.JIRA, List.of(archive), options, Progress.NONE));
        assertEquals("tracker 'o/r' is a github tracker, not jira", e.getMessage());
        e = assertThrows(TributaryException.InvalidInput.class,
                () -> CollectIssues.run(store, "o/r", TrackerKind.GITHUB, List.of(dir.resolve("nope")), options, Progress.NONE));
        assertEquals("no such file or folder: " + dir.resolve("nope"), e.getMessage());
        assertEquals("3\n", query("SELECT count(*) FROM issues"), "nothing lost");
    }
}
