package dev.tributary.bench;

import static dev.tributary.bench.Rounds.median;

import dev.tributary.identity.CurationFile;
import dev.tributary.model.Operation;
import dev.tributary.metrics.Split;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.model.Scope;
import dev.tributary.model.Dates;
import dev.tributary.pipeline.Curate;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.pipeline.Resolve;
import dev.tributary.store.Store;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of the identity hot paths on generated data: 100,000 identities, 10,000 dated enrollments
 * (gitdm email-map lines), 2,000 dated domain rules, 20,000 aliases and 1,000,000 commits over 15 years.
 * Times, as medians of several rounds: importing the curated files, a release report (one year and the
 * whole history), and re-resolution after one enrollment edit; each beside a reference measured in the same
 * run on the same store (a plain group-by of the commits per author, with no resolution).
 *
 * <p>Run: {@code bench/identities.sh [ROUNDS]}.
 */
public final class IdentityBench {
    private IdentityBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("tributary-bench");
        Path db = dir.resolve("bench.duckdb");
        int identities = 100_000;
        int commits = 1_000_000;
        try (Store store = Store.open(db)) {
            long t0 = System.nanoTime();
            generate(store, identities, commits);
            System.out.printf(Locale.ROOT, "generated %,d identities and %,d commits in %.1f s%n", identities, commits, secs(t0));
            Path config = curated(dir, identities);
            Resolve.run(store);

            List<Double> importTimes = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                ImportCurated.run(store, "gitdm", config);
                importTimes.add(secs(t));
            }
            store.deriveAll(); // derived once here, so that no timed step below pays for the import's rebuild
            Scope all = new Scope(List.of(1), "HEAD", null, null, false);
            Scope year = new Scope(List.of(1), "HEAD", Dates.parse("2015-01-01"), Dates.parse("2016-01-01"), false);
            List<Double> reference = new ArrayList<>();
            List<Double> reportAll = new ArrayList<>();
            List<Double> reportYear = new ArrayList<>();
            List<Double> edit = new ArrayList<>();
            List<Double> rebuild = new ArrayList<>();
            Report before = null;
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                try (Statement st = store.connection().createStatement();
                     ResultSet rs = st.executeQuery("SELECT author_email, count(*), sum(lines_added), sum(lines_removed)"
                             + " FROM commits WHERE NOT is_merge GROUP BY author_email")) {
                    while (rs.next()) {
                        rs.getLong(2);
                    }
                }
                reference.add(secs(t));
                t = System.nanoTime();
                before = new ReportQuery(store.connection()).run("all", all, 20);
                reportAll.add(secs(t));
                t = System.nanoTime();
                new ReportQuery(store.connection()).run("2015", year, 20);
                reportYear.add(secs(t));
                // one enrollment edit (the top developer moves), then re-resolution
                t = System.nanoTime();
                Operation op = Resolve.log(store, "bench", Operation.Kind.ENROLL,
                        List.of(before.byDeveloper().get(0).email(), "Moved Inc " + i, "2010-01-01", ""));
                edit.add(secs(t));
                Resolve.log(store, "bench", Operation.Kind.UNDO, List.of(Long.toString(op.id())));
                store.deriveAll();
                t = System.nanoTime();
                Resolve.run(store);
                store.deriveAll(); // what a merge or split costs in all: the individuals, then the derived activity
                rebuild.add(secs(t));
            }
            List<Double> metric = new ArrayList<>();
            List<Double> series = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                new Health(store.connection()).run(all, List.of(Health.Metric.elephant_factor), null, Split.none, 10);
                metric.add(secs(t));
                t = System.nanoTime();
                new Health(store.connection()).run(all, List.of(Health.Metric.contributors, Health.Metric.commits),
                        Interval.month, Split.organization, 10);
                series.add(secs(t));
            }
            // identities apply: 1,000 reviewed merges in one group, then undo of the group; each followed by the rebuild of
            // the derived people a report would pay for
            List<String> persons = new ArrayList<>();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT person FROM identities ORDER BY person LIMIT 2000")) {
                while (rs.next()) {
                    persons.add(rs.getString(1));
                }
            }
            List<CurationFile.Merge> merges = new ArrayList<>();
            for (int i = 0; i + 1 < persons.size(); i += 2) {
                merges.add(new CurationFile.Merge(persons.get(i), List.of(persons.get(i + 1))));
            }
            CurationFile reviewed = new CurationFile(dir.resolve("reviewed.json"), merges, List.of(), List.of());
            List<Double> apply = new ArrayList<>();
            List<Double> undo = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                List<Operation> ops = Curate.apply(store, reviewed, "bench");
                store.deriveStale();
                apply.add(secs(t));
                t = System.nanoTime();
                Curate.undo(store, ops.get(0).id(), "bench");
                store.deriveStale();
                undo.add(secs(t));
            }
            Report after = new ReportQuery(store.connection()).run("all", all, 20);
            System.out.printf(Locale.ROOT, "report: %,d changesets, %,d developers, %,d organizations, %,d Unknown developers%n",
                    after.changesets(), after.developers(), after.organizations(), after.unknownDevelopers());
            System.out.printf(Locale.ROOT, "rounds %d (medians)%n", rounds);
            double ref = median(reference);
            System.out.printf(Locale.ROOT, "reference: plain group-by of 1M commits  %6.3f s%n", ref);
            System.out.printf(Locale.ROOT, "import curated gitdm files (first time)  %6.3f s   (target < 10 s)%n", importTimes.get(0));
            System.out.printf(Locale.ROOT, "re-import of the unchanged files         %6.3f s   (skipped by their digest)%n",
                    importTimes.size() > 1 ? median(importTimes.subList(1, importTimes.size())) : Double.NaN);
            System.out.printf(Locale.ROOT, "release report, whole history            %6.3f s   %5.1f x reference (target < 2 s)%n",
                    median(reportAll), median(reportAll) / ref);
            System.out.printf(Locale.ROOT, "release report, one year                 %6.3f s   %5.1f x reference (target < 2 s)%n",
                    median(reportYear), median(reportYear) / ref);
            System.out.printf(Locale.ROOT, "one enrollment edit + re-resolution      %6.3f s   (target < 1 s)%n", median(edit));
            System.out.printf(Locale.ROOT, "full re-resolution (merge, split, ...)   %6.3f s   (with the derived activity's rebuild)%n", median(rebuild));
            System.out.printf(Locale.ROOT, "identities apply: %,d merges, one group   %6.3f s   (target < 5 s)%n", merges.size(), median(apply));
            System.out.printf(Locale.ROOT, "undo of that group                       %6.3f s%n", median(undo));
            System.out.printf(Locale.ROOT, "metric elephant-factor, whole history    %6.3f s   %5.1f x reference (issue 4 target < 1 s)%n",
                    median(metric), median(metric) / ref);
            System.out.printf(Locale.ROOT, "monthly series by organization, 15 years %6.3f s   %5.1f x reference (issue 4 target < 2 s)%n",
                    median(series), median(series) / ref);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Synthetic activity straight into the store's tables, generated by DuckDB itself. */
    public static void generate(Store store, int identities, int commits) throws Exception {
        try (Statement st = store.connection().createStatement()) {
            st.execute("INSERT INTO repositories (id, name, location) VALUES (1, 'synthetic', '/synthetic')");
            // person i: 'Person i' <pi@org(i % 3000).example> ; a tenth use webmail
            st.execute("INSERT INTO identities SELECT 1, 'Person ' || i, CASE WHEN i % 10 = 0 THEN 'p' || i || '@gmail.com'"
                    + " ELSE 'p' || i || '@org' || (i % 3000) || '.example' END,"
                    + " CASE WHEN i % 10 = 0 THEN 'p' || i || '@gmail.com' ELSE 'p' || i || '@org' || (i % 3000) || '.example' END,"
                    + " 'Person ' || i, false FROM range(" + identities + ") t(i)");
            // half the commits spread over everyone, half by 2,000 regulars; over 2010..2025
            st.execute("INSERT INTO commits SELECT 1, printf('%040x', j), '', 'Person ' || p,"
                    + " CASE WHEN p % 10 = 0 THEN 'p' || p || '@gmail.com' ELSE 'p' || p || '@org' || (p % 3000) || '.example' END,"
                    + " 1262304000 + (j * 473) % 473040000, 0, 'Person ' || p, 'x@y', 0, 0, 'subject', 'message', false, 1,"
                    + " (j % 97), (j % 13) FROM (SELECT j, CASE WHEN j % 2 = 0 THEN (j * 7919) % " + identities
                    + " ELSE (j * 7919) % 2000 END AS p FROM range(" + commits + ") t(j))");
            st.execute("INSERT INTO scope_commits SELECT 1, 'HEAD', sha FROM commits");
            st.execute("INSERT INTO cursors VALUES (1, 'HEAD', 'synthetic')");
        }
        // written behind the store's back (no collect marked the derived relation stale): derive it now
        store.deriveAll();
    }

    /** gitdm files: 10,000 dated enrollments (5,000 people, two employers each), 2,000 domains, 20,000 aliases. */
    public static Path curated(Path dir, int identities) throws Exception {
        Random rnd = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("email-map"))) {
            for (int k = 0; k < 5_000; k++) {
                int p = 1 + rnd.nextInt(identities - 1);
                if (p % 10 == 0) {
                    p++;
                }
                String email = "p" + p + "@org" + (p % 3000) + ".example";
                int year = 2011 + rnd.nextInt(12);
                w.write(email + " Company " + rnd.nextInt(500) + " < " + year + "-0" + (1 + rnd.nextInt(9)) + "-01\n");
                w.write(email + " Company " + rnd.nextInt(500) + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("domain-map"))) {
            for (int d = 0; d < 2_000; d++) {
                w.write("org" + d + ".example Employer " + (d % 700) + (d % 3 == 0 ? " < 2016-01-01\norg" + d + ".example Successor " + d : "") + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("aliases"))) {
            for (int a = 0; a < 20_000; a++) {
                int p = 1 + rnd.nextInt(identities - 1);
                w.write("p" + p + "@old.example p" + p + "@org" + (p % 3000) + ".example\n");
            }
        }
        Path config = dir.resolve("gitdm.config");
        Files.writeString(config, "EmailAliases aliases\nEmailMap domain-map\nEmailMap email-map\n");
        return config;
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
