package dev.tributary.cli;

import dev.tributary.model.Operation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary organizations alias}: see its {@code --help}. */
@Command(name = "alias", mixinStandardHelpOptions = true, description = "ALIAS is another name of ORG (e.g. a domain guess: redhat.com).")
final class OrganizationAliasCommand extends OperationCommand {
    @Parameters(index = "0", paramLabel = "ALIAS")
    String alias;
    @Parameters(index = "1", paramLabel = "ORG")
    String org;

    @Override
    public Integer call() {
        return logged(Operation.Kind.ORG_ALIAS, store -> {
            dev.tributary.pipeline.Curate.checkOrgAlias(store, alias, org, false);
            return List.of(alias.trim(), org.trim());
        });
    }
}
