package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.model.Operation;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary affiliations enroll}: see its {@code --help}. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Say that a person worked for an organization (from/until optional; open ends).")
final class AffiliationsEnrollCommand extends OperationCommand {
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
        return logged(Operation.Kind.ENROLL, store -> {
            individual(store, who);
            return List.of(who.trim().toLowerCase(Locale.ROOT), org.trim(), end(from), end(until));
        });
    }
}
