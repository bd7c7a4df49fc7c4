package dev.tributary.source.mail;

import dev.tributary.TributaryException;
import dev.tributary.model.MailMessage;
import dev.tributary.source.Warning;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The mail source: reads list archives into {@link MailMessage}s, streaming. An archive file is an mbox
 * (plain or gzip, recognised by its bytes, not its name: Pipermail's {@code 2012-April.txt.gz}, HyperKitty's
 * mbox export, any {@code .mbox}) or a single message ({@code .eml}, a Maildir file). A directory stands for
 * its files: a Maildir's {@code cur/} and {@code new/}, or every file below it. See {@code docs/mail.md}.
 *
 * <p>Stateless; each {@link #read} call uses its own parser, so different files may be read on different
 * threads.
 */
public final class MailArchives {
    private MailArchives() {
    }

    /** Receives what one archive holds, in order. */
    public interface Sink {
        void message(MailMessage m);

        /** A problem at byte {@code offset} of the archive. */
        void warning(Warning w, long offset);
    }

    /**
     * What reading one archive did.
     *
     * @param resumeOffset where to start when the archive has grown since: the start of its last message,
     *                     which may have been incomplete (only meaningful for a plain, not gzip, file)
     * @param bytes        bytes read (uncompressed)
     */
    public record Read(long resumeOffset, long bytes, int messages) {
    }

    /** How an archive file is stored, recognised by its first bytes. */
    public enum Format {
        MBOX, GZIP, BZIP2, XZ;

        /** Whether the file must be read from its start (a compressed stream cannot be resumed at an offset). */
        public boolean compressed() {
            return this != MBOX;
        }
    }

    /**
     * The archive files a path stands for, sorted. A file named on its own must be mail; in a folder, files
     * that are not (a zip, a DuckDB store, a binary file, a dangling link, a FIFO) are left out and each is
     * named to {@code skipped} with what it is.
     *
     * @throws TributaryException.InvalidInput naming the path if it does not exist, cannot be listed, or is a
     *         file that is not mail (saying what it is)
     */
    public static List<Path> files(Path path, Consumer<Warning> skipped) {
        if (Files.isRegularFile(path)) {
            format(path);
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            if (Files.exists(path)) {
                throw new TributaryException.InvalidInput(path + ": not a regular file or folder (a device, FIFO or socket)");
            }
            throw new TributaryException.InvalidInput(path + ": no such file or directory"
                    + (Files.isSymbolicLink(path) ? " (a symbolic link to a missing file)" : ""));
        }
        List<Path> roots = new ArrayList<>();
        if (Files.isDirectory(path.resolve("cur")) || Files.isDirectory(path.resolve("new"))) {
            for (String sub : List.of("cur", "new")) { // a Maildir: tmp/ holds messages still being delivered
                if (Files.isDirectory(path.resolve(sub))) {
                    roots.add(path.resolve(sub));
                }
            }
        } else {
            roots.add(path);
        }
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            List<Path> all = new ArrayList<>();
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(p -> !Files.isDirectory(p)).forEach(all::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new TributaryException.InvalidInput(root + ": cannot list: " + e.getMessage(), e);
            }
            all.sort(null);
            for (Path p : all) {
                String why = null;
                if (!Files.exists(p)) {
                    why = "a symbolic link to a missing file";
                } else if (!Files.isRegularFile(p)) {
                    why = "not a regular file (a device, FIFO or socket)";
                } else {
                    try {
                        format(p);
                    } catch (TributaryException.InvalidInput e) {
                        why = e.getMessage().substring(p.toString().length() + 2);
                    }
                }
                if (why == null) {
                    out.add(p);
                } else {
                    skipped.accept(new Warning("skipped-file", p.toString(), why + ": skipped"));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** {@link #files(Path, Consumer)} for callers that do not report skipped files. */
    public static List<Path> files(Path path) {
        return files(path, w -> { });
    }

    /**
     * How the file is stored: plain mbox (or a single message), gzip, bzip2 or xz.
     *
     * @throws TributaryException.InvalidInput naming the file and saying what it is when it is not mail: a zip
     *         or 7z archive, a DuckDB database (a store kept beside the archives), or a binary file
     */
    public static Format format(Path file) {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(8000);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot read: " + e.getMessage(), e);
        }
        if (starts(b, 0x1f, 0x8b)) {
            return Format.GZIP;
        }
        if (starts(b, 'B', 'Z', 'h')) {
            return Format.BZIP2;
        }
        if (starts(b, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return Format.XZ;
        }
        if (starts(b, 'P', 'K', 3, 4) || starts(b, 'P', 'K', 5, 6)) {
            throw new TributaryException.InvalidInput(file + ": a zip archive, not mail: unpack it and collect its mbox files");
        }
        if (starts(b, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            throw new TributaryException.InvalidInput(file + ": a 7z archive, not mail: unpack it and collect its mbox files");
        }
        if (b.length >= 12 && b[8] == 'D' && b[9] == 'U' && b[10] == 'C' && b[11] == 'K') {
            throw new TributaryException.InvalidInput(file + ": a DuckDB database (a store kept beside the archives?), not mail");
        }
        for (byte x : b) {
            if (x == 0) {
                throw new TributaryException.InvalidInput(file + ": a binary file (NUL bytes in its first 8,000), not an mbox");
            }
        }
        return Format.MBOX;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the file is compressed (gzip, bzip2 or xz, by its first bytes), so it is read from its start. */
    public static boolean gzip(Path file) throws IOException {
        return format(file).compressed();
    }

    /**
     * Reads one archive from {@code startOffset} (0, or a {@link Read#resumeOffset} of a plain file), giving
     * every message and warning to {@code sink}. A message that cannot be used is skipped with a warning
     * naming the file and byte offset; the reading goes on.
     *
     * @param name the archive's name in messages and warnings
     * @throws IOException if the file cannot be read at all (a corrupt gzip stream ends the file with a warning)
     */
    public static Read read(Path file, String name, long startOffset, Sink sink) throws IOException {
        Format format = format(file);
        if (format.compressed() && startOffset != 0) {
            throw new IllegalArgumentException("a compressed archive is read from its start, not from " + startOffset + ": " + file);
        }
        MessageParser parser = new MessageParser();
        long resume = startOffset;
        int messages = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(startOffset);
            InputStream raw = Channels.newInputStream(ch);
            InputStream buffered = format.compressed() ? new BufferedInputStream(raw, 1 << 16) : raw;
            InputStream in = switch (format) {
                case GZIP -> new GZIPInputStream(buffered, 1 << 16);
                case BZIP2 -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(buffered, true);
                case XZ -> new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(buffered, true);
                case MBOX -> raw;
            };
            MboxScanner scanner = new MboxScanner(in, startOffset);
            while (true) {
                MboxScanner.Raw r;
                try {
                    r = scanner.next();
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    corrupt(sink, name, scanner, e);
                    break;
                } catch (IOException e) {
                    if (!format.compressed()) {
                        throw e;
                    }
                    corrupt(sink, name, scanner, e);
                    break;
                }
                if (r == null) {
                    break;
                }
                resume = r.offset();
                long at = r.offset();
                MailMessage m = parser.parse(r, name, w -> sink.warning(w, at));
                if (m != null) {
                    sink.message(m);
                    messages++;
                }
            }
            return new Read(resume, scanner.position() - startOffset, messages);
        }
    }

    private static void corrupt(Sink sink, String name, MboxScanner scanner, IOException e) {
        sink.warning(new Warning("corrupt-archive", name + " at byte " + scanner.position(),
                "the compressed stream ends early or is corrupt (" + e.getMessage() + "): the rest of the file is skipped"),
                scanner.position());
    }
}
