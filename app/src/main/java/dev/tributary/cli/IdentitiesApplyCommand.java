package dev.tributary.cli;

import dev.tributary.identity.CurationFile;
import dev.tributary.model.Operation;
import dev.tributary.pipeline.Curate;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary identities apply FILE}: a reviewed file of merges, splits and enrollments (the JSON
 * {@code identities suggest --format json} prints, edited) applied in one run and one transaction, logged as one
 * group that {@code undo} cancels as a whole.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply a reviewed file of merges, splits and enrollments (JSON: {\"merges\": [{\"into\": A, \"others\": [B]}],"
                + " \"splits\": [C], \"enrollments\": [{\"person\": A, \"organization\": O, \"from\": D, \"until\": D}]}),"
                + " all or nothing, as one group of the audit log ('tributary undo ID' cancels the group).")
final class IdentitiesApplyCommand extends CurationCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The reviewed file (identities suggest --format json, edited).")
    Path file;

    @CommandLine.Mixin
    ListFormat format;

    /** What was applied. */
    record Applied(String file, int merges, int splits, int enrollments, long firstOperation, long lastOperation) {
    }

    @Override
    public Integer call() {
        CurationFile f = CurationFile.read(file); // checked whole before the store is opened for writing
        try (Store store = storeOptions.open()) {
            List<Operation> ops = Curate.apply(store, f, origin());
            Applied a = new Applied(file.toString(), (int) ops.stream().filter(o -> o.kind() == Operation.Kind.MERGE).count(),
                    f.splits().size(), f.enrollments().size(), ops.get(0).id(), ops.get(ops.size() - 1).id());
            if (format.json()) {
                out().println(Json.write(a));
            } else {
                out().printf("#%d..#%d applied %s: %d merges, %d splits, %d enrollments (one group: 'tributary undo %d' cancels all)%n",
                        a.firstOperation(), a.lastOperation(), Text.printable(a.file()), a.merges(), a.splits(), a.enrollments(),
                        a.firstOperation());
            }
            out().flush();
        }
        return 0;
    }
}
