package dev.tributary.bench;

import dev.tributary.metrics.Split;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.model.Scope;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.pipeline.Resolve;
import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the health metrics (issue 4's targets) on the identity benchmark's generated store:
 * 1,000,000 commits over 15 years from 10,000 people (the size), 10,000 dated enrollments, each commit touching one
 * or two files in one of 20 modules. Times, as medians, every single metric over the whole history, a
 * monthly series by organization, a module-scoped metric and a per-organization view, each beside a
 * reference measured in the same run (a plain group-by of the commits, no resolution).
 *
 * <p>Run: {@code bench/health.sh [ROUNDS] [STORE]}; a STORE path that exists is reused (generated once).
 */
public final class HealthBench {
    private HealthBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("tributary-health");
        Path db = args.length > 1 ? Path.of(args[1]) : dir.resolve("bench.duckdb");
        boolean fresh = !Files.exists(db);
        try (Store store = Store.open(db)) {
            if (fresh) {
                long t0 = System.nanoTime();
                IdentityBench.generate(store, 10_000, 1_000_000);
                generateFiles(store);
                ImportCurated.run(store, "gitdm", IdentityBench.curated(dir, 10_000));
                Resolve.run(store);
                System.out.printf(Locale.ROOT, "generated the store in %.1f s%n", IdentityBench.secs(t0));
            }
            store.deriveStale(); // the curated import's people, derived before anything is timed
            Scope all = new Scope(List.of(1), "HEAD", null, null, false);
            Health health = new Health(store.connection());
            double ref = Rounds.median(rounds, () -> {
                try (Statement st = store.connection().createStatement();
                     ResultSet rs = st.executeQuery("SELECT author_email, count(*), sum(lines_added), sum(lines_removed)"
                             + " FROM commits WHERE NOT is_merge GROUP BY author_email")) {
                    while (rs.next()) {
                        rs.getLong(2);
                    }
                }
            });
            System.out.printf(Locale.ROOT, "rounds %d (medians)%n", rounds);
            System.out.printf(Locale.ROOT, "%-52s %6.3f s%n", "reference: plain group-by of 1M commits", ref);
            Slowest whole = Slowest.metric(health, all, rounds);
            System.out.printf(Locale.ROOT, "%-52s %6.3f s  %5.1f x reference (target < 1 s)%n",
                    "slowest single metric, whole history (" + whole.metric() + ")", whole.seconds(), whole.seconds() / ref);
            double all17 = Rounds.median(rounds, () -> health.run(all, Health.all(), null, Split.none, 10));
            System.out.printf(Locale.ROOT, "%-52s %6.3f s  %5.1f x reference%n", "all 17 metrics, whole history", all17, all17 / ref);
            double series = Rounds.median(rounds, () -> health.run(all, List.of(Health.Metric.contributors, Health.Metric.commits),
                    Interval.month, Split.organization, 10));
            System.out.printf(Locale.ROOT, "%-52s %6.3f s  %5.1f x reference (target < 2 s)%n",
                    "monthly series by organization, 15 years", series, series / ref);
            Scope year = all.withWindow(dev.tributary.model.Dates.parse("2018-01-01"), dev.tributary.model.Dates.parse("2019-01-01"));
            Slowest inYear = Slowest.metric(health, year, rounds);
            System.out.printf(Locale.ROOT, "%-52s %6.3f s  %5.1f x reference (target < 1 s)%n",
                    "slowest single metric, one year (" + inYear.metric() + ")", inYear.seconds(), inYear.seconds() / ref);
            Scope module = all.withPaths(List.of("mod3/**", "mod7/src/**"));
            double mod = Rounds.median(rounds, () -> health.run(module, List.of(Health.Metric.elephant_factor), null, Split.none, 10));
            System.out.printf(Locale.ROOT, "%-52s %6.3f s  %5.1f x reference (target < 1 s)%n",
                    "elephant factor of a module (2 globs), whole history", mod, mod / ref);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One or two files per commit in 20 modules; the lines of the files add up to the commit's. */
    static void generateFiles(Store store) throws Exception {
        try (Statement st = store.connection().createStatement()) {
            st.execute("INSERT INTO file_changes SELECT 1, sha, 'mod' || (j % 20) || '/src/f' || (j % 50) || '.c',"
                    + " lines_added, CASE WHEN j % 3 = 0 THEN 0 ELSE lines_removed END, false"
                    + " FROM (SELECT row_number() OVER () - 1 AS j, * FROM commits)");
            st.execute("INSERT INTO file_changes SELECT 1, sha, 'mod' || ((j + 7) % 20) || '/doc/r' || (j % 10) || '.txt',"
                    + " 0, lines_removed, false FROM (SELECT row_number() OVER () - 1 AS j, * FROM commits) WHERE j % 3 = 0");
        }
    }

    /** The metric whose median over {@code rounds} runs on {@code scope} is the longest, and that median. */
    record Slowest(String metric, double seconds) {
        static Slowest metric(Health health, Scope scope, int rounds) throws Exception {
            Slowest slowest = new Slowest("", 0);
            for (Health.Metric m : Health.Metric.values()) {
                double t = Rounds.median(rounds, () -> health.run(scope, List.of(m), null, Split.none, 10));
                if (t > slowest.seconds()) {
                    slowest = new Slowest(m.label(), t);
                }
            }
            return slowest;
        }
    }
}
