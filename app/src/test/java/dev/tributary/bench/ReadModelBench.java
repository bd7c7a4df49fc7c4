package dev.tributary.bench;

import static dev.tributary.bench.Rounds.median;
import static dev.tributary.bench.Rounds.seconds;

import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code deriveStale()} costs per source of the contributions read model, on two stores built by
 * bench/readmodel.sh: GIT_ONLY (a repository) and ALL (the same repository, then a code-review backup and an
 * issue archive imported into a copy). Per round, in one process after a warm-up: re-deriving each source of
 * each store (what a collect of that source costs to derive: its rows, then the people), the people alone (what
 * a curation edit costs), and a reference in the same run (copying the commits table once). The git-only
 * rerun's question is whether deriving git grows when the store also holds reviews and issues: the ratio of
 * ALL's git derivation to GIT_ONLY's, round by round.
 *
 * <p>Run: {@code bench/readmodel.sh REPO BACKUP ISSUES [ROUNDS]}, or directly with GIT_ONLY ALL ROUNDS.
 */
public final class ReadModelBench {
    private ReadModelBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (Store gitOnly = Store.open(Path.of(args[0])); Store all = Store.open(Path.of(args[1]))) {
            gitOnly.deriveStale();
            all.deriveStale();
            try (var st = all.connection().createStatement(); var rs = st.executeQuery(
                    "SELECT kind, count(*) FROM contributions GROUP BY 1 ORDER BY 1")) {
                StringBuilder b = new StringBuilder("ALL holds");
                while (rs.next()) {
                    b.append(String.format(Locale.ROOT, " %s %,d;", rs.getString(1), rs.getLong(2)));
                }
                System.out.println(b);
            }
            Map<String, List<Double>> t = new LinkedHashMap<>();
            List<Double> ratio = new ArrayList<>();
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                Map<String, Double> one = new LinkedHashMap<>();
                one.put("reference: copy the commits table (ALL)", seconds(() -> {
                    try (var st = all.connection().createStatement()) {
                        st.execute("CREATE OR REPLACE TEMP TABLE bench_copy AS SELECT * FROM commits");
                        st.execute("DROP TABLE bench_copy");
                    }
                }));
                one.put("GIT_ONLY: git + people", seconds(() -> gitOnly.rederive(List.of("git"))));
                one.put("ALL: git + people", seconds(() -> all.rederive(List.of("git"))));
                one.put("GIT_ONLY: people alone", seconds(() -> gitOnly.rederive(List.of("people"))));
                one.put("ALL: people alone", seconds(() -> all.rederive(List.of("people"))));
                one.put("ALL: review + people", seconds(() -> all.rederive(List.of("review"))));
                one.put("ALL: issues + people", seconds(() -> all.rederive(List.of("issues"))));
                one.put("ALL: everything", seconds(all::deriveAll));
                one.put("ALL: nothing stale", seconds(all::deriveStale));
                if (r >= 0) {
                    one.forEach((k, v) -> t.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                    ratio.add(one.get("ALL: git + people") / one.get("GIT_ONLY: git + people"));
                }
            }
            double ref = median(t.get("reference: copy the commits table (ALL)"));
            t.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-42s median %7.3f s  (%5.2fx the reference; rounds: %s)%n", k, median(v),
                    median(v) / ref, v.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList()));
            System.out.printf(Locale.ROOT, "ALL/GIT_ONLY git derivation, round by round: median %.2f (rounds: %s)%n", median(ratio),
                    ratio.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
        }
    }
}
