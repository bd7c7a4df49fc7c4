package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.pipeline.Curate;
import java.util.List;

/**
 * The base of {@code organizations alias} and {@code organizations rename}: both log one
 * {@link Operation.Kind#ORG_ALIAS} making one name another name of an organization; they differ in their
 * arguments' names and in whether the old name must exist.
 */
abstract class OrganizationNameCommand extends OperationCommand {
    /**
     * Opens the store and logs that {@code alias} names {@code organization}, after
     * {@link Curate#checkOrgAlias} (exit 3 when nothing would change). Exit 0.
     *
     * @param rename whether {@code alias} is an existing organization's name being replaced
     */
    Integer aliased(String alias, String organization, boolean rename) {
        return logged(Operation.Kind.ORG_ALIAS, store -> {
            Curate.checkOrgAlias(store, alias, organization, rename);
            return List.of(alias.trim(), organization.trim());
        });
    }
}
