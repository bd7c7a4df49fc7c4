package dev.tributary.source.http;

import dev.tributary.source.Progress;
import java.time.Duration;

/**
 * How the client waits: for a rate limit to reset, for a retry after a server error. The default sleeps
 * in steps of one second and shows the wait on the progress bar (its name says why and until when);
 * tests pass one that records the waits and returns at once.
 */
@FunctionalInterface
public interface Pause {
    /**
     * Waits {@code duration}; {@code reason} is for the user ("rate limit of api.github.com resets 21:40:00Z").
     *
     * @throws InterruptedException if the thread is interrupted: the request is abandoned
     */
    void pause(Duration duration, String reason) throws InterruptedException;

    /** Sleeps, counting down on {@code progress} (seconds left as the bar's units). */
    static Pause sleeping(Progress progress) {
        return (duration, reason) -> {
            long millis = Math.max(0, duration.toMillis());
            long seconds = (millis + 999) / 1000;
            progress.start("waiting " + seconds + " s: " + reason, seconds);
            try {
                long end = System.nanoTime() + millis * 1_000_000;
                long done = 0;
                while (true) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Thread.sleep(Math.min(1000, left / 1_000_000 + 1));
                    progress.advance(Math.min(seconds, ++done));
                }
            } finally {
                progress.finish();
            }
        };
    }
}
