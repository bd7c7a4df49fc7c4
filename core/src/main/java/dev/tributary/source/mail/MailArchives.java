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

    /**
     * The archive files a path stands for, sorted.
     *
     * @throws TributaryException.InvalidInput naming the path if it does not exist or cannot be listed
     */
    public static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new TributaryException.InvalidInput(path + ": no such file or directory");
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
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(out::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new TributaryException.InvalidInput(root + ": cannot list: " + e.getMessage(), e);
            }
        }
        out.sort(null);
        return out;
    }

    /** Whether the file is gzip-compressed (by its first two bytes). */
    public static boolean gzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
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
        boolean gz = gzip(file);
        if (gz && startOffset != 0) {
            throw new IllegalArgumentException("a gzip archive is read from its start, not from " + startOffset + ": " + file);
        }
        MessageParser parser = new MessageParser();
        long resume = startOffset;
        int messages = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(startOffset);
            InputStream raw = Channels.newInputStream(ch);
            InputStream in = gz ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16) : raw;
            MboxScanner scanner = new MboxScanner(in, startOffset);
            while (true) {
                MboxScanner.Raw r;
                try {
                    r = scanner.next();
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    sink.warning(new Warning("corrupt-archive", name + " at byte " + scanner.position(),
                            "the compressed stream ends early or is corrupt (" + e.getMessage() + "): the rest of the file is skipped"),
                            scanner.position());
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
}
