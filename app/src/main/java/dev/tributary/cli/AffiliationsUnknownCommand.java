package dev.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary affiliations unknown}: see its {@code --help}. */
@Command(name = "unknown", mixinStandardHelpOptions = true,
        description = "People with commits of Unknown organization, most commits first: what to curate next.")
final class AffiliationsUnknownCommand extends CurationCommand {
    @CommandLine.Mixin
    PeopleListing listing;

    @Override
    public Integer call() {
        return reading((people, store) -> listing.print(people, true, null, out()));
    }
}
