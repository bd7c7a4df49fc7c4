package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations alias}: see its {@code --help}. */
@Command(name = "alias", mixinStandardHelpOptions = true, description = "ALIAS is another name of ORG (e.g. a domain guess: redhat.com).")
final class OrganizationAliasCommand extends CurationCommand {
    @CommandLine.Mixin
    OperationFormat format;

    @Override
    OperationFormat writeFormat() {
        return format;
    }

    @Parameters(index = "0", paramLabel = "ALIAS")
    String alias;
    @Parameters(index = "1", paramLabel = "ORG")
    String org;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            dev.tributary.pipeline.Curate.checkOrgAlias(store, alias, org, false);
            apply(store, Operation.Kind.ORG_ALIAS, List.of(alias.trim(), org.trim()));
        }
        return 0;
    }
}
