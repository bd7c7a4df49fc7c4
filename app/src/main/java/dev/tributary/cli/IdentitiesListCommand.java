package dev.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary identities list}: see its {@code --help}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Individuals by commits (all stored activity).")
final class IdentitiesListCommand extends CurationCommand {
    @CommandLine.Mixin
    PeopleListing listing;
    @Option(names = "--match", paramLabel = "TEXT", description = "Only names or addresses containing TEXT.")
    String match;

    @Override
    public Integer call() {
        return reading((people, store) -> listing.print(people, false, match, out()));
    }
}
