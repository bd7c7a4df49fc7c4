package dev.tributary.cli;

import dev.tributary.TributaryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;

/** Where a command's output goes: standard output, or a file replaced whole (never left half written). */
final class Output {
    private Output() {
    }

    /** @throws TributaryException.InvalidInput if the file cannot be written */
    static void write(CommandLine.Model.CommandSpec spec, Path file, String text) {
        if (file == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        Path target = file.toAbsolutePath();
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
