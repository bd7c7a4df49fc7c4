package dev.tributary.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailingListsTest {
    @TempDir
    Path dir;

    @Test
    void lists_take_files_folders_and_globs_relative_to_the_project_file() throws Exception {
        Path archives = Files.createDirectories(dir.resolve("archives/dev"));
        Files.writeString(archives.resolve("2012-May.txt.gz"), "");
        Files.writeString(archives.resolve("2012-April.txt.gz"), "");
        Files.writeString(archives.resolve("notes.md"), "");
        Project p = Project.load(Files.writeString(dir.resolve("tributary.yaml"), """
                repositories: [repo]
                mailingLists:
                  - name: dev
                    paths: [archives/dev/*.txt.gz, extra.mbox]
                  - name: users
                    path: archives/users/*.mbox
                """));
        assertEquals(List.of(archives.resolve("2012-April.txt.gz"), archives.resolve("2012-May.txt.gz"), dir.resolve("extra.mbox")),
                p.mailingList("dev").orElseThrow().paths(), "a glob sorted; a plain path as it is, even if missing");
        assertEquals(List.of(dir.resolve("archives/users/*.mbox")), p.mailingList("users").orElseThrow().paths(),
                "a glob that matches nothing is kept, so the collect names it");
    }

    @Test
    void a_list_without_paths_is_named_in_the_error() throws Exception {
        TributaryException e = assertThrows(TributaryException.class, () -> Project.load(Files.writeString(dir.resolve("t.yaml"),
                "repositories: [repo]\nmailingLists:\n  - name: dev\n")));
        assertTrue(e.getMessage().endsWith("t.yaml:3:5: list 'dev' needs 'paths' (files, folders or globs)"), e.getMessage());
    }
}
