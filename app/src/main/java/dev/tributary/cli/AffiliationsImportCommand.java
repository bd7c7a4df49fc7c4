package dev.tributary.cli;

import dev.tributary.model.Curated;
import dev.tributary.pipeline.ImportCurated;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary affiliations import}: see its {@code --help}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a curated file, replacing what the same file said before; manual operations stay.")
final class AffiliationsImportCommand extends OperationCommand {
    @Option(names = "--gitdm", paramLabel = "FILE", description = "gitdm.config, or an aliases, domain-map or email-map file.")
    List<Path> gitdm = List.of();
    @Option(names = "--stackalytics", paramLabel = "FILE", description = "Stackalytics default_data.json.")
    List<Path> stackalytics = List.of();
    @Option(names = "--mailmap", paramLabel = "FILE", description = "A .mailmap whose address links join individuals.")
    List<Path> mailmap = List.of();
    @Option(names = "--sortinghat", paramLabel = "FILE", description = "SortingHat JSON (sortinghat export --identities --orgs).")
    List<Path> sortinghat = List.of();

    @Override
    public Integer call() {
        if (gitdm.isEmpty() && stackalytics.isEmpty() && mailmap.isEmpty() && sortinghat.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --gitdm, --stackalytics, --mailmap or --sortinghat");
        }
        try (Store store = storeOptions.open()) {
            for (var e : List.of(List.of("gitdm", gitdm), List.of("stackalytics", stackalytics), List.of("mailmap", mailmap),
                    List.of("sortinghat", sortinghat))) {
                @SuppressWarnings("unchecked")
                List<Path> files = (List<Path>) e.get(1);
                for (Path f : files) {
                    Curated c = ImportCurated.run(store, (String) e.get(0), f);
                    if (format.json()) {
                        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                        m.put("source", c.source());
                        m.put("aliases", c.aliases().size());
                        m.put("enrollments", c.enrollments().size());
                        m.put("domainRules", c.domains().size());
                        m.put("organizationAliases", c.orgAliases().size());
                        m.put("skippedLines", c.problems().size());
                        out().println(Json.write(m));
                        c.problems().forEach(p -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(p.toString())));
                        continue;
                    }
                    out().printf(Locale.ROOT, "%s: %,d aliases, %,d enrollments, %,d domain rules, %,d organization aliases; %d lines skipped%n",
                            c.source(), c.aliases().size(), c.enrollments().size(), c.domains().size(), c.orgAliases().size(),
                            c.problems().size());
                    c.problems().forEach(p -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(p.toString())));
                }
            }
            out().flush();
        }
        return 0;
    }
}
