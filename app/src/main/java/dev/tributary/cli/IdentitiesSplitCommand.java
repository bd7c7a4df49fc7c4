package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary identities split}: see its {@code --help}. */
@Command(name = "split", mixinStandardHelpOptions = true, description = "Detach an address from its individual.")
final class IdentitiesSplitCommand extends CurationCommand {
    @CommandLine.Mixin
    OperationFormat format;

    @Override
    OperationFormat writeFormat() {
        return format;
    }

    @Parameters(paramLabel = "EMAIL", description = "The address to detach.")
    String email;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            individual(store, email);
            apply(store, Operation.Kind.SPLIT, List.of(email.trim().toLowerCase(Locale.ROOT)));
        }
        return 0;
    }
}
