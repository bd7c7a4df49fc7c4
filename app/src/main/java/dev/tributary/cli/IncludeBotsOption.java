package dev.tributary.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --include-bots} of the commands whose figures are contributors ({@code analyze}, {@code metrics}).
 * The others say what they count instead: developers ({@code report}), posters ({@code mail}), commits
 * ({@code organizations show}).
 */
final class IncludeBotsOption {
    @Option(names = "--include-bots", description = "Count bots as contributors.")
    boolean includeBots;
}
