package dev.tributary.cli;

import dev.tributary.project.Project;
import java.nio.file.Path;
import java.util.List;

/** What the CLI takes from the folder it runs in: the project file {@code ./tributary.yaml}, when present. */
final class WorkingFolder {
    private WorkingFolder() {
    }

    /**
     * The project file to use: the one named, else {@code ./tributary.yaml} when no PATH was given and the
     * file is there; null when neither.
     */
    static Path project(Path named, List<Path> paths) {
        if (named != null || paths != null && !paths.isEmpty()) {
            return named;
        }
        return Project.defaultFile(Path.of(System.getProperty("user.dir"))).orElse(null);
    }
}
