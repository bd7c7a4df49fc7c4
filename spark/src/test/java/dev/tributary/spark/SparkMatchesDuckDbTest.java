package dev.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.metrics.Ecosystem;
import dev.tributary.store.read.ParquetExport;
import dev.tributary.model.Dates;
import dev.tributary.pipeline.CollectRepositories;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
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
}
