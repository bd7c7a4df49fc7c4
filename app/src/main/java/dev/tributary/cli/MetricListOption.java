package dev.tributary.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --list} of {@code metrics}, {@code issues} and {@code reviews} (through {@link SeriesOptions}): the
 * metrics with their definitions ({@link Series#definitions}) instead of their values. {@code mail} calls it
 * {@code --definitions}, its {@code --list} being a mailing list.
 */
final class MetricListOption {
    @Option(names = "--list", description = "List the metrics with their definitions.")
    boolean list;
}
