package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.store.read.ParquetExport;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary export --format parquet DIR}: the store's resolved activity as Parquet tables. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the store's contributions, scopes, identities, trailers, files changed, resolution, "
                + "organizations and review data (change requests, the paths they touch, reviews) as Parquet (partitioned by repository where the table has one) into DIR, a new or empty folder; readable by "
                + "Spark, DuckDB and pandas. Schema: docs/scale.md.")
final class ExportCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty folder.")
    Path dir;

    @Option(names = "--format", required = true, description = "Export format: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(names = "--json", description = "Print what was written as JSON.")
    boolean json;

    enum Kind { parquet }

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            Resolve.deriveStale(store); // a killed run's marks, derived before the export reads
            List<Path> written = ParquetExport.write(store.connection(), dir);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(java.util.Map.of("tables", written.stream().map(Path::toString).toList())));
            } else {
                written.forEach(p -> out.println(p));
            }
            out.flush();
        }
        return 0;
    }
}
