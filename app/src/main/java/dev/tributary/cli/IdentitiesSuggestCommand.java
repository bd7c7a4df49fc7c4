package dev.tributary.cli;

import dev.tributary.identity.Suggestions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary identities suggest}: see its {@code --help}. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Likely duplicate individuals, with the reason; nothing is merged without 'identities merge'.")
final class IdentitiesSuggestCommand extends CurationCommand {
    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ListFormat format;

    @Override
    public Integer call() {
        return reading((people, store) -> {
            List<Suggestions.Suggestion> s = Suggestions.find(people.identityRows());
            if (format == ListFormat.json) {
                out().println(Json.write(s));
            } else {
                s.forEach(x -> out().printf(Locale.ROOT, "tributary identities merge %s   # %s%n",
                        Text.printable(String.join(" ", x.individuals())), Text.printable(x.reason())));
                if (s.isEmpty()) {
                    out().println("no likely duplicates");
                }
            }
        });
    }
}
