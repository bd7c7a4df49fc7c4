package dev.tributary.spark;

import dev.tributary.pipeline.Resolve;
import dev.tributary.store.read.ParquetExport;
import dev.tributary.pipeline.CollectRepositories;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.store.Store;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Distributed collection: the repositories (paths on storage every executor sees, or URLs) are spread over
 * Spark tasks; each task runs the same collector as the CLI ({@link CollectRepositories}) into a DuckDB store
 * of its own in the executor's scratch folder, exports it as Parquet ({@link ParquetExport}) and moves its
 * repositories' partitions into the shared output folder ({@code contributions/repository=X/...}; the
 * unpartitioned resolution as {@code resolution/part-N-data_0.parquet}, read without repeats). A
 * repository is in exactly one task, so tasks never write the same partition; a retried task starts its
 * scratch store again. Failures of single repositories are returned, as on one machine.
 */
public final class SparkCollect {
    private SparkCollect() {
    }

    /** What one task did: its repositories collected, and the ones it skipped with why. */
    public record TaskResult(int collected, List<String> failures) implements Serializable {
    }

    /**
     * Collects {@code targets} in {@code partitions} tasks into {@code output} (a new or empty folder on shared
     * storage); {@code cache} is where each executor clones URLs.
     */
    public static List<TaskResult> run(SparkSession spark, List<String> targets, int partitions, Path output, String cache) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String out = output.toAbsolutePath().toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return jsc.parallelize(targets, Math.max(1, partitions))
                .mapPartitionsWithIndex((index, repos) -> List.of(collectTask(index, repos, out, cache)).iterator(), false)
                .collect();
    }

    static TaskResult collectTask(int index, Iterator<String> repos, String output, String cache) throws IOException {
        List<String> mine = new ArrayList<>();
        repos.forEachRemaining(mine::add);
        if (mine.isEmpty()) {
            return new TaskResult(0, List.of());
        }
        Path scratch = Files.createTempDirectory("tributary-task-" + index + "-");
        try {
            CollectRepositories.Result r;
            Path export = scratch.resolve("export");
            try (Store store = Store.open(scratch.resolve("task.duckdb"))) {
                var options = new CollectRepositories.Options(GitScope.HEAD, 1, 1, true, new RepositoryCache(Path.of(cache)));
                r = CollectRepositories.run(store, mine, options, Progress.NONE);
                Resolve.deriveStale(store); // what was just collected, derived before the export reads
                ParquetExport.write(store.connection(), export);
            }
            for (String table : List.of("contributions", "scopes", "identities", "trailers", "files", "resolution")) {
                Path from = export.resolve(table);
                if (!Files.isDirectory(from)) {
                    continue;
                }
                Path to = Path.of(output, table);
                Files.createDirectories(to);
                try (Stream<Path> parts = Files.list(from)) {
                    for (Path part : parts.toList()) {
                        if (!Files.isDirectory(part)) { // an unpartitioned table (resolution): one file a task
                            Files.move(part, to.resolve("part-" + index + "-" + part.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                            continue;
                        }
                        Path dest = to.resolve(part.getFileName());
                        Files.createDirectories(dest);
                        try (Stream<Path> files = Files.list(part)) {
                            for (Path f : files.toList()) {
                                Files.move(f, dest.resolve("part-" + index + "-" + f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                }
            }
            return new TaskResult(r.collected().size(), r.failures().stream().map(Object::toString).toList());
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
