package dev.tributary.cli;

import dev.tributary.metrics.Interval;
import dev.tributary.model.DateRange;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code issues} and {@code reviews} share: the metric names, {@code --list}, the window
 * ({@code --since}/{@code --until}, each end checked on its own), {@code --interval}, {@code --format
 * table|json|csv} and the store.
 */
final class SeriesOptions {
    @Parameters(arity = "0..*", paramLabel = "METRIC", description = "Metric names (default: all).")
    List<String> names;

    @Mixin
    MetricListOption metricList;

    @Option(names = "--since", paramLabel = "DATE", description = "Window start (YYYY-MM-DD, UTC, or ISO date-time).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Window end, exclusive.")
    String until;

    @Mixin
    IntervalOption period;

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Series.Format format;

    @Mixin
    StoreOptions store;

    /** Whether {@code --list} was given: the definitions, not the values. */
    boolean list() {
        return metricList.list;
    }

    /** The {@code --interval} given (null: the whole window). */
    Interval interval() {
        return period.interval;
    }

    /** The metric names given, in order (none: empty). */
    List<String> names() {
        return names == null ? List.of() : names;
    }

    /**
     * The metrics named, in order, each read by {@code of}; {@code all} when none is named.
     *
     * @throws dev.tributary.TributaryException.InvalidInput from {@code of}, for the first name that is no metric
     */
    <M> List<M> metrics(Function<String, M> of, List<M> all) {
        return names().isEmpty() ? all : names().stream().map(of).toList();
    }

    /** @throws dev.tributary.TributaryException.InvalidInput for a bad date, naming the option */
    Long since() {
        return DateRange.parseEnd("--since", since);
    }

    /** @throws dev.tributary.TributaryException.InvalidInput for a bad date, naming the option */
    Long until() {
        return DateRange.parseEnd("--until", until);
    }
}
