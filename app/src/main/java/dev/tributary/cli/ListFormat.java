package dev.tributary.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format} of the curation commands that read ({@code log}, {@code identities list}, {@code show},
 * {@code suggest}, {@code apply}, {@code affiliations unknown}) and of the collect commands ({@link CollectOptions}):
 * a table (or summary), or the result as JSON. The write commands have {@link OperationFormat} instead.
 */
final class ListFormat {
    enum Format { table, json }

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
