package dev.tributary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary identities list}: see its {@code --help}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Individuals by commits (all stored activity).")
final class IdentitiesListCommand extends CurationCommand {
    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--match", paramLabel = "TEXT", description = "Only names or addresses containing TEXT.")
    String match;
    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ListFormat format;

    @Override
    public Integer call() {
        return reading((people, store) -> people(people.list(false, limit, match), format, out()));
    }
}
