package dev.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary identities} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "identities", mixinStandardHelpOptions = true, description = "List, show, merge and split individuals.",
        subcommands = {IdentitiesListCommand.class, IdentitiesShowCommand.class, IdentitiesMergeCommand.class, IdentitiesSplitCommand.class,
                IdentitiesSuggestCommand.class, IdentitiesApplyCommand.class, IdentitiesExportCommand.class})
final class IdentitiesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show, merge, split, suggest, apply, export");
    }
}
