package dev.tributary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the fuzz targets of the file readers share: a scratch file per target, deleted when the JVM exits, and their
 * one rule, that any bytes are read or refused with {@link TributaryException.InvalidInput}, never another exception.
 */
public final class Fuzz {
    private Fuzz() {
    }

    /** A reader of one kind of file, as a fuzz target calls it. */
    @FunctionalInterface
    public interface Reader {
        void read(Path file) throws Exception;
    }

    /** A scratch file {@code name} in a new temporary folder, with the empty sub-folders {@code folders} beside it. */
    public static Path temp(String name, String... folders) {
        try {
            Path dir = Files.createTempDirectory("tributary-fuzz");
            dir.toFile().deleteOnExit();
            for (String folder : folders) {
                Files.createDirectories(dir.resolve(folder)).toFile().deleteOnExit();
            }
            Path f = dir.resolve(name);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data} to {@code file} and reads it: a clear error ({@code InvalidInput}) is a fine answer. */
    public static void readOrRefused(Path file, byte[] data, Reader reader) throws Exception {
        Files.write(file, data);
        try {
            reader.read(file);
        } catch (TributaryException.InvalidInput expected) {
            // a clear error is a fine answer
        }
    }
}
