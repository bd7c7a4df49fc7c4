package dev.tributary.cli;

import dev.tributary.model.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
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

    static Map<String, Object> json(Operation op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", op.id());
        m.put("at", op.at().toString());
        m.put("origin", op.origin());
        m.put("kind", op.kind().name());
        m.put("arguments", op.args());
        m.put("operation", op.describe());
        return m;
    }
}
