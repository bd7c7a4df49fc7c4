package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.model.Operation;
import dev.tributary.store.Store;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary affiliations enroll}: see its {@code --help}. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Say that a person worked for an organization (from/until optional; open ends).")
final class AffiliationsEnrollCommand extends CurationCommand {
    @CommandLine.Mixin
    OperationFormat format;

    @Override
    OperationFormat writeFormat() {
        return format;
    }

    @Parameters(index = "0", paramLabel = "PERSON", description = "Any address of the individual.")
    String who;
    @Parameters(index = "1", paramLabel = "ORG", description = "The organization (Independent for none).")
    String org;
    @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD); open if absent.")
    String from;
    @Option(names = "--until", paramLabel = "DATE", description = "Day it ended (exclusive); open if absent.")
    String until;

    @Override
    public Integer call() {
        checkRange(from, until);
        if (org.isBlank()) {
            throw new TributaryException.InvalidInput("the organization name is empty");
        }
        try (Store store = storeOptions.open()) {
            individual(store, who);
            apply(store, Operation.Kind.ENROLL, List.of(who.trim().toLowerCase(Locale.ROOT), org.trim(),
                    from == null ? "" : from.trim(), until == null ? "" : until.trim()));
        }
        return 0;
    }
}
