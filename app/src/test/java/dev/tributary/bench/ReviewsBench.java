package dev.tributary.bench;

import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times every review metric, the reviewers table, the matrix and the commit links on a store that holds
 * collected change requests (bench/reviews.sh imports the bitcoin/bips backup into it): medians of ROUNDS,
 * in one process after one warm-up round, beside a reference measured in the same run (counting the
 * change rows with one SQL query).
 *
 * <p>Run: {@code bench/reviews.sh BACKUP [ROUNDS]}, or directly with a STORE and ROUNDS.
 */
public final class ReviewsBench {
    private ReviewsBench() {
    }

    /** The median of {@code rounds} runs of {@code w} after one warm-up run. */
    static double median(int rounds, Rounds.Work w) throws Exception {
        w.run();
        return Rounds.median(rounds, w);
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Store store = Store.open(db)) {
            ReviewMetrics rm = new ReviewMetrics(store.connection());
            ReviewMetrics.ReviewScope all = new ReviewMetrics.ReviewScope(List.of(), null, null);
            double ref = median(rounds, () -> {
                try (var st = store.connection().createStatement(); var rs = st.executeQuery(
                        "SELECT state, count(*), median(coalesce(merged, closed, updated) - created) FROM changes GROUP BY state")) {
                    while (rs.next()) {
                        rs.getLong(2);
                    }
                }
            });
            System.out.printf(Locale.ROOT, "%-36s %8.3f s (reference: one SQL group-by of the changes)%n", "reference", ref);
            double slowest = 0;
            for (ReviewMetrics.Metric m : ReviewMetrics.all()) {
                double t = median(rounds, () -> rm.run(all, List.of(m), null, Split.none, 0));
                slowest = Math.max(slowest, t);
                System.out.printf(Locale.ROOT, "%-36s %8.3f s  %6.1fx%n", m.label(), t, t / ref);
            }
            double allMetrics = median(rounds, () -> rm.run(all, ReviewMetrics.all(), null, Split.none, 0));
            double monthly = median(rounds, () -> rm.run(all, ReviewMetrics.all(), Interval.month, Split.organization, 10));
            double reviewers = median(rounds, () -> rm.reviewers(all, Split.person, 0));
            double matrix = median(rounds, () -> rm.matrix(all));
            double links = median(rounds, () -> rm.commitLinks(all));
            System.out.printf(Locale.ROOT, "%-36s %8.3f s%n", "slowest single metric", slowest);
            System.out.printf(Locale.ROOT, "%-36s %8.3f s%n", "all metrics, whole window", allMetrics);
            System.out.printf(Locale.ROOT, "%-36s %8.3f s%n", "all metrics, monthly, by organization", monthly);
            System.out.printf(Locale.ROOT, "%-36s %8.3f s%n", "reviewers table", reviewers);
            System.out.printf(Locale.ROOT, "%-36s %8.3f s%n", "review matrix", matrix);
            System.out.printf(Locale.ROOT, "%-36s %8.3f s%n", "commit links", links);
        }
    }
}
