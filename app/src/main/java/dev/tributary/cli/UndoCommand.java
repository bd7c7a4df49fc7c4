package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.identity.Operation;
import dev.tributary.identity.Resolver;
import dev.tributary.store.Store;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary undo} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "undo", mixinStandardHelpOptions = true, description = "Cancel an operation (default: the latest still in force).")
final class UndoCommand extends CurationCommand {
    @Parameters(arity = "0..1", paramLabel = "ID", description = "The operation's number, as 'tributary log' shows it.")
    Long id;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            List<Operation> ops = store.curation().operations();
            List<Operation> active = Resolver.active(ops);
            Operation target;
            if (id == null) {
                if (active.isEmpty()) {
                    throw new TributaryException.InvalidInput("nothing to undo");
                }
                target = active.get(active.size() - 1);
            } else {
                target = ops.stream().filter(o -> o.id() == id).findFirst()
                        .orElseThrow(() -> new TributaryException.InvalidInput("no operation #" + id));
                if (target.kind() != Operation.Kind.UNDO && active.stream().noneMatch(o -> o.id() == id)) {
                    throw new TributaryException.InvalidInput("operation #" + id + " is already undone");
                }
            }
            apply(store, Operation.Kind.UNDO, List.of(Long.toString(target.id())));
        }
        return 0;
    }
}
