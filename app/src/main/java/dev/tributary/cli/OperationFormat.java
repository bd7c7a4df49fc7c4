package dev.tributary.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format} of the write commands (merge, split, enroll, import, rename, alias, domain, undo): a line
 * per operation, or one JSON object per operation (one per line) with the fields of {@code Operation.listed()} (the
 * server's log answers them too, and more). {@code log --format json} prints the stored operations as they are, in one array.
 */
final class OperationFormat {
    enum Format { table, json }

    @Option(names = "--format", defaultValue = "table", description = "What was done: ${COMPLETION-CANDIDATES} "
            + "(json: an object per operation: id, at, origin, kind, arguments, operation).")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
