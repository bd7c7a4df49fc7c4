package dev.tributary.spark;

import dev.tributary.TributaryException;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.metrics.ReviewMetrics;
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
    public record Request(String title, Map<String, String> parts, DateRange window, boolean includeBots, List<String> paths,
            List<String> reviewContainers) {
        public Request {
            parts = Map.copyOf(parts);
            paths = List.copyOf(paths);
            paths.forEach(dev.tributary.model.PathGlobs::check);
            reviewContainers = List.copyOf(reviewContainers);
        }

        public Request(String title, Map<String, String> parts, DateRange window, boolean includeBots) {
            this(title, parts, window, includeBots, List.of(), List.of());
        }

        /** This request with the review containers its project names (none: the table has no review columns). */
        public Request withReviews(List<String> containers) {
            return new Request(title, parts, window, includeBots, paths, containers);
        }

        /**
         * This request over the files matching {@code globs} only, titled as the CLI titles it: {@code named} (the
         * modules, else the paths asked for) after the title in parentheses. Unchanged when both are empty.
         */
        public Request withPaths(List<String> globs, List<String> named) {
            if (globs.isEmpty() && named.isEmpty()) {
                return this;
            }
            return new Request(title + " (" + String.join(", ", named) + ")", parts, window, includeBots, globs, reviewContainers);
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
        return new Request(project.name() + " " + release, parts, typed.orElse(new DateRange(rel.since(), rel.until())), includeBots)
                .withReviews(dev.tributary.metrics.ScopeResolver.reviewContainers(project));
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

    /**
     * The review columns of the release table, as the CLI's {@code report} adds them for a project with review
     * sources: null when the request names no review container (the table is then as it was); zeros, with
     * {@code warning} told why, when the export has none of them; else the counts of
     * {@link PersonRows#releaseReviewsOverExport} over the CLI's window (the request's, else for a release of ranges
     * the span of its non-merge commits, bots included, as {@code MailMetrics.window}), assembled by the core's
     * {@link ReviewMetrics#releaseTable(Map)}.
     */
    public static ReviewMetrics.ReleaseReviews reviews(SparkSession spark, Path export, Request request,
            java.util.function.Consumer<String> warning) {
        if (request.reviewContainers().isEmpty()) {
            return null;
        }
        register(spark, export, request);
        Path containers = export.resolve("review_containers");
        Set<String> collected = new TreeSet<>();
        if (hasParquet(containers)) {
            spark.read().parquet(containers.toString()).select("container").collectAsList().forEach(r -> collected.add(r.getString(0)));
        }
        List<Row> named = new ArrayList<>();
        request.reviewContainers().stream().filter(collected::contains).forEach(c -> named.add(RowFactory.create(c)));
        if (named.isEmpty()) {
            warning.accept("none of the project's review containers " + request.reviewContainers()
                    + " was collected (tributary collect github --project FILE); its review columns are 0");
            return new ReviewMetrics.ReleaseReviews(0, 0, 0, List.of());
        }
        spark.createDataFrame(named, new StructType().add("container", DataTypes.StringType)).createOrReplaceTempView("eco_named");
        view(spark, export, "change_requests", "eco_change_requests", "repository STRING, container STRING, number BIGINT,"
                + " created_epoch BIGINT, state STRING, individual STRING, email STRING, display_name STRING, is_bot BOOLEAN");
        view(spark, export, "reviews", "eco_reviews", "repository STRING, container STRING, number BIGINT, epoch BIGINT,"
                + " state STRING, value INT, individual STRING, email STRING, display_name STRING, is_bot BOOLEAN");
        if (!request.paths().isEmpty()) {
            view(spark, export, "change_paths", "eco_change_paths", "repository STRING, container STRING, number BIGINT, path STRING");
            spark.table("eco_change_paths").filter(functions.col("path").rlike("^(?:" + dev.tributary.model.PathGlobs.regex(request.paths())
                    + ")\\z")).select("container", "number").distinct().createOrReplaceTempView("eco_cpf");
        }
        DateRange w = window(spark, request);
        Map<String, long[]> counts = new java.util.HashMap<>();
        for (Object[] r : rows(spark, PersonRows.releaseReviewsOverExport(w.since(), w.until(), !request.paths().isEmpty()))) {
            long[] n = counts.computeIfAbsent((String) r[0], k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                n[i] += r[i + 1] == null ? 0 : ((Number) r[i + 1]).longValue();
            }
        }
        return ReviewMetrics.releaseTable(counts);
    }

    /** The window of the review columns, as the CLI's {@code MailMetrics.window} of the report's scope. */
    private static DateRange window(SparkSession spark, Request request) {
        if (!request.window().open()) {
            return request.window();
        }
        if (request.parts().values().stream().noneMatch(k -> k.startsWith("range:"))) {
            return DateRange.ALL;
        }
        // nonMergeSpan: the scope's non-merge commits, bots included (parts are eco_parts; the scope's own are not read)
        dev.tributary.model.Scope s = new dev.tributary.model.Scope(List.of(new dev.tributary.model.Scope.Part(0, "HEAD")), null, null,
                true, false, request.paths());
        List<Object[]> span = rows(spark, dev.tributary.store.read.ContributorRows.spanOverExport(s));
        if (span.isEmpty() || span.get(0)[0] == null) {
            return DateRange.ALL;
        }
        return new DateRange(((Number) span.get(0)[0]).longValue(), ((Number) span.get(0)[1]).longValue() + 1);
    }

    /** A table of the export as a view; an empty one of {@code schema} when the export has no file of it. */
    private static void view(SparkSession spark, Path export, String table, String view, String schema) {
        Path dir = export.resolve(table);
        if (hasParquet(dir)) {
            spark.read().parquet(dir.toString()).createOrReplaceTempView(view);
        } else {
            spark.createDataFrame(List.of(), StructType.fromDDL(schema)).createOrReplaceTempView(view);
        }
    }

    /** The report as the CLI's {@code report --format json} prints it: with its {@code reviews} member when there is one. */
    public static String toJson(Report report, ReviewMetrics.ReleaseReviews reviews) {
        if (reviews == null) {
            return ReportQuery.toJson(report);
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
            com.fasterxml.jackson.databind.node.ObjectNode node = m.valueToTree(report);
            node.set("reviews", m.valueToTree(reviews));
            return m.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
