package dev.tributary.cli;

import dev.tributary.metrics.PeopleQuery;
import dev.tributary.store.Store;
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
        try (Store store = storeOptions.open()) {
            store.deriveStale(); // a killed run's marks (or the last edit's), derived before reading
            people(new PeopleQuery(store.connection()).list(false, limit, match), format, out());
        }
        return 0;
    }
}
