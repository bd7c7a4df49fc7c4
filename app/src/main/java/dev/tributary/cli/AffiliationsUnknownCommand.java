package dev.tributary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary affiliations unknown}: see its {@code --help}. */
@Command(name = "unknown", mixinStandardHelpOptions = true,
        description = "People with commits of Unknown organization, most commits first: what to curate next.")
final class AffiliationsUnknownCommand extends CurationCommand {
    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ListFormat format;

    @Override
    public Integer call() {
        return reading((people, store) -> people(people.list(true, limit, null), format, out()));
    }
}
