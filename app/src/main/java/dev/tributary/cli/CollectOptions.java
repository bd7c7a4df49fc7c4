package dev.tributary.cli;

import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;

/**
 * The options every collect command shares: {@code --format} (a summary, or the result as JSON),
 * {@code --quiet} and {@code --db}; and the lines they print about what they skipped: each warning on stderr,
 * the counts by kind in the summary.
 */
final class CollectOptions {
    @Mixin
    ListFormat format;

    @Mixin
    QuietOption quiet;

    @Mixin
    StoreOptions store;

    boolean json() {
        return format.json();
    }

    Progress progress() {
        return quiet.progress();
    }

    /**
     * Prints a collect command's result: as JSON with {@code --format json}, else what {@code summary} writes;
     * then flushes both streams (the warnings went to {@code err} before).
     */
    void print(PrintWriter out, PrintWriter err, Object result, Consumer<PrintWriter> summary) {
        if (json()) {
            out.println(Json.write(result));
        } else {
            summary.accept(out);
        }
        out.flush();
        err.flush();
    }

    /** One line on stderr per warning: where, and what was wrong (untrusted text made printable). */
    static void warnings(PrintWriter err, List<Warning> warnings) {
        warnings.forEach(w -> err.println("tributary: warning: " + Text.printable(w.location() + ": " + w.message())));
    }

    /** The summary's count of warnings per kind. */
    static void byKind(PrintWriter out, Map<String, ? extends Number> byKind) {
        byKind.forEach((k, n) -> out.printf(Locale.ROOT, "  warnings %-20s %,d%n", k, n));
    }
}
