package dev.tributary.cli;

import dev.tributary.TributaryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;

/**
 * Where a command's output goes: standard output, or a file. A regular file (or a new one) is replaced whole,
 * never left half written; a symbolic link is followed and its target replaced (as other tools write through
 * a link); a FIFO, a device or another special file ({@code /dev/stdout}, a named pipe) is written to in place,
 * since it cannot be replaced; a directory is refused by name.
 */
final class Output {
    private Output() {
    }

    /** @throws TributaryException.InvalidInput if the file cannot be written, naming it and why */
    static void write(CommandLine.Model.CommandSpec spec, Path file, String text) {
        if (file == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            if (out.checkError()) {
                throw new TributaryException.InvalidInput("cannot write to standard output (a full disk or a closed pipe)");
            }
            return;
        }
        Path target = file.toAbsolutePath();
        try {
            for (int hops = 0; Files.isSymbolicLink(target); hops++) {
                if (hops > 40) {
                    throw new TributaryException.InvalidInput("cannot write " + file + ": too many levels of symbolic links");
                }
                target = target.getParent().resolve(Files.readSymbolicLink(target)).normalize();
            }
        } catch (IOException e) {
            throw new TributaryException.InvalidInput("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(target)) {
            throw new TributaryException.InvalidInput("cannot write " + file + ": it is a directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // a FIFO, a device, a socket: written to as it is
            try (var o = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new TributaryException.InvalidInput("cannot write " + file + " (not a regular file): " + e.getMessage(), e);
            }
            return;
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new TributaryException.InvalidInput("cannot write " + file + ": no directory " + target.getParent());
        }
        try {
            // rw-rw-rw- less the umask, as for any new file (a temporary file alone would be private)
            Path tmp = target.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(target.getParent(), ".tributary-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")))
                    : Files.createTempFile(target.getParent(), ".tributary-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TributaryException.InvalidInput("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
