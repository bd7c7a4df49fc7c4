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
        return sql -> SparkReport.rows(spark, sql);
    }

    /** The view, as {@link Ecosystem#compute} gives it on DuckDB. */
    public static Ecosystem.View compute(SparkSession spark, Path export, Map<String, String> projectOf, Ecosystem.Window w, int top) {
        return Ecosystem.compute(engine(spark, export, projectOf), w, top);
    }
}
