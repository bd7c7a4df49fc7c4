package dev.tributary.metrics;

import dev.tributary.model.Scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    static Map<String, Double> values(List<Point> points, String metric) {
        Map<String, Double> out = new LinkedHashMap<>();
        points.stream().filter(p -> p.metric().equals(metric) && p.group().equals("all")).forEach(p -> out.put(p.period(), p.value()));
        return out;
    }

    @Test
    void monthly_series_and_window_values_match_the_hand_worked_answers() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Dee", "dee@gmail.com", "d", "2019-12-31T23:59:59Z"); // before the window
            r.commits("Ann", "ann@acme.com", "a", "2020-01-15T10:00:00Z");
            r.commits("Bob", "bob@acme.com", "b", "2020-01-20T10:00:00Z");
            r.commits("Cy", "cy@initech.com", "c", "2020-02-01T00:00:00Z"); // on the boundary
            r.commits("Ann", "ann@acme.com", "a", "2020-02-10T10:00:00Z");
            r.commits("Cy", "cy@initech.com", "c", "2020-02-15T10:00:00Z");
            r.commit().by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "2020-02-20T10:00:00Z")
                    .put("f", "1\n").create();
            r.commits("Ann", "ann@acme.com", "a", "2020-03-05T10:00:00Z"); // now at Initech
            r.commits("Dee", "dee@gmail.com", "d", "2020-03-20T10:00:00Z");
        }
        Path map = dir.resolve("email-map");
        Files.writeString(map, "ann@acme.com Acme < 2020-03-01\nann@acme.com Initech\ninitech.com Initech\nacme.com Acme\n");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            ImportCurated.run(store, "gitdm", map);
            Scope window = new Scope(List.of(id), "HEAD", Dates.parse("2020-01-01"), Dates.parse("2020-05-01"), false);
            // periods are UTC whatever the session's time zone (UTC+14 would put Cy's Feb 1 00:00 in January)
            try (var st = store.connection().createStatement()) {
                st.execute("SET TimeZone = 'Pacific/Kiritimati'");
            }
            store.deriveStale();
            Health health = new Health(store.connection());
            List<Point> monthly = health.run(window, Health.all(), Interval.month, Split.none, 10);
            // Jan: Ann, Bob (both new). Feb: Ann, Cy (Cy new: his first commit is Feb 1 00:00 UTC; Bob inactive).
            // Mar: Ann (at Initech now), Dee (not new: first commit in 2019; Cy inactive). Apr: nobody (Ann, Dee inactive).
            // January's inactive: Dee, active in December 2019 (the month before the series) and not in January.
            assertEquals(Map.of("2020-01", 2.0, "2020-02", 2.0, "2020-03", 2.0, "2020-04", 0.0), values(monthly, "contributors"));
            assertEquals(List.of("2020-01", "2020-02", "2020-03", "2020-04"), List.copyOf(values(monthly, "contributors").keySet()));
            assertEquals(Map.of("2020-01", 2.0, "2020-02", 1.0, "2020-03", 0.0, "2020-04", 0.0), values(monthly, "new-contributors"));
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 1.0, "2020-03", 1.0, "2020-04", 2.0), values(monthly, "inactive-contributors"));
            // organizations: Acme new in Jan (Ann), Initech new in Feb (Cy on the boundary); Acme gone in Mar
            // (Ann moved), Initech gone in Apr; Dee's Unknown never counts as an organization
            assertEquals(Map.of("2020-01", 1.0, "2020-02", 1.0, "2020-03", 0.0, "2020-04", 0.0), values(monthly, "new-organizations"));
            assertEquals(Map.of("2020-01", 0.0, "2020-02", 0.0, "2020-03", 1.0, "2020-04", 1.0), values(monthly, "inactive-organizations"));
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

            List<Point> whole = health.run(window, Health.all(), null, Split.organization, 10);
            // 7 human commits: Ann 3, Cy 2, Bob 1, Dee 1. 80% = 5.6 -> Ann+Cy+one more = 3 core; 95% = 6.65 -> 1 regular
            assertEquals(Map.of("all", 4.0), values(whole, "contributors"));
            assertEquals(Map.of("all", 3.0), values(whole, "new-contributors"), "Ann, Bob, Cy; Dee began in 2019");
            assertEquals(Map.of("all", 3.0), values(whole, "core-contributors"));
            assertEquals(Map.of("all", 1.0), values(whole, "regular-contributors"));
            assertEquals(Map.of("all", 0.0), values(whole, "casual-contributors"));
            assertEquals(Map.of("all", 2.0), values(whole, "pony-factor"), "Ann 3 + Cy 2 >= 3.5");
            // the window before this 4-month one is Sep..Dec 2019: Dee alone, and Dee is back in March
            assertEquals(Map.of("all", 0.0), values(whole, "inactive-contributors"));
            assertEquals(Map.of("all", 2.0), values(whole, "new-organizations"));
            // by organization, Ann counts for Acme (Jan, Feb) and for Initech (Mar)
            Map<String, Double> byOrg = new LinkedHashMap<>();
            whole.stream().filter(p -> p.metric().equals("contributors") && !p.group().equals("all"))
                    .forEach(p -> byOrg.put(p.group(), p.value()));
            assertEquals(Map.of("Acme", 2.0, "Initech", 2.0, "Unknown", 1.0), byOrg);
            // by person, top 2: Ann (3 commits, counted once though she worked for two organizations), Cy (2), Other 2
            Map<String, Double> byPerson = new LinkedHashMap<>();
            health.run(window, Health.all(), null, Split.person, 2).stream()
                    .filter(p -> p.metric().equals("commits") && !p.group().equals("all")).forEach(p -> byPerson.put(p.group(), p.value()));
            assertEquals(List.of("Ann", "Cy", "Other"), List.copyOf(byPerson.keySet()));
            assertEquals(List.of(3.0, 2.0, 2.0), List.copyOf(byPerson.values()));
            assertEquals(1.0, health.run(window, Health.all(), null, Split.person, 2).stream()
                    .filter(p -> p.metric().equals("contributors") && p.group().equals("Ann")).findFirst().orElseThrow().value());

            Scope empty = new Scope(List.of(id), "HEAD", Dates.parse("2021-01-01"), Dates.parse("2021-02-01"), false);
            assertEquals(Map.of("all", 0.0), values(health.run(empty, Health.all(), null, Split.none, 10), "contributors"));
            // a window that ends before it starts (a release's end, a later --since) is bad input, exit 3
            dev.tributary.TributaryException bad = assertThrows(dev.tributary.TributaryException.class,
                    () -> window.withWindow(Dates.parse("2020-05-01"), Dates.parse("2020-01-01")));
            assertEquals(3, bad.exitCode());
            assertEquals("the window ends before it starts: since 2020-05-01, until 2020-01-01", bad.getMessage());
            // open-ended from March: before it, Jan..Feb had Ann, Bob, Cy, Dee(2019); in it Ann and Dee
            Scope fromMarch = new Scope(List.of(id), "HEAD", Dates.parse("2020-03-01"), null, false);
            assertEquals(Map.of("all", 2.0), values(health.run(fromMarch, Health.all(), null, Split.none, 10), "inactive-contributors"));
        }
    }

    @Test
    void a_repository_joining_the_project_late_brings_its_newcomers_but_not_people_already_known() throws Exception {
        Path a = dir.resolve("old");
        Path b = dir.resolve("late");
        try (TestRepo r = TestRepo.init(a)) {
            r.commits("Ann", "ann@acme.com", "a", "2019-03-01T10:00:00Z");
            r.commits("Bob", "bob@acme.com", "a", "2020-03-01T10:00:00Z");
        }
        try (TestRepo r = TestRepo.init(b)) {
            // the second repository starts in 2021: Ann moves there (not new), Cy arrives with it (new)
            r.commits("Ann", "ann@acme.com", "b", "2021-02-01T10:00:00Z");
            r.commits("Cy", "cy@initech.com", "b", "2021-03-01T10:00:00Z");
        }
        try (Store store = Store.open(dir.resolve("late.duckdb"))) {
            int ia = CollectGit.run(store, a, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            int ib = CollectGit.run(store, b, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            Scope both = new Scope(List.of(ia, ib), "HEAD", null, null, false);
            store.deriveStale();
            List<Point> yearly = new Health(store.connection()).run(both, Health.all(), Interval.year, Split.none, 10);
            assertEquals(Map.of("2019", 1.0, "2020", 1.0, "2021", 2.0), values(yearly, "contributors"));
            assertEquals(Map.of("2019", 1.0, "2020", 1.0, "2021", 1.0), values(yearly, "new-contributors"), "Cy, not Ann");
            assertEquals(Map.of("2019", 0.0, "2020", 1.0, "2021", 1.0), values(yearly, "inactive-contributors"), "Ann in 2020, Bob in 2021");
            // the late repository alone: Ann is new there, since its history is the scope's whole history
            Scope late = new Scope(List.of(ib), "HEAD", null, null, false);
            store.deriveStale();
            assertEquals(Map.of("all", 2.0), values(new Health(store.connection()).run(late, Health.all(), null, Split.none, 10),
                    "new-contributors"));
        }
    }

    @Test
    void a_module_counts_only_the_commits_touching_its_files_and_only_their_lines() throws Exception {
        Path repo = dir.resolve("m");
        String base;
        try (TestRepo r = TestRepo.init(repo)) {
            // Ann: compute only (+3). Bob: docs only (+2). Cy: both (+1 in compute, +4 in docs).
            r.commit().by("Ann", "ann@acme.com", "2021-01-01T10:00:00Z").put("nova/compute/api.py", "1\n2\n3\n").create();
            base = r.commit().by("Bob", "bob@initech.com", "2021-01-02T10:00:00Z").put("doc/index.rst", "a\nb\n").create();
            r.commit().by("Cy", "cy@initech.com", "2021-01-03T10:00:00Z").put("nova/compute/manager.py", "x\n")
                    .put("doc/compute.rst", "1\n2\n3\n4\n").create();
            // a merge of a side branch: no files of its own, counted only when merges are asked for
            String tip = r.commit().by("Dee", "dee@acme.com", "2021-01-04T10:00:00Z").put("nova/virt/driver.py", "d\n").create();
            r.checkout("side", base);
            String side = r.commit().by("Eve", "eve@acme.com", "2021-01-05T10:00:00Z").put("README", "r\n").create();
            r.checkout("main", tip);
            r.commit().by("Dee", "dee@acme.com", "2021-01-06T10:00:00Z").merging(side).create();
        }
        try (Store store = Store.open(dir.resolve("m.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            store.deriveStale();
            Health health = new Health(store.connection());
            Scope all = new Scope(List.of(id), "HEAD", null, null, false);
            List<Health.Metric> m = List.of(Health.Metric.commits, Health.Metric.contributors, Health.Metric.lines_added);
            Scope compute = all.withPaths(List.of("nova/compute/**"));
            assertEquals(Map.of("all", 2.0), values(health.run(compute, m, null, Split.none, 10), "commits"), "Ann, Cy");
            assertEquals(Map.of("all", 4.0), values(health.run(compute, m, null, Split.none, 10), "lines-added"), "3 + 1, not Cy's docs");
            // a folder named without wildcards means everything under it; globs are anchored at the root
            assertEquals(Map.of("all", 3.0), values(health.run(all.withPaths(List.of("nova")), m, null, Split.none, 10), "commits"));
            assertEquals(Map.of("all", 0.0), values(health.run(all.withPaths(List.of("*.rst")), m, null, Split.none, 10), "commits"));
            assertEquals(Map.of("all", 6.0), values(health.run(all.withPaths(List.of("**/*.rst")), m, null, Split.none, 10), "lines-added"));
            assertEquals(Map.of("all", 3.0), values(health.run(all.withPaths(List.of("doc/*.rst", "README")), m, null, Split.none, 10),
                    "contributors"), "Bob, Cy, and Eve, whose README came in through the merge");
            // the git CLI agrees: commits touching the module and its lines (every commit here is by a human)
            String count = new String(dev.tributary.testkit.GitCli.run(repo, "rev-list", "--no-merges", "--full-history", "--count",
                    "HEAD", "--", "nova/compute"), java.nio.charset.StandardCharsets.UTF_8).trim();
            assertEquals(Map.of("all", Double.parseDouble(count)), values(health.run(compute, m, null, Split.none, 10), "commits"));
            long gitAdded = java.util.Arrays.stream(new String(dev.tributary.testkit.GitCli.run(repo, "log", "--no-merges",
                    "--full-history", "--no-renames", "--numstat", "--format=", "HEAD", "--", "nova/compute"),
                    java.nio.charset.StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank())
                    .mapToLong(l -> Long.parseLong(l.split("\t")[0])).sum();
            assertEquals(Map.of("all", (double) gitAdded), values(health.run(compute, m, null, Split.none, 10), "lines-added"));
            // merges: 5 commits + 1 merge; a path filter drops the merge (it has no files of its own)
            assertEquals(Map.of("all", 5.0), values(health.run(all, m, null, Split.none, 10), "commits"));
            assertEquals(Map.of("all", 6.0), values(health.run(all.withMerges(true), m, null, Split.none, 10), "commits"));
            assertEquals(Map.of("all", 1.0), values(health.run(all.withMerges(true).withPaths(List.of("README")), m, null, Split.none, 10), "commits"));
        }
    }

    @Test
    void activity_times_are_in_the_authors_own_offset_east_and_west_of_utc() throws Exception {
        Path repo = dir.resolve("tz");
        try (TestRepo r = TestRepo.init(repo)) {
            // 2020-01-06 is a Monday. Tokyo (+09:00) at 23:30 local is Monday 14:30 UTC;
            // San Francisco (-08:00) at 22:15 local on Sunday Jan 5 is Monday 06:15 UTC.
            r.commits("Aki", "aki@example.jp", "a", "2020-01-06T23:30:00+09:00");
            r.commits("Sam", "sam@example.com", "b", "2020-01-05T22:15:00-08:00");
            r.commits("Ola", "ola@example.no", "c", "2020-01-07T00:05:00+00:00");
            // Sydney in summer (+11:00): 660 minutes, more seconds than a 16-bit offset times 60 can hold
            r.commits("Kim", "kim@example.au", "d", "2020-01-08T09:00:00+11:00");
        }
        try (Store store = Store.open(dir.resolve("tz.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            store.deriveStale();
            Health.Times t = new Health(store.connection()).times(new Scope(List.of(id), "HEAD", null, null, false));
            assertEquals(1, t.weekdayHour()[1][23], "Aki: Monday 23h in Tokyo");
            assertEquals(1, t.weekdayHour()[7][22], "Sam: Sunday 22h in San Francisco");
            assertEquals(1, t.weekdayHour()[2][0], "Ola: Tuesday 0h at UTC");
            assertEquals(1, t.weekdayHour()[3][9], "Kim: Wednesday 9h in Sydney");
            assertEquals(4, java.util.Arrays.stream(t.weekdayHour()).flatMapToLong(java.util.Arrays::stream).sum());
            assertEquals(Map.of(540, 1L, -480, 1L, 0, 1L, 660, 1L), t.byOffset());
        }
    }

    @Test
    void an_organizations_view_counts_its_people_only_while_they_work_there() throws Exception {
        Path repo = dir.resolve("o");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Ann", "ann@acme.com", "a/x", "2020-01-10T10:00:00Z");       // Acme
            r.commit().by("Bob", "bob@acme.com", "2020-01-20T10:00:00Z").put("a/z", "1\n2\n3\n").create(); // Acme
            r.commit().by("Ann", "ann@acme.com", "2020-02-10T10:00:00Z").put("b/y", "1\n2\n").create();    // Initech now
            r.commits("Cy", "cy@initech.com", "README", "2020-02-15T10:00:00Z");   // Initech
        }
        Path map = dir.resolve("email-map-o");
        Files.writeString(map, "ann@acme.com Acme < 2020-02-01\nann@acme.com Initech\nacme.com Acme\ninitech.com Initech\n");
        try (Store store = Store.open(dir.resolve("o.duckdb"))) {
            int id = CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE).repositoryId();
            ImportCurated.run(store, "gitdm", map);
            Scope all = new Scope(List.of(id), "HEAD", null, null, false);
            try (var st = store.connection().createStatement()) {
                st.execute("SET TimeZone = 'America/Los_Angeles'"); // periods stay UTC
            }
            store.deriveStale();
            Investment investment = new Investment(store.connection());

            Investment.View acme = investment.run("Acme", all, Interval.month, Map.of(), 10);
            assertEquals(2, acme.commits());
            assertEquals(4, acme.linesAdded());
            assertEquals(4, acme.projectCommits());
            assertEquals(List.of("Ann:1:1", "Bob:1:3"), acme.people().stream()
                    .map(p -> p.name() + ":" + p.commits() + ":" + p.linesAdded()).toList(), "Ann's February commit is Initech's");
            assertEquals(List.of(new Investment.Period("2020-01", 2, 4, 0, 2, 2, 1.0), new Investment.Period("2020-02", 0, 0, 0, 0, 2, 0.0)),
                    acme.periods());
            assertEquals(List.of(new Investment.Area("a/", 2, 4, 0, 2, 1.0)), acme.areas());

            Investment.View initech = investment.run("Initech", all, null, Map.of(), 10);
            assertEquals(List.of(new Investment.Period("all", 2, 3, 0, 2, 4, 0.5)), initech.periods());
            assertEquals(List.of("(root):1", "b/:1"), initech.areas().stream().map(a -> a.name() + ":" + a.commits()).toList());
            // modules instead of folders: a module both work in, with each one's share of its commits
            Investment.View byModule = investment.run("Initech", all, null, Map.of("ab", List.of("a", "b/**")), 10);
            assertEquals(List.of(new Investment.Area("ab", 1, 2, 0, 3, 1.0 / 3)), byModule.areas());
            assertEquals(3, assertThrows(dev.tributary.TributaryException.class,
                    () -> investment.run("Initrode", all, null, Map.of(), 10)).exitCode());
        }
    }
}
