package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations rename}: see its {@code --help}. */
@Command(name = "rename", mixinStandardHelpOptions = true, description = "Show organization OLD as NEW everywhere.")
final class OrganizationRenameCommand extends CurationCommand {
    @CommandLine.Mixin
    OperationFormat format;

    @Override
    OperationFormat writeFormat() {
        return format;
    }

    @Parameters(index = "0", paramLabel = "OLD")
    String old;
    @Parameters(index = "1", paramLabel = "NEW")
    String name;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            dev.tributary.pipeline.Curate.checkOrgAlias(store, old, name, true);
            apply(store, Operation.Kind.ORG_ALIAS, List.of(old.trim(), name.trim()));
        }
        return 0;
    }
}
