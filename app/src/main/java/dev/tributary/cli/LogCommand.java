package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary log} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "The audit log of curation operations, oldest first.")
final class LogCommand extends CurationCommand {
    @CommandLine.Mixin
    ListFormat format;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            List<Operation> ops = store.curation().operations();
            Set<Long> inForce = Operation.inForce(ops);
            if (format.json()) {
                out().println(Json.write(ops));
            } else {
                for (Operation op : ops) {
                    out().printf(Locale.ROOT, "#%-4d %s  %-40s %s%s%n", op.id(), op.at(), Text.cut(op.origin(), 40),
                            Text.printable(op.describe()), inForce.contains(op.id()) ? "" : "  (undone)");
                }
            }
            out().flush();
        }
        return 0;
    }
}
