package dev.tributary.bench;

import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.IssueMetrics;
import dev.tributary.metrics.IssueScope;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the issue metrics on an imported store (bench/issues.sh imports the archive first): every
 * metric alone over the whole history, all of them at once, and a monthly series of all, each as the median
 * of ROUNDS runs in this process, beside a reference measured in the same run: one plain SQL pass over the
 * issue and comment tables (counts and a median), with no per-issue work.
 *
 * <p>Run: {@code bench/issues.sh ITEMS [ROUNDS]}, or {@code java -cp tributary.jar:test-classes
 * dev.tributary.bench.IssuesBench STORE [ROUNDS]}.
 */
public final class IssuesBench {
    private IssuesBench() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Store store = Store.open(db)) {
            IssueMetrics m = new IssueMetrics(store.connection());
            m.run(IssueScope.all(), IssueMetrics.all(), null, IssueMetrics.Split.none, 10); // warm up
            double ref = Rounds.median(rounds, () -> {
                try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*), median(closed - created), (SELECT count(*) FROM issue_comments) FROM issues WHERE NOT is_pull")) {
                    rs.next();
                }
            });
            System.out.printf(Locale.ROOT, "reference (one SQL pass: counts and a median over issues and comments): %.3f s%n", ref);
            double slowest = 0;
            for (IssueMetrics.Metric metric : IssueMetrics.all()) {
                double s = Rounds.median(rounds, () -> m.run(IssueScope.all(), List.of(metric), null, IssueMetrics.Split.none, 10));
                slowest = Math.max(slowest, s);
                System.out.printf(Locale.ROOT, "  %-34s %.3f s  (%.1fx the reference)%n", metric.label(), s, s / ref);
            }
            double all = Rounds.median(rounds, () -> m.run(IssueScope.all(), IssueMetrics.all(), null, IssueMetrics.Split.none, 10));
            double monthly = Rounds.median(rounds, () -> m.run(IssueScope.all(), IssueMetrics.all(), Interval.month, IssueMetrics.Split.none, 10));
            double byLabel = Rounds.median(rounds, () -> m.run(IssueScope.all(), IssueMetrics.all(), Interval.year, IssueMetrics.Split.label, 10));
            System.out.printf(Locale.ROOT, "slowest single metric %.3f s; all %d metrics at once %.3f s; monthly series of all %.3f s;"
                    + " yearly by label (top 10) %.3f s (medians of %d)%n", slowest, IssueMetrics.all().size(), all, monthly, byLabel, rounds);
        }
    }
}
