package dev.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.model.Dates;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHAOSS metrics on a history whose answers are worked out by hand below. */
class HealthTest {
    @TempDir
    Path dir;

    static Map<String, Double> values(List<Health.Point> points, String metric) {
        Map<String, Double> out = new LinkedHashMap<>();
        points.stream().filter(p -> p.metric().equals(metric) && p.group().equals("all")).forEach(p -> out.put(p.period(), p.value()));
        return out;
    }

    @Test
    void monthly_series_and_window_values_match_the_hand_worked_answers() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commit().by("Dee", "dee@gmail.com", "2019-12-31T23:59:59Z").put("d", "0\n").create(); // before the window
            r.commit().by("Ann", "ann@acme.com", "2020-01-15T10:00:00Z").put("a", "1\n").create();
            r.commit().by("Bob", "bob@acme.com", "2020-01-20T10:00:00Z").put("b", "1\n").create();
            r.commit().by("Cy", "cy@initech.com", "2020-02-01T00:00:00Z").put("c", "1\n").create(); // on the boundary
            r.commit().by("Ann", "ann@acme.com", "2020-02-10T10:00:00Z").put("a", "2\n").create();
            r.commit().by("Cy", "cy@initech.com", "2020-02-15T10:00:00Z").put("c", "2\n").create();
            r.commit().by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "2020-02-20T10:00:00Z")
                    .put("f", "1\n").create();
            r.commit().by("Ann", "ann@acme.com", "2020-03-05T10:00:00Z").put("a", "3\n").create(); // now at Initech
            r.commit().by("Dee", "dee@gmail.com", "2020-03-20T10:00:00Z").put("d", "1\n").create();
        }
        Path map = dir.resolve("email-map");
        Files.writeString(map, "ann@acme.com Acme < 2020-03-01\nann@acme.com Initech\ninitech.com Initech\nacme.com Acme\n");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            ImportCurated.run(store, "gitdm", map);
            Scope window = new Scope(List.of(id), "HEAD", Dates.parse("2020-01-01"), Dates.parse("2020-05-01"), false);
            Health health = new Health(store.connection());
            List<Health.Point> monthly = health.run(window, Health.all(), Health.Interval.month, false, 10);
            // Jan: Ann, Bob (both new). Feb: Ann, Cy (Cy new: his first commit is Feb 1 00:00 UTC; Bob inactive).
            // Mar: Ann (at Initech now), Dee (not new: first commit in 2019; Cy inactive). Apr: nobody (Ann, Dee inactive).
            assertEquals(Map.of("2020-01", 2.0, "2020-02", 2.0, "2020-03", 2.0, "2020-04", 0.0), values(monthly, "contributors"));
            assertEquals(List.of("2020-01", "2020-02", "2020-03", "2020-04"), List.copyOf(values(monthly, "contributors").keySet()));
            assertEquals(Map.of("2020-01", 2.0, "2020-02", 1.0, "2020-03", 0.0, "2020-04", 0.0), values(monthly, "new-contributors"));
            assertEquals(Map.of("2020-01", 0.0, "2020-02", 1.0, "2020-03", 1.0, "2020-04", 2.0), values(monthly, "inactive-contributors"));
            assertEquals(Map.of("2020-01", 2.0, "2020-02", 3.0, "2020-03", 2.0, "2020-04", 0.0), values(monthly, "commits"));
            // Feb: Acme (Ann 1) and Initech (Cy 2): 2 organizations, Initech alone makes half; Mar: Initech, Dee Unknown
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 2.0, "2020-03", 1.0, "2020-04", 0.0), values(monthly, "organizations"));
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 1.0, "2020-03", 1.0, "2020-04", 0.0), values(monthly, "elephant-factor"));
            assertEquals(0.25, values(monthly, "bot-share").get("2020-02"), 1e-9, "1 bot commit of 4 in February");
            // retention: of January's newcomers (Ann, Bob) Ann is back in February and in March; Cy (February) is
            // not back in March or April; periods past the window have no value
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 0.0, "2020-03", 0.0), values(monthly, "retained-after-1"));
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 0.0), values(monthly, "retained-after-2"));
            assertEquals(Map.of(), values(monthly, "retained-after-4"));

            List<Health.Point> whole = health.run(window, Health.all(), null, true, 10);
            // 7 human commits: Ann 3, Cy 2, Bob 1, Dee 1. 80% = 5.6 -> Ann+Cy+one more = 3 core; 95% = 6.65 -> 1 regular
            assertEquals(Map.of("all", 4.0), values(whole, "contributors"));
            assertEquals(Map.of("all", 3.0), values(whole, "new-contributors"), "Ann, Bob, Cy; Dee began in 2019");
            assertEquals(Map.of("all", 3.0), values(whole, "core-contributors"));
            assertEquals(Map.of("all", 1.0), values(whole, "regular-contributors"));
            assertEquals(Map.of("all", 0.0), values(whole, "casual-contributors"));
            assertEquals(Map.of("all", 2.0), values(whole, "pony-factor"), "Ann 3 + Cy 2 >= 3.5");
            // by organization, Ann counts for Acme (Jan, Feb) and for Initech (Mar)
            Map<String, Double> byOrg = new LinkedHashMap<>();
            whole.stream().filter(p -> p.metric().equals("contributors") && !p.group().equals("all"))
                    .forEach(p -> byOrg.put(p.group(), p.value()));
            assertEquals(Map.of("Acme", 2.0, "Initech", 2.0, "Unknown", 1.0), byOrg);

            Scope empty = new Scope(List.of(id), "HEAD", Dates.parse("2021-01-01"), Dates.parse("2021-02-01"), false);
            assertEquals(Map.of("all", 0.0), values(health.run(empty, Health.all(), null, false, 10), "contributors"));
        }
    }

    @Test
    void activity_times_are_in_the_authors_own_offset_east_and_west_of_utc() throws Exception {
        Path repo = dir.resolve("tz");
        try (TestRepo r = TestRepo.init(repo)) {
            // 2020-01-06 is a Monday. Tokyo (+09:00) at 23:30 local is Monday 14:30 UTC;
            // San Francisco (-08:00) at 22:15 local on Sunday Jan 5 is Monday 06:15 UTC.
            r.commit().by("Aki", "aki@example.jp", "2020-01-06T23:30:00+09:00").put("a", "1\n").create();
            r.commit().by("Sam", "sam@example.com", "2020-01-05T22:15:00-08:00").put("b", "1\n").create();
            r.commit().by("Ola", "ola@example.no", "2020-01-07T00:05:00+00:00").put("c", "1\n").create();
            // Sydney in summer (+11:00): 660 minutes, more seconds than a 16-bit offset times 60 can hold
            r.commit().by("Kim", "kim@example.au", "2020-01-08T09:00:00+11:00").put("d", "1\n").create();
        }
        try (Store store = Store.open(dir.resolve("tz.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            Health.Times t = new Health(store.connection()).times(new Scope(List.of(id), "HEAD", null, null, false));
            assertEquals(1, t.weekdayHour()[1][23], "Aki: Monday 23h in Tokyo");
            assertEquals(1, t.weekdayHour()[7][22], "Sam: Sunday 22h in San Francisco");
            assertEquals(1, t.weekdayHour()[2][0], "Ola: Tuesday 0h at UTC");
            assertEquals(1, t.weekdayHour()[3][9], "Kim: Wednesday 9h in Sydney");
            assertEquals(4, java.util.Arrays.stream(t.weekdayHour()).flatMapToLong(java.util.Arrays::stream).sum());
            assertEquals(Map.of(540, 1L, -480, 1L, 0, 1L, 660, 1L), t.byOffset());
        }
    }
}
