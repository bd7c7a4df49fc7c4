package dev.tributary.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The issue-tracker fixtures under {@code /issues} on the test class path, copied so that a test may change them. */
final class IssueFixtures {
    private IssueFixtures() {
    }

    /** Copies the fixture folder {@code /issues/<name>} to {@code to}, whole; returns {@code to}. */
    static Path copy(String name, Path to) throws Exception {
        Path from = Path.of(IssueFixtures.class.getResource("/issues/" + name).toURI());
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
