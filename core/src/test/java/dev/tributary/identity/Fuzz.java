package dev.tributary.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scratch file per fuzz target, deleted when the JVM exits. */
final class Fuzz {
    private Fuzz() {
    }

    static Path temp(String name) {
        try {
            Path dir = Files.createTempDirectory("tributary-fuzz");
            dir.toFile().deleteOnExit();
            Path f = dir.resolve(name);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
