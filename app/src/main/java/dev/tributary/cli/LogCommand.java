package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.identity.Resolver;
import dev.tributary.store.Store;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary log} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "The audit log of curation operations, oldest first.")
final class LogCommand extends CurationCommand {
    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ListFormat format;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            List<Operation> ops = store.curation().operations();
            Set<Long> active = Resolver.active(ops).stream().map(Operation::id).collect(Collectors.toSet());
            if (format == ListFormat.json) {
                out().println(Json.write(ops));
            } else {
                for (Operation op : ops) {
                    boolean inForce = active.contains(op.id()) || op.kind() == Operation.Kind.UNDO;
                    out().printf(Locale.ROOT, "#%-4d %s  %-40s %s%s%n", op.id(), op.at(), Text.cut(op.origin(), 40),
                            Text.printable(op.describe()), inForce ? "" : "  (undone)");
                }
            }
            out().flush();
        }
        return 0;
    }
}
