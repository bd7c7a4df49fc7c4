package dev.tributary.project;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.Fuzz;
import java.nio.file.Path;

/** Fuzzes the project-file reader with any bytes: a project or a clear error naming the file, never another exception. */
class ProjectFuzzTest {
    private static final Path FILE = Fuzz.temp("tributary.yaml", "repo");

    @FuzzTest(maxDuration = "10s")
    void any_project_file_is_read_or_refused_with_a_clear_error(byte[] data) throws Exception {
        Fuzz.readOrRefused(FILE, data, Project::load);
    }
}
