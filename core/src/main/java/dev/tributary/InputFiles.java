package dev.tributary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one way Tributary reads a whole file it was pointed at: curated files (gitdm, Stackalytics, .mailmap,
 * also a repository's own {@code .mailmap}) and project files. Such paths come from files others write, so a
 * path may name anything: only a regular file (after following links) of at most a given size is read, and a
 * file that holds more than its size says ({@code /proc/self/environ}, which reports 0 bytes) is refused, so
 * no device, pipe or pseudo-file ends in an OutOfMemoryError or is copied into the store. Stateless.
 */
public final class InputFiles {
    /** The most a curated file may hold: 64 MiB (the largest real ones, Stackalytics' default_data.json, are ~5 MB). */
    public static final long CURATED_LIMIT = 64L << 20;

    private InputFiles() {
    }

    /**
     * Checks that {@code file} is a regular file (links followed) and gives its attributes.
     *
     * @param what what the file is for, in messages: {@code "mailmap"}, {@code "gitdm file"}
     * @throws TributaryException.InvalidInput naming {@code what} and the path: missing, a folder, or not a
     *         regular file (a device, FIFO or socket)
     */
    public static BasicFileAttributes requireRegular(Path file, String what) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new TributaryException.InvalidInput(what + ": " + file + ": no such file"
                    + (Files.isSymbolicLink(file) ? " (a symbolic link to a missing file)" : ""), e);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(what + ": " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (a.isDirectory()) {
            throw new TributaryException.InvalidInput(what + ": " + file + ": is a folder, not a file");
        }
        if (!a.isRegularFile()) {
            throw new TributaryException.InvalidInput(what + ": " + file + ": not a regular file (a device, FIFO or socket)");
        }
        return a;
    }

    /**
     * The bytes of a regular file of at most {@code limit} bytes.
     *
     * @throws TributaryException.InvalidInput naming {@code what} and the path when it is not a regular file, is
     *         larger than {@code limit}, holds more than its size says (a pseudo-file), or cannot be read
     */
    public static byte[] read(Path file, String what, long limit) {
        long size = requireRegular(file, what).size();
        if (size > limit) {
            throw new TributaryException.InvalidInput(String.format(Locale.ROOT, "%s: %s: %,d bytes, over the limit of %,d for a %s",
                    what, file, size, limit, what));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) size + 1);
            if (b.length > size) {
                throw new TributaryException.InvalidInput(what + ": " + file + ": holds more than the " + size
                        + " bytes its size says (a pseudo-file such as /proc/..., or a file being written): not read");
            }
            return b;
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(what + ": " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
