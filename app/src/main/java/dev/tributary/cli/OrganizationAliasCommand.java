package dev.tributary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations alias}: see its {@code --help}. */
@Command(name = "alias", mixinStandardHelpOptions = true, description = "ALIAS is another name of ORG (e.g. a domain guess: redhat.com).")
final class OrganizationAliasCommand extends OrganizationNameCommand {
    @Parameters(index = "0", paramLabel = "ALIAS")
    String alias;
    @Parameters(index = "1", paramLabel = "ORG")
    String org;

    @Override
    public Integer call() {
        return aliased(alias, org, false);
    }
}
