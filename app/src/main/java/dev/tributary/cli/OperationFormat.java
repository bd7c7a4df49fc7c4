package dev.tributary.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format} of the write commands (merge, split, enroll, import, rename, alias, domain, undo): a line
 * per operation, or one JSON object per operation (one per line), the same fields as {@code log --format json}.
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
