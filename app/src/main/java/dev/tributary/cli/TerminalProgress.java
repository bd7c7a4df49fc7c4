package dev.tributary.cli;

import dev.tributary.source.Progress;
import java.io.PrintStream;

/** A one-line progress bar on a terminal: done/total, rate, ETA. Redraws at most 5 times a second. */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private String what;
    private long total;
    private long started;
    private long lastDraw;
    private String at = "";

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String what, long total) {
        this.what = what;
        this.total = total;
        this.started = System.nanoTime();
        this.lastDraw = 0;
    }

    @Override
    public void advance(long done) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done != total) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / secs;
        StringBuilder sb = new StringBuilder("\r");
        if (total > 0) {
            int width = 30;
            int filled = (int) (width * done / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
            sb.append(done).append('/').append(total).append(' ').append(what);
            sb.append(String.format("  %.0f/s", rate));
            if (rate > 0 && done < total) {
                sb.append(String.format("  ETA %ds", (long) ((total - done) / rate)));
            }
        } else {
            sb.append(done).append(' ').append(what).append(String.format("  %.0f/s", rate));
        }
        if (!at.isEmpty()) {
            sb.append("  ").append(at.length() > 40 ? at.substring(0, 39) + "\u2026" : at);
        }
        sb.append("   ");
        err.print(sb);
        err.flush();
    }

    @Override
    public void at(String what) {
        this.at = what == null ? "" : what.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void finish() {
        if (lastDraw != 0) {
            err.print("\r" + " ".repeat(140) + "\r");
            err.flush();
        }
    }
}
