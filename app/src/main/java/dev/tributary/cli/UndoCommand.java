package dev.tributary.cli;

import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tributary undo} (its subcommands are declared here): see its {@code --help}. */
@Command(name = "undo", mixinStandardHelpOptions = true, description = "Cancel an operation (default: the latest still in force).")
final class UndoCommand extends OperationCommand {
    @Parameters(arity = "0..1", paramLabel = "ID", description = "The operation's number, as 'tributary log' shows it.")
    Long id;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            for (Operation op : dev.tributary.pipeline.Curate.undo(store, id, origin())) {
                printed(op); // one line per operation: a JSON object each with --format json (a group undone is several)
            }
            out().flush();
        }
        return 0;
    }
}
