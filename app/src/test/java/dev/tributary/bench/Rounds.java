package dev.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How the benchmarks time their work: one run in wall-clock seconds, and the median of several rounds in this
 * process (the mean of the two middle rounds for an even count). Static helpers, no state; a warm-up round, where a
 * benchmark wants one, is its own call before the rounds.
 */
final class Rounds {
    private Rounds() {
    }

    /** The work one round times. */
    interface Work {
        void run() throws Exception;
    }

    /** The seconds one run of {@code w} takes. */
    static double seconds(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The median seconds of {@code rounds} runs of {@code w}. */
    static double median(int rounds, Work w) throws Exception {
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            t.add(seconds(w));
        }
        return median(t);
    }

    /** The median of {@code xs}, which is left as it was. */
    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
