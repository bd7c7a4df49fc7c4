package dev.tributary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations rename}: see its {@code --help}. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Show organization OLD as NEW everywhere.")
final class OrganizationRenameCommand extends OrganizationNameCommand {
    @Parameters(index = "0", paramLabel = "OLD")
    String old;
    @Parameters(index = "1", paramLabel = "NEW")
    String name;

    @Override
    public Integer call() {
        return aliased(old, name, true);
    }
}
