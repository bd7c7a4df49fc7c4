package dev.tributary.cli;

import dev.tributary.source.Progress;
import picocli.CommandLine.Option;

/** The {@code -q/--quiet} option of the commands that show progress on stderr while they read. */
final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    /** A progress bar on stderr when it is a terminal and --quiet is not given; else none. */
    Progress progress() {
        return quiet || System.console() == null ? Progress.NONE : new TerminalProgress(System.err);
    }
}
