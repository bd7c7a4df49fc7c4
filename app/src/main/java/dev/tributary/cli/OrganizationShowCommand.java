package dev.tributary.cli;

import dev.tributary.metrics.Interval;
import dev.tributary.metrics.Investment;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tributary organizations show ORG [PATH...]}: one organization's investment in a scope. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One organization's investment: its people, its commits and lines per period with its share of the "
                + "project, and the modules (or top-level folders) it works on.")
final class OrganizationShowCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "ORG", description = "The organization, as reports name it (also Unknown, Independent).")
    String organization;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH", description = "Repositories (or --project).")
    List<Path> paths;

    @CommandLine.Mixin
    ScopeOptions scopeOptions;

    @Option(names = "--interval", description = "Per ${COMPLETION-CANDIDATES} (default: the whole window).")
    Interval interval;

    @Option(names = "--top", defaultValue = "20", description = "People and folders listed; 0 for all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--include-bots", description = "Count bots' commits too.")
    boolean includeBots;

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Series.Format format;

    @Override
    public Integer call() {
        Series.top(spec, top);
        PrintWriter out = spec.commandLine().getOut();
        scopeOptions.load(spec, paths); // the project file checked before the store is opened
        try (Store store = storeOptions.open()) {
            ScopeOptions.Resolved scope = scopeOptions.resolve(store, spec, paths, includeBots);
            Investment.View v = new Investment(store.connection()).run(organization, scope.scope(), interval,
                    scope.scope().paths().isEmpty() ? scope.modules() : java.util.Map.of(), top);
            Series.write(format, out, v, csv -> csv(v, csv), text -> table(v, scope.title(), text));
            out.flush();
        }
        return 0;
    }

    private static void csv(Investment.View v, PrintWriter out) {
        out.println("table,name,period,commits,linesAdded,linesRemoved,contributors,total,share");
        v.people().forEach(p -> out.printf(Locale.ROOT, "people,%s,%s..%s,%d,%d,%d,,,%n", Text.csvField(p.name()),
                p.first(), p.last(), p.commits(), p.linesAdded(), p.linesRemoved()));
        v.periods().forEach(p -> out.printf(Locale.ROOT, "periods,,%s,%d,%d,%d,%d,%d,%.4f%n", p.period(), p.commits(),
                p.linesAdded(), p.linesRemoved(), p.contributors(), p.projectCommits(), p.share()));
        v.areas().forEach(a -> out.printf(Locale.ROOT, "%s,%s,,%d,%d,%d,,%d,%.4f%n", v.modulesUsed() ? "modules" : "folders",
                Text.csvField(a.name()), a.commits(), a.linesAdded(), a.linesRemoved(), a.areaCommits(), a.share()));
    }

    private static void table(Investment.View v, String title, PrintWriter out) {
        out.printf(Locale.ROOT, "%s in %s: %,d commits of %,d (%.1f%%), +%,d -%,d lines, %,d people%n",
                Text.printable(v.organization()), Text.printable(title), v.commits(), v.projectCommits(),
                v.projectCommits() == 0 ? 0 : 100.0 * v.commits() / v.projectCommits(), v.linesAdded(), v.linesRemoved(),
                v.contributors());
        out.println();
        out.println(v.people().size() < v.contributors() ? "People (top " + v.people().size() + ")" : "People");
        out.printf(Locale.ROOT, "  %-30s %9s %10s %10s  %-10s  %-10s%n", "name", "commits", "added", "removed", "first", "last");
        v.people().forEach(p -> out.printf(Locale.ROOT, "  %s %,9d %,10d %,10d  %-10s  %-10s%n", Text.cell(p.name(), 30),
                p.commits(), p.linesAdded(), p.linesRemoved(), p.first(), p.last()));
        out.println();
        out.println("Per period");
        out.printf(Locale.ROOT, "  %-10s %9s %10s %10s %7s %9s %7s%n", "period", "commits", "added", "removed", "people", "project", "share");
        v.periods().forEach(p -> out.printf(Locale.ROOT, "  %-10s %,9d %,10d %,10d %,7d %,9d %6.1f%%%n", p.period(), p.commits(),
                p.linesAdded(), p.linesRemoved(), p.contributors(), p.projectCommits(), 100 * p.share()));
        out.println();
        out.println(v.modulesUsed() ? "Modules" : "Top-level folders");
        out.printf(Locale.ROOT, "  %-30s %9s %10s %10s %9s %7s%n", "name", "commits", "added", "removed", "all", "share");
        v.areas().forEach(a -> out.printf(Locale.ROOT, "  %s %,9d %,10d %,10d %,9d %6.1f%%%n", Text.cell(a.name(), 30),
                a.commits(), a.linesAdded(), a.linesRemoved(), a.areaCommits(), 100 * a.share()));
    }
}
