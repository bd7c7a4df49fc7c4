package dev.tributary.cli;

import dev.tributary.source.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal, drawn by the progressbar library: one labelled bar per piece of work (each
 * repository's commits, each curated import, each archive), left on its own line when done, with the rate
 * and a smoothed ETA that is not shown before it means something. Used from one thread at a time.
 */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private ProgressBar bar;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String what, long total) {
        finish();
        Eta eta = new Eta(System.nanoTime());
        bar = new ProgressBarBuilder().setTaskName(Text.printable(what)).setInitialMax(total < 0 ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(err, 100))
                .setEtaFunction(state -> eta.estimate(System.nanoTime(), state.getCurrent(), state.getMax()))
                .build();
    }

    @Override
    public void advance(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void at(String what) {
        if (bar != null) {
            String shown = what == null ? "" : Text.printable(what);
            bar.setExtraMessage(shown.length() > 40 ? shown.substring(0, 39) + "\u2026" : shown);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            err.println(); // the final state stays on its line: one line per repository or import
            err.flush();
            bar = null;
        }
    }

    /**
     * A smoothed time to completion: the rate is an exponentially weighted average of the rates between
     * samples (so one slow or fast second does not swing it), and nothing is estimated in the first 3 s or
     * before 1% of the work is done (a first guess from two commits said 5,356 s). Not thread-safe.
     */
    static final class Eta {
        static final long WARM_UP_NANOS = 3_000_000_000L;
        static final double ALPHA = 0.2;
        private final long started;
        private long lastAt;
        private long lastDone;
        private double rate = -1;

        Eta(long started) {
            this.started = started;
            this.lastAt = started;
        }

        Optional<Duration> estimate(long now, long done, long total) {
            if (now - lastAt >= 100_000_000L && done >= lastDone) {
                double r = (done - lastDone) / ((now - lastAt) / 1e9);
                rate = rate < 0 ? r : ALPHA * r + (1 - ALPHA) * rate;
                lastAt = now;
                lastDone = done;
            }
            if (total <= 0 || done >= total || now - started < WARM_UP_NANOS || done < total / 100 || rate <= 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(Math.round((total - done) / rate)));
        }
    }
}
