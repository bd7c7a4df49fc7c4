package dev.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary affiliations} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "affiliations", mixinStandardHelpOptions = true,
        description = "Import curated affiliation files, enroll people in organizations, find the Unknown.",
        subcommands = {AffiliationsImportCommand.class, AffiliationsEnrollCommand.class, AffiliationsUnknownCommand.class})
final class AffiliationsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: import, enroll, unknown");
    }
}
