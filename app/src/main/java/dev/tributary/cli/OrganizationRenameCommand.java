package dev.tributary.cli;

import dev.tributary.model.Operation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations rename}: see its {@code --help}. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Show organization OLD as NEW everywhere.")
final class OrganizationRenameCommand extends OperationCommand {
    @Parameters(index = "0", paramLabel = "OLD")
    String old;
    @Parameters(index = "1", paramLabel = "NEW")
    String name;

    @Override
    public Integer call() {
        return logged(Operation.Kind.ORG_ALIAS, store -> {
            dev.tributary.pipeline.Curate.checkOrgAlias(store, old, name, true);
            return List.of(old.trim(), name.trim());
        });
    }
}
