package dev.tributary.spark;

import dev.tributary.TributaryException;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.model.DateRange;
import dev.tributary.project.Project;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.read.PersonRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The release table ({@code tributary report --format json}) in Spark SQL over a Parquet export: the rows come
 * from {@link PersonRows#countedOverExport} and {@link PersonRows#creditsOverExport}, the Spark SQL twins of the
 * store's queries (the organization at each commit's date from the export's {@code resolution}), and the table
 * is assembled by the core's {@link ReportQuery#assemble}, so the JSON is the CLI's. Module and path filters read
 * the export's {@code files} (staged as {@code eco_pf}: per commit, the lines of its matching files). Stateless; the
 * session is the caller's.
 */
public final class SparkReport {
    private SparkReport() {
    }

    /**
     * What a report covers: (repository name, collection scope key) parts, a window, whether bots count, and the path
     * globs of a module or path filter (none: every file), checked as the store's {@code Scope} checks them.
     */
    public record Request(String title, Map<String, String> parts, DateRange window, boolean includeBots, List<String> paths) {
        public Request {
            parts = Map.copyOf(parts);
            paths = List.copyOf(paths);
            paths.forEach(dev.tributary.model.PathGlobs::check);
        }

        public Request(String title, Map<String, String> parts, DateRange window, boolean includeBots) {
            this(title, parts, window, includeBots, List.of());
        }

        /**
         * This request over the files matching {@code globs} only, titled as the CLI titles it: {@code named} (the
         * modules, else the paths asked for) after the title in parentheses. Unchanged when both are empty.
         */
        public Request withPaths(List<String> globs, List<String> named) {
            if (globs.isEmpty() && named.isEmpty()) {
                return this;
            }
            return new Request(title + " (" + String.join(", ", named) + ")", parts, window, includeBots, globs);
        }
    }

    /**
     * The request for {@code release} of a project file, as the CLI resolves it ({@code ScopeResolver.release}):
     * its ranges, or every repository's HEAD, within its window, each open end of which {@code typed} may set.
     *
     * @throws TributaryException.InvalidInput naming the file when it has no such release
     */
    public static Request release(Project project, String release, DateRange typed, boolean includeBots) {
        Project.Release rel = project.requireRelease(release);
        Map<String, String> parts = new LinkedHashMap<>();
        if (rel.ranges().isEmpty()) {
            project.repositories().forEach(r -> parts.put(r.name(), GitScope.HEAD.key()));
        } else {
            rel.ranges().forEach((repo, range) -> parts.put(repo, GitScope.range(range).key()));
        }
        return new Request(project.name() + " " + release, parts, typed.orElse(new DateRange(rel.since(), rel.until())), includeBots);
    }

    /** Every one of {@code repositories} at HEAD over {@code window} (the CLI's {@code --project FILE} without a release, or PATHs). */
    public static Request head(String title, List<String> repositories, DateRange window, boolean includeBots) {
        Map<String, String> parts = new LinkedHashMap<>();
        repositories.forEach(r -> parts.put(r, GitScope.HEAD.key()));
        return new Request(title, parts, window, includeBots);
    }

    /**
     * Registers the export's relations as the views the queries name ({@code eco_contributions}, {@code eco_scopes},
     * {@code eco_resolution}, {@code eco_trailers}, {@code eco_parts}).
     *
     * @throws TributaryException.InvalidInput when the export lacks a part of the request (a repository or scope
     *                                         never collected), naming it
     */
    static void register(SparkSession spark, Path export, Request request) {
        spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        spark.read().parquet(export.resolve("contributions").toString()).createOrReplaceTempView("eco_contributions");
        spark.read().parquet(export.resolve("scopes").toString()).createOrReplaceTempView("eco_scopes");
        // distributed collection writes one resolution file per task: the same segment may come twice
        spark.read().parquet(export.resolve("resolution").toString()).distinct().createOrReplaceTempView("eco_resolution");
        Path trailers = export.resolve("trailers");
        if (hasParquet(trailers)) {
            spark.read().parquet(trailers.toString()).createOrReplaceTempView("eco_trailers");
        } else { // no commit had a trailer
            spark.sql("SELECT CAST(NULL AS STRING) AS repository, CAST(NULL AS STRING) AS id, CAST(NULL AS STRING) AS kind,"
                    + " CAST(NULL AS STRING) AS name, CAST(NULL AS STRING) AS email, CAST(NULL AS STRING) AS individual,"
                    + " CAST(NULL AS STRING) AS person_name WHERE FALSE").createOrReplaceTempView("eco_trailers");
        }
        List<Row> rows = new ArrayList<>();
        request.parts().forEach((repo, scope) -> rows.add(RowFactory.create(repo, scope)));
        StructType schema = new StructType().add("repository", DataTypes.StringType).add("scope", DataTypes.StringType);
        spark.createDataFrame(rows, schema).createOrReplaceTempView("eco_parts");
        if (!request.paths().isEmpty()) {
            stagePaths(spark, export, request.paths());
        }
        Set<String> present = new TreeSet<>();
        for (Row r : spark.sql("SELECT DISTINCT s.repository, s.scope FROM eco_scopes s JOIN eco_parts p"
                + " ON p.repository = s.repository AND p.scope = s.scope").collectAsList()) {
            present.add(r.getString(0) + " " + r.getString(1));
        }
        for (var e : new java.util.TreeMap<>(request.parts()).entrySet()) {
            if (!present.contains(e.getKey() + " " + e.getValue())) {
                throw new TributaryException.InvalidInput(export + ": repository '" + e.getKey() + "' with scope "
                        + e.getValue() + " is not in the export (collect it, e.g. tributary report --project FILE --release R,"
                        + " then export again)");
            }
        }
    }

    /**
     * {@code eco_pf} (repository, id, added, removed): per commit, the lines of its files whose path matches
     * {@code globs} (a full match of {@link dev.tributary.model.PathGlobs#regex}, as the store's
     * {@code regexp_full_match}); a commit without such a file is not there.
     *
     * @throws TributaryException.InvalidInput for an export without the {@code files} table (written before it was)
     */
    static void stagePaths(SparkSession spark, Path export, List<String> globs) {
        Path files = export.resolve("files");
        if (!Files.isDirectory(files)) {
            throw new TributaryException.InvalidInput(export + ": the export has no 'files' table, which module and path "
                    + "filters read (it was written by an older version): export again");
        }
        String rx = "^(?:" + dev.tributary.model.PathGlobs.regex(globs) + ")\\z";
        if (!hasParquet(files)) { // no commit changed a file
            spark.sql("SELECT CAST(NULL AS STRING) AS repository, CAST(NULL AS STRING) AS id, CAST(0 AS BIGINT) AS added,"
                    + " CAST(0 AS BIGINT) AS removed WHERE FALSE").createOrReplaceTempView("eco_pf");
            return;
        }
        spark.read().parquet(files.toString()).filter(functions.col("path").rlike(rx)).groupBy("repository", "id")
                .agg(functions.coalesce(functions.sum("lines_added"), functions.lit(0L)).as("added"),
                        functions.coalesce(functions.sum("lines_removed"), functions.lit(0L)).as("removed"))
                .createOrReplaceTempView("eco_pf");
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The release table over {@code export}, as {@code ReportQuery.run} gives it on the store; {@code top} rows a table. */
    public static Report compute(SparkSession spark, Path export, Request request, int top) {
        register(spark, export, request);
        Long since = request.window().since();
        Long until = request.window().until();
        List<PersonRows.Group> groups = new ArrayList<>();
        for (Object[] r : rows(spark, PersonRows.countedOverExport(since, until, false, !request.paths().isEmpty()))) {
            groups.add(PersonRows.group(r));
        }
        List<PersonRows.Credit> credits = new ArrayList<>();
        for (Object[] r : rows(spark, PersonRows.creditsOverExport(since, until, false, request.includeBots(),
                !request.paths().isEmpty()))) {
            credits.add(PersonRows.credit(r));
        }
        List<String> repositories = new ArrayList<>(new TreeSet<>(request.parts().keySet()));
        return ReportQuery.assemble(request.title(), repositories, groups, credits, request.includeBots(), top);
    }

    static List<Object[]> rows(SparkSession spark, String sql) {
        List<Object[]> out = new ArrayList<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            Object[] row = new Object[r.length()];
            for (int i = 0; i < row.length; i++) {
                row[i] = r.get(i);
            }
            out.add(row);
        }
        return out;
    }
}
