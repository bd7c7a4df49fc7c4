package dev.tributary.cli;

import dev.tributary.identity.Suggestions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary identities suggest}: see its {@code --help}. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Likely duplicate individuals, with the reason; nothing is merged without 'identities merge'.")
final class IdentitiesSuggestCommand extends CurationCommand {
    /** One suggestion as {@code identities apply} reads it. */
    record SuggestedMerge(String into, List<String> others, String reason, String rule, double confidence) {
    }

    @CommandLine.Mixin
    ListFormat format;

    @Override
    public Integer call() {
        return reading((people, store) -> {
            List<Suggestions.Suggestion> s = Suggestions.find(people.identityRows());
            if (format.json()) {
                // the shape 'identities apply' reads: review, delete what is wrong, apply
                out().println(Json.write(java.util.Map.of("merges", s.stream().map(x -> new SuggestedMerge(x.individuals().get(0),
                        x.individuals().subList(1, x.individuals().size()), x.reason(), x.rule(), x.confidence())).toList())));
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
