package dev.tributary.cli;

import dev.tributary.model.Operation;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary identities split}: see its {@code --help}. */
@Command(name = "split", mixinStandardHelpOptions = true, description = "Detach an address from its individual.")
final class IdentitiesSplitCommand extends OperationCommand {
    @Parameters(paramLabel = "EMAIL", description = "The address to detach.")
    String email;

    @Override
    public Integer call() {
        return logged(Operation.Kind.SPLIT, store -> {
            individual(store, email);
            return List.of(email.trim().toLowerCase(Locale.ROOT));
        });
    }
}
