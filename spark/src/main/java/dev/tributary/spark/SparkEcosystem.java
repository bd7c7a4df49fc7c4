package dev.tributary.spark;

import dev.tributary.metrics.Ecosystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ecosystem view in Spark SQL, from a Parquet export (tributary export --format parquet, or
 * {@link SparkCollect}): registers its {@code contributions} and {@code scopes} as the views the core's
 * {@link Ecosystem} queries name, and runs the very same SQL text, so the JSON is the CLI's. Stateless; the
 * session is the caller's.
 */
public final class SparkEcosystem {
    private SparkEcosystem() {
    }

    /** The engine over {@code export} (a folder with contributions/ and scopes/ partitioned by repository). */
    public static Ecosystem.Engine engine(SparkSession spark, Path export, Map<String, String> projectOf) {
        return engine(spark, export, projectOf, Ecosystem.Selection.ALL);
    }

    /**
     * {@link #engine(SparkSession, Path, Map)}, with {@code selection}'s parts staged as {@code eco_sel} and, for a
     * module, the commits that changed one of its files (the export's {@code files}) as {@code eco_mf}.
     */
    public static Ecosystem.Engine engine(SparkSession spark, Path export, Map<String, String> projectOf, Ecosystem.Selection selection) {
        // repository names stay text even when they look like numbers
        spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        Dataset<Row> contributions = spark.read().parquet(export.resolve("contributions").toString());
        contributions.createOrReplaceTempView("eco_contributions");
        spark.read().parquet(export.resolve("scopes").toString()).createOrReplaceTempView("eco_scopes");
        List<Row> named = new ArrayList<>();
        projectOf.forEach((repo, project) -> named.add(RowFactory.create(repo, project)));
        StructType schema = new StructType().add("repository", DataTypes.StringType).add("project", DataTypes.StringType);
        spark.createDataFrame(named, schema).createOrReplaceTempView("eco_named");
        spark.sql("SELECT DISTINCT c.repository, coalesce(n.project, c.repository) AS project FROM eco_contributions c"
                + " LEFT JOIN eco_named n ON n.repository = c.repository").createOrReplaceTempView("eco_projects");
        List<Row> parts = new ArrayList<>();
        for (Ecosystem.Part p : selection.parts()) {
            parts.add(RowFactory.create(p.repository(), p.scope(), p.since(), p.until(),
                    p.pathRegex() == null ? null : "^(?:" + p.pathRegex() + ")\\z"));
        }
        StructType sel = new StructType().add("repository", DataTypes.StringType).add("scope", DataTypes.StringType)
                .add("since_epoch", DataTypes.LongType).add("until_epoch", DataTypes.LongType).add("path_regex", DataTypes.StringType);
        spark.createDataFrame(parts, sel).createOrReplaceTempView("eco_sel");
        if (selection.module() != null) {
            Path files = export.resolve("files");
            if (!java.nio.file.Files.isDirectory(files)) {
                throw new dev.tributary.TributaryException.InvalidInput(export + ": the export has no 'files' table, which a module "
                        + "reads (it was written by an older version): export again");
            }
            spark.read().parquet(files.toString()).createOrReplaceTempView("eco_files");
            spark.sql("SELECT DISTINCT f.repository, f.id FROM eco_files f JOIN eco_sel sel ON sel.repository = f.repository"
                    + " WHERE sel.path_regex IS NOT NULL AND f.path RLIKE sel.path_regex").createOrReplaceTempView("eco_mf");
        }
        return sql -> SparkReport.rows(spark, sql);
    }

    /** The view, as {@link Ecosystem#compute} gives it on DuckDB. */
    public static Ecosystem.View compute(SparkSession spark, Path export, Map<String, String> projectOf, Ecosystem.Window w, int top) {
        return Ecosystem.compute(engine(spark, export, projectOf), w, top);
    }

    /** The view of a release or a module, as {@link Ecosystem#compute(Ecosystem.Engine, Ecosystem.Window, Ecosystem.Selection, int)}. */
    public static Ecosystem.View compute(SparkSession spark, Path export, Map<String, String> projectOf, Ecosystem.Window w,
            Ecosystem.Selection selection, int top) {
        return Ecosystem.compute(engine(spark, export, projectOf, selection), w, selection, top);
    }
}
