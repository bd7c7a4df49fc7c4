package dev.tributary.project;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzzes the project-file reader with any bytes: a project or a clear error naming the file, never another exception. */
class ProjectFuzzTest {
    private static final Path FILE;

    static {
        try {
            Path dir = Files.createTempDirectory("tributary-fuzz");
            Files.createDirectories(dir.resolve("repo"));
            FILE = dir.resolve("tributary.yaml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void any_project_file_is_read_or_refused_with_a_clear_error(byte[] data) throws Exception {
        Files.write(FILE, data);
        try {
            Project.load(FILE);
        } catch (TributaryException.InvalidInput expected) {
            // a clear error is a fine answer
        }
    }
}
