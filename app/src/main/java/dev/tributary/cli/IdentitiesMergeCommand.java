package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary identities merge}: see its {@code --help}. */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Make OTHER individuals part of INTO (undo with 'tributary undo').")
final class IdentitiesMergeCommand extends OperationCommand {
    @Parameters(index = "0", paramLabel = "INTO", description = "An address of the individual to keep.")
    String into;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "OTHER", description = "Addresses of individuals to merge into it.")
    List<String> others;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            String target = individual(store, into);
            for (String o : others) {
                if (individual(store, o).equals(target)) {
                    out().println("'" + o + "' is already part of " + target);
                    continue;
                }
                apply(store, Operation.Kind.MERGE, List.of(into.trim().toLowerCase(Locale.ROOT), o.trim().toLowerCase(Locale.ROOT)));
            }
        }
        return 0;
    }
}
