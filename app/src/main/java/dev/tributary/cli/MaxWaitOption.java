package dev.tributary.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --max-wait}: the longest rate-limit wait a live collect accepts before it stops, to resume later. */
final class MaxWaitOption {
    @Option(names = "--max-wait", paramLabel = "MINUTES", defaultValue = "60",
            description = "Longest rate-limit wait accepted (default: ${DEFAULT-VALUE}); a later reset ends the run, to resume later.")
    long maxWaitMinutes;

    /** @throws CommandLine.ParameterException for a negative wait (usage error, exit 2) */
    Duration checked(CommandLine.Model.CommandSpec spec) {
        if (maxWaitMinutes < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-wait must be 0 or more, not " + maxWaitMinutes);
        }
        return Duration.ofMinutes(maxWaitMinutes);
    }
}
