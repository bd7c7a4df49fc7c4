package dev.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary organizations} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "organizations", mixinStandardHelpOptions = true, description = "One organization's investment in a scope; rename organizations, give them aliases and domains.",
        subcommands = {OrganizationShowCommand.class, OrganizationRenameCommand.class, OrganizationAliasCommand.class, OrganizationDomainCommand.class})
final class OrganizationsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show, rename, alias, domain");
    }
}
