package dev.tributary.source.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Splits an mbox stream into raw messages without loading it: a byte scanner over a 1 MiB buffer that
 * looks at line starts only. A line is a separator when it begins with {@code From } and either follows a
 * blank line (or starts the stream) and carries a time and a year, or is a full asctime envelope
 * ({@code From sender Mon Apr  2 10:00:00 2012}) anywhere. Text before the first separator is a message
 * without an envelope (an {@code .eml} file is one such message).
 *
 * <p>A message larger than {@link #CAP} keeps its first {@code CAP} bytes; the rest is counted in
 * {@link Raw#droppedBytes()}. Lifecycle: construct, call {@link #next()} until null; the stream is the
 * caller's to close. Not thread-safe. The bytes of a {@link Raw} are valid until the next call.
 */
final class MboxScanner {
    static final int CAP = 32 << 20;
    private static final Pattern STRICT = Pattern.compile(
            "^From \\S.*\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\w* +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\w* +\\d{1,2} +"
                    + "\\d{1,2}:\\d\\d(:\\d\\d)?( +\\S+)? +\\d{4}\\s*$");
    private static final Pattern LOOSE = Pattern.compile("^From \\S.*\\d{1,2}:\\d\\d.*\\d{4}.*$|^From \\S.*\\d{4}.*\\d{1,2}:\\d\\d.*$");

    /**
     * One message as found in the archive.
     *
     * @param offset   byte offset of its first byte (the separator line, if any) in the stream
     * @param envelope the separator line without its line end, or null
     * @param last     whether the stream ended with this message
     */
    record Raw(long offset, String envelope, byte[] bytes, int length, long droppedBytes, boolean last) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int lim;
    private long base; // stream offset of buf[0]
    private boolean eof;
    private int ls;
    private int le;
    private boolean atLineStart = true;
    private boolean prevBlank = true;

    private byte[] msg = new byte[1 << 16];
    private int msgLen;
    private long msgOffset = -1;
    private String envelope;
    private long dropped;

    /** Reads {@code in}, whose first byte is at {@code startOffset} of the archive (a message start). */
    MboxScanner(InputStream in, long startOffset) {
        this.in = in;
        this.base = startOffset;
    }

    /** Bytes consumed so far, as a stream offset: for progress. */
    long position() {
        return base + pos;
    }

    /** The next message, or null at the end of the stream. */
    Raw next() throws IOException {
        while (readLine()) {
            boolean lineStart = atLineStart;
            atLineStart = buf[le - 1] == '\n';
            long lineOffset = base + ls;
            if (lineStart && le - ls > 5 && buf[ls] == 'F' && buf[ls + 1] == 'r' && buf[ls + 2] == 'o' && buf[ls + 3] == 'm'
                    && buf[ls + 4] == ' ' && separator()) {
                String env = new String(buf, ls, le - ls, StandardCharsets.ISO_8859_1).stripTrailing();
                prevBlank = false;
                if (msgOffset >= 0) {
                    Raw r = new Raw(msgOffset, envelope, msg, msgLen, dropped, false);
                    start(lineOffset, env);
                    return r;
                }
                start(lineOffset, env);
                continue;
            }
            boolean blank = lineStart && atLineStart && (le - ls == 1 || le - ls == 2 && buf[ls] == '\r');
            if (msgOffset < 0) {
                if (blank) {
                    prevBlank = true;
                    continue; // blank lines before the first message
                }
                start(lineOffset, null);
            }
            append();
            prevBlank = blank;
        }
        if (msgOffset >= 0) {
            Raw r = new Raw(msgOffset, envelope, msg, msgLen, dropped, true);
            msgOffset = -1;
            return r;
        }
        return null;
    }

    private boolean separator() {
        String line = new String(buf, ls, le - ls, StandardCharsets.ISO_8859_1).stripTrailing();
        return prevBlank || msgOffset < 0 ? LOOSE.matcher(line).matches() || STRICT.matcher(line).matches()
                : STRICT.matcher(line).matches();
    }

    private void start(long offset, String env) {
        msgOffset = offset;
        envelope = env;
        msgLen = 0;
        dropped = 0;
    }

    private void append() {
        int n = le - ls;
        if (msgLen + n > CAP) {
            int keep = Math.max(0, CAP - msgLen);
            dropped += n - keep;
            n = keep;
        }
        if (msgLen + n > msg.length) {
            byte[] bigger = new byte[Math.min(CAP, Math.max(msg.length * 2, msgLen + n))];
            System.arraycopy(msg, 0, bigger, 0, msgLen);
            msg = bigger;
        }
        System.arraycopy(buf, ls, msg, msgLen, n);
        msgLen += n;
    }

    /** The next line (or piece of an over-long line) into [ls, le); false at the end. */
    private boolean readLine() throws IOException {
        while (true) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    ls = pos;
                    le = i + 1;
                    pos = le;
                    return true;
                }
            }
            if (eof) {
                if (pos < lim) {
                    ls = pos;
                    le = lim;
                    pos = lim;
                    return true;
                }
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                base += pos;
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) { // a line longer than the buffer: hand out this piece
                ls = 0;
                le = lim;
                pos = lim;
                return true;
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
            } else {
                lim += n;
            }
        }
    }
}
