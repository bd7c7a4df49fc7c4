package dev.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.metrics.Ecosystem;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.Split;
import dev.tributary.model.Scope;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.model.DateRange;
import dev.tributary.pipeline.CollectProject;
import dev.tributary.pipeline.Resolve;
import dev.tributary.project.Project;
import dev.tributary.store.read.ParquetExport;
import dev.tributary.model.Dates;
import dev.tributary.pipeline.CollectRepositories;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.store.Store;
import dev.tributary.testkit.BackupFiles;
import dev.tributary.testkit.GitdmFiles;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-machine path is the reference: Spark SQL over the Parquet export, and Spark's distributed
 * collection, must give the CLI's JSON byte for byte. One local session (2 threads) for the whole class.
 */
class SparkMatchesDuckDbTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static List<String> repos = new ArrayList<>();
    static final Map<String, String> GROUPS = Map.of("nova", "compute", "nova-client", "compute");

    @BeforeAll
    static void fixtures() throws Exception {
        // four repositories, two of them one project; organizations that arrive and leave over 2019-2021
        String[][] people = {
                {"Ann", "ann@ibm.com"}, {"Bob", "bob@redhat.com"}, {"Cy", "cy@gmail.com"}, {"Di", "di@intel.com"},
                {"Ed", "ed@suse.de"}, {"CI", "zuul@openstack.org"}};
        String[] names = {"nova", "nova-client", "glance", "swift"};
        for (int k = 0; k < names.length; k++) {
            Path p = dir.resolve("src").resolve(names[k]);
            try (TestRepo r = TestRepo.init(p)) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 12 + 5 * k; i++) {
                    text.append("line ").append(i).append('\n');
                    String[] who = people[(i * (k + 1)) % (k == 3 && i > 6 ? 3 : people.length)];
                    int year = 2019 + (i * 3 / (12 + 5 * k));
                    r.commit().by(who[0], who[1], String.format("%d-%02d-10T10:00:00Z", year, 1 + i % 12))
                            .put("f" + (i % 4), text.toString()).message("change " + i).create();
                }
            }
            repos.add(p.toString());
        }
        spark = SparkSession.builder().master("local[2]").appName("test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static String duckdb(Path db, Ecosystem.Window w, Path exportTo) {
        try (Store store = Store.open(db)) {
            CollectRepositories.run(store, repos, new CollectRepositories.Options(GitScope.HEAD, 2, 1, true,
                    new RepositoryCache(dir.resolve("cache"))), Progress.NONE);
            store.deriveStale(); // what was just collected, derived before the reads (as the CLI does)
            if (exportTo != null) {
                ParquetExport.write(store.connection(), exportTo);
            }
            return Ecosystem.toJson(Ecosystem.compute(Ecosystem.duckdb(store.connection(), GROUPS), w, 0));
        }
    }

    @Test
    void spark_sql_over_the_parquet_export_gives_the_cli_json_for_the_whole_history_and_a_window() {
        Path export = dir.resolve("export");
        Ecosystem.Window all = new Ecosystem.Window(null, null);
        String reference = duckdb(dir.resolve("a.duckdb"), all, export);
        assertEquals(reference, Ecosystem.toJson(SparkEcosystem.compute(spark, export, GROUPS, all, 0)));

        Ecosystem.Window year = new Ecosystem.Window(Dates.parseOptional("2020-01-01"), Dates.parseOptional("2021-01-01"));
        String windowed = duckdb(dir.resolve("a.duckdb"), year, null);
        assertTrue(windowed.contains("\"leavingOrganizations\""));
        assertEquals(windowed, Ecosystem.toJson(SparkEcosystem.compute(spark, export, GROUPS, year, 0)));
        Ecosystem.View v = SparkEcosystem.compute(spark, export, GROUPS, all, 0);
        assertEquals(3, v.projectCount(), "nova and nova-client are one project");
    }

    @Test
    void collecting_in_spark_tasks_gives_the_same_figures_as_one_machine() {
        Ecosystem.Window all = new Ecosystem.Window(null, null);
        String reference = duckdb(dir.resolve("b.duckdb"), all, null);
        Path out = dir.resolve("distributed");
        var results = SparkCollect.run(spark, repos, 3, out, dir.resolve("cache").toString());
        assertEquals(repos.size(), results.stream().mapToInt(SparkCollect.TaskResult::collected).sum());
        assertEquals(reference, Ecosystem.toJson(SparkEcosystem.compute(spark, out, GROUPS, all, 0)));
    }

    /**
     * Two repositories; release {@code two} by tag ranges in both, release {@code window} by dates over every
     * HEAD; gitdm files with dated affiliations (Ann is Acme before 2012, Acme Labs after; Bob is Bob Consulting
     * until 2012-05-01, then Initech); a mailmap that makes bob@home.org Bob of bob@gmail.com; trailers (a
     * reviewer at a dated employer, a sign-off by someone with no commits, a self sign-off) and a bot.
     */
    static Path releaseProject(Path root) throws Exception {
        try (TestRepo r = TestRepo.init(root.resolve("widget"))) {
            r.commit().by("Ann", "ann@acme.com", "2011-01-10T10:00:00Z").put("a", "1\n2\n3\n").create();
            r.tag("v1", r.commit().by("Bob", "bob@gmail.com", "2011-02-01T10:00:00Z").put("b", "1\n2\n").create());
            r.commit().by("Ann", "ann@acme.com", "2012-03-01T10:00:00Z").put("c", "1\n")
                    .message("Add c\n\nReviewed-by: Bob <bob@gmail.com>\nSigned-off-by: Ann <ann@acme.com>\n").create();
            r.commit().by("Bobby", "bob@home.org", "2012-06-01T10:00:00Z").put("d", "1\n2\n3\n4\n").create();
            r.commit().by("Cy", "cy@initech.com", "2012-07-01T10:00:00Z").put("e", "1\n")
                    .message("Add e\n\nSigned-off-by: Dee <dee@acme.com>\nReviewed-by: Bob <bob@home.org>\n").create();
            r.tag("v2", r.commit().by("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com",
                    "2012-08-01T10:00:00Z").put("f", "1\n").create());
            r.commit().by("Ed", "ed@suse.de", "2013-02-01T10:00:00Z").put("a", "1\n").create();
        }
        try (TestRepo r = TestRepo.init(root.resolve("gadget"))) {
            r.tag("g1", r.commit().by("Di", "di@intel.com", "2011-05-01T10:00:00Z").put("x", "1\n2\n").create());
            r.commit().by("Bob", "bob@home.org", "2012-04-01T10:00:00Z").put("y", "1\n2\n3\n")
                    .message("Add y\n\nTested-by: Dee <DEE@acme.com >\nReviewed-by: Ann <ann@acme.com>\n").create();
            r.tag("g2", r.commit().by("Ann", "ann@acme.com", "2012-09-01T10:00:00Z").put("x", "1\n").create());
            r.commit().by("Cy", "cy@initech.com", "2013-03-01T10:00:00Z").put("z", "9\n")
                    .message("Add z\n\nReviewed-by: Ed <ed@suse.de>\n").create();
        }
        Path curated = root.resolve("curated");
        GitdmFiles.in(curated).widgetEmployers().write();
        Files.writeString(curated.resolve("mailmap"), "Bob <bob@gmail.com> <bob@home.org>\n");
        Path project = root.resolve("tributary.yaml");
        Files.writeString(project, """
                name: gadgets
                repositories:
                  - name: widget
                    path: widget
                  - name: gadget
                    path: gadget
                releases:
                  - name: two
                    ranges: { widget: v1..v2, gadget: g1..g2 }
                  - name: window
                    since: 2012-01-01
                    until: 2013-06-01
                affiliations:
                  - gitdm: curated/gitdm.config
                  - mailmap: curated/mailmap
                modules:
                  core: [a, x]
                """);
        return project;
    }

    /** The release fixture collected once (as the CLI would, every release's ranges) and exported. */
    record Collected(Project project, Path db, Path export, Map<String, Integer> repositories) {
    }

    static Collected collected;

    static synchronized Collected collected() throws Exception {
        if (collected == null) {
            Path root = Files.createDirectories(dir.resolve("releases"));
            Project p = Project.load(releaseProject(root));
            Path db = root.resolve("r.duckdb");
            Path export = root.resolve("export");
            try (Store store = Store.open(db)) {
                CollectProject.Result r = CollectProject.run(store, p, 1, Progress.NONE);
                Resolve.deriveStale(store);
                ParquetExport.write(store.connection(), export);
                collected = new Collected(p, db, export, r.repositories());
            }
        }
        return collected;
    }

    @Test
    void the_release_table_in_spark_sql_is_the_cli_json_for_ranges_windows_dated_affiliations_and_a_mailmap_merge() throws Exception {
        Collected f = collected();
        Project p = f.project();
        Path export = f.export();
        record Case(String release, DateRange typed, boolean bots, int top) {
        }
        List<Case> cases = List.of(new Case("two", DateRange.ALL, false, 20), new Case("window", DateRange.ALL, false, 20),
                new Case("window", new DateRange(null, Dates.parseOptional("2012-08-15")), true, 2));
        List<String> reference = new ArrayList<>();
        try (Store store = Store.open(f.db())) {
            for (Case c : cases) {
                var scope = ScopeResolver.release(p, f.repositories(), c.release(), c.typed(), c.bots());
                reference.add(ReportQuery.toJson(new ReportQuery(store.connection()).run(p.name() + " " + c.release(), scope, c.top())));
            }
        }
        // the hand-worked facts the comparison rests on: v1..v2 and g1..g2 hold Ann (c, x), Bob (d, y: both from
        // bob@home.org, his by the mailmap), Cy (e) and the bot's f, left out; Bob's review of 2012-03-01 is Bob
        // Consulting's (dated email-map), Ann's 2012 commits Acme Labs' (dated domain-map)
        String two = reference.get(0);
        assertTrue(two.contains("\"developers\" : 3,") && two.contains("\"changesets\" : 5,"), two);
        assertTrue(two.contains("\"Bob Consulting\"") && two.contains("\"Acme Labs\"") && two.contains("\"Initech\""), two);
        assertTrue(two.contains("\"kind\" : \"Reviewed-by\"") && two.contains("\"kind\" : \"Tested-by\""), two);
        assertTrue(reference.get(1).contains("\"Ed\""), "the window release reaches past the tags: " + reference.get(1));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String got = ReportQuery.toJson(SparkReport.compute(spark, export, SparkReport.release(p, c.release(), c.typed(), c.bots()), c.top()));
            assertEquals(reference.get(i), got, c.toString());
        }
    }

    @Test
    void the_ecosystem_of_a_release_and_a_module_in_spark_sql_is_the_cli_json() throws Exception {
        Collected f = collected();
        Map<String, String> projectOf = Map.of();
        Ecosystem.Window open = new Ecosystem.Window(null, null);
        for (String[] ask : new String[][] {{"two", null}, {"window", null}, {null, "core"}, {"two", "core"}}) {
            Ecosystem.Selection sel = Ecosystem.select(f.project(), projectOf, ask[0], ask[1], dev.tributary.model.DateRange.ALL);
            String reference;
            try (Store store = Store.open(f.db())) {
                reference = Ecosystem.toJson(Ecosystem.compute(Ecosystem.duckdb(store.connection(), projectOf, sel), open, sel, 0));
            }
            assertEquals(reference, Ecosystem.toJson(SparkEcosystem.compute(spark, f.export(), projectOf, open, sel, 0)),
                    "release " + ask[0] + ", module " + ask[1]);
            if (ask[0] != null && ask[0].equals("two") && ask[1] == null) {
                // hand-worked: widget v1..v2 = 4 commits less the bot; gadget g1..g2 = 2
                assertTrue(reference.contains("\"commits\" : 5,"), reference);
            }
        }
    }

    @Test
    void the_contributor_metrics_in_spark_sql_are_the_cli_json_by_month_quarter_organization_and_person() throws Exception {
        Collected f = collected();
        Project p = f.project();
        List<String> both = List.of("gadget", "widget");
        record Case(String release, DateRange typed, boolean bots, Interval interval, Split split, int top) {
        }
        List<Case> cases = List.of(
                new Case("window", DateRange.ALL, false, Interval.month, Split.organization, 10), // a window: first commits read apart
                new Case(null, DateRange.ALL, false, Interval.quarter, Split.organization, 2),    // whole history: "Other"
                new Case(null, new DateRange(Dates.parseOptional("2012-01-01"), null), true, null, Split.person, 3));
        try (Store store = Store.open(f.db())) {
            for (Case c : cases) {
                Scope scope = c.release() != null ? ScopeResolver.release(p, f.repositories(), c.release(), c.typed(), c.bots())
                        : new Scope(both.stream().map(r -> new Scope.Part(f.repositories().get(r), "HEAD")).toList(),
                                c.typed().since(), c.typed().until(), c.bots());
                String reference = Health.toJson(new Health(store.connection()).run(scope, Health.all(), c.interval(), c.split(), c.top()));
                var request = c.release() != null ? SparkReport.release(p, c.release(), c.typed(), c.bots())
                        : SparkReport.head("HEAD", both, c.typed(), c.bots());
                String got = Health.toJson(SparkMetrics.compute(spark, f.export(), request, false, Health.all(), c.interval(), c.split(), c.top()));
                assertTrue(reference.contains("\"elephant-factor\"") || reference.contains("\"elephant_factor\""), reference);
                if (c.split() == Split.organization) {
                    assertTrue(reference.contains("\"group\" : \"" + (c.top() == 2 ? "Other" : "Acme Labs") + "\""), reference);
                }
                assertEquals(reference, got, c.toString());
            }
        }
    }

    /**
     * Module and path filters read the export's {@code files}. Hand-worked on the release fixture: module {@code core}
     * ({@code a}, {@code x}) in release {@code two} is Ann's change of x on 2012-09-01 alone (1 changeset, 0 lines
     * added, 1 removed: v1..v2 never touches a); paths d and e in release {@code window} are Bobby's d and Cy's e,
     * whose trailers (Dee's sign-off, Bob's review) are the only credits left.
     */
    @Test
    void module_and_path_filters_in_spark_sql_give_the_cli_json_for_the_release_table_and_the_metrics() throws Exception {
        Collected f = collected();
        Project p = f.project();
        record Case(String release, List<String> modules, List<String> paths, Interval interval, Split split) {
            List<String> globs(Project p) {
                List<String> g = new ArrayList<>(paths);
                modules.forEach(m -> g.addAll(p.module(m)));
                return g;
            }

            String title(Project p) { // as the CLI's ScopeOptions titles a filtered scope
                return p.name() + " " + release + " (" + String.join(", ", modules.isEmpty() ? paths : modules) + ")";
            }
        }
        List<Case> cases = List.of(new Case("two", List.of("core"), List.of(), Interval.quarter, Split.organization),
                new Case("window", List.of(), List.of("d", "e"), Interval.month, Split.person),
                new Case("window", List.of("core"), List.of("y"), null, Split.none));
        try (Store store = Store.open(f.db())) {
            for (Case c : cases) {
                Scope scope = ScopeResolver.release(p, f.repositories(), c.release(), false).withPaths(c.globs(p));
                String report = ReportQuery.toJson(new ReportQuery(store.connection()).run(c.title(p), scope, 20));
                String metrics = Health.toJson(new Health(store.connection()).run(scope, Health.all(), c.interval(), c.split(), 10));
                SparkReport.Request request = SparkReport.release(p, c.release(), DateRange.ALL, false)
                        .withPaths(c.globs(p), c.modules().isEmpty() ? c.paths() : c.modules());
                if (c.equals(cases.get(0))) {
                    assertTrue(report.contains("\"changesets\" : 1,") && report.contains("\"linesAdded\" : 0,")
                            && report.contains("\"linesRemoved\" : 1,") && report.contains("\"title\" : \"gadgets two (core)\""), report);
                }
                if (c.equals(cases.get(1))) {
                    assertTrue(report.contains("\"changesets\" : 2,") && report.contains("\"kind\" : \"Signed-off-by\"")
                            && !report.contains("\"Tested-by\""), "only e's trailers: " + report);
                }
                assertEquals(report, ReportQuery.toJson(SparkReport.compute(spark, f.export(), request, 20)), c.toString());
                assertEquals(metrics, Health.toJson(SparkMetrics.compute(spark, f.export(), request, false, Health.all(), c.interval(),
                        c.split(), 10)), c.toString());
            }
        }
    }

    /**
     * The review columns of the release table (a project with {@code github:}), from the export's review tables.
     * Hand-worked (the pull requests of the CLI's review-scope tests): #1 alice 2024-01-01 (docs, via its commit c1),
     * reviewed by bob APPROVED that day; #2 carol 2024-02-01 12:00 (src, squash-merged as c2), bob CHANGES_REQUESTED
     * and APPROVED; #3 carol 2024-02-20 (src and docs, c3), alice COMMENTED 02-21; #4 dave 04-01, bob COMMENTED 04-02.
     * Release winter [01-01, 02-15): #1 and #2, 3 reviews, 3 marks; with module docs: #1, 1 review, 1 mark. Release v2
     * (v0..v2 = c2, c3; its window the span of those commits, [02-01, 03-01 + 1 s)): #2 and #3, 3 reviews, 2 marks; with
     * path src/** the same span (c2 and c3 both touch src).
     */
    @Test
    void the_review_columns_in_spark_sql_are_the_cli_json_for_windows_ranges_and_modules() throws Exception {
        Path root = Files.createDirectories(dir.resolve("reviews"));
        Path file = BackupFiles.reviewedProject(root);
        Project p = Project.load(file);
        Path export = root.resolve("export");
        record Case(String release, List<String> globs, List<String> named, long changes, long reviews, long marks) {
        }
        List<Case> cases = List.of(new Case("winter", List.of(), List.of(), 2, 3, 3),
                new Case("winter", List.of("docs/**"), List.of("docs"), 1, 1, 1),
                new Case("v2", List.of(), List.of(), 2, 3, 2),
                new Case("v2", List.of("src/**"), List.of("src/**"), 2, 3, 2));
        List<String> reference = new ArrayList<>();
        try (Store store = Store.open(root.resolve("s.duckdb"))) {
            CollectProject.Result collected = CollectProject.run(store, p, 1, Progress.NONE);
            dev.tributary.pipeline.CollectReviews.importGitHubBackup(store, root.resolve("backup"),
                    dev.tributary.pipeline.CollectGitHub.container("o/r"), Progress.NONE);
            Resolve.deriveStale(store);
            ParquetExport.write(store.connection(), export);
            var rm = new dev.tributary.metrics.ReviewMetrics(store.connection());
            List<Integer> ids = new ArrayList<>(rm.containers().values());
            for (Case c : cases) { // as the CLI's report --format json: ReportCommand.reviews, then the reviews member
                Scope scope = ScopeResolver.release(p, collected.repositories(), c.release(), false).withPaths(c.globs());
                String title = p.name() + " " + c.release() + (c.named().isEmpty() ? "" : " (" + String.join(", ", c.named()) + ")");
                var report = new ReportQuery(store.connection()).run(title, scope, 20);
                DateRange w = new dev.tributary.metrics.MailMetrics(store.connection()).window(scope);
                var rv = rm.releaseTable(new dev.tributary.metrics.ReviewMetrics.ReviewScope(ids, w.since(), w.until(), scope.paths()));
                assertEquals(List.of(c.changes(), c.reviews(), c.marks()), List.of(rv.changes(), rv.reviews(), rv.marks()), c.toString());
                reference.add(SparkReport.toJson(report, rv));
            }
        }
        assertTrue(reference.get(0).contains("\"reviews\" : {"), reference.get(0));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            SparkReport.Request request = SparkReport.release(p, c.release(), DateRange.ALL, false).withPaths(c.globs(), c.named());
            List<String> warnings = new ArrayList<>();
            String got = SparkReport.toJson(SparkReport.compute(spark, export, request, 20), SparkReport.reviews(spark, export, request,
                    warnings::add));
            assertEquals(reference.get(i), got, c.toString());
            assertEquals(List.of(), warnings);
        }
        // a project without review sources: no reviews member, the table as it was
        SparkReport.Request plain = SparkReport.release(p, "v2", DateRange.ALL, false).withReviews(List.of());
        assertEquals(null, SparkReport.reviews(spark, export, plain, w -> { }));
        // one whose containers were not collected: zeros and a warning, as the CLI's
        List<String> warnings = new ArrayList<>();
        var none = SparkReport.reviews(spark, export, plain.withReviews(List.of("github/o/other")), warnings::add);
        assertEquals(0, none.changes() + none.reviews() + none.marks());
        assertTrue(warnings.get(0).contains("none of the project's review containers [github/o/other] was collected"), warnings.toString());
    }
}
