package dev.tributary.cli;

import dev.tributary.metrics.Interval;
import picocli.CommandLine.Option;

/**
 * The {@code --interval} of the series commands ({@code metrics}, {@code mail}, {@code issues}, {@code reviews}):
 * the whole window when not given, else one value per period.
 */
final class IntervalOption {
    @Option(names = "--interval", description = "A series: ${COMPLETION-CANDIDATES}.")
    Interval interval;
}
