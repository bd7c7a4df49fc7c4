package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.model.DateRange;
import dev.tributary.metrics.Ecosystem;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary ecosystem}: organizations ranked across every project in the store. */
@Command(name = "ecosystem", mixinStandardHelpOptions = true,
        description = "Organizations ranked across every repository collected into the store (each repository a project, "
                + "unless --group puts it in one): each organization's commits and its projects' parts, the top "
                + "organization's share in each project, and with --since the organizations new in the window or gone "
                + "from it (active in the window of the same length before). Non-merge, non-bot commits on HEAD, or in each "
                + "project's --release and --module (with --project).")
final class EcosystemCommand extends StoreCommand {
    @Option(names = "--since", paramLabel = "DATE", description = "Window start (YYYY-MM-DD or ISO date-time).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Window end, exclusive.")
    String until;

    @Option(names = "--top", defaultValue = "20", description = "Organizations listed (0: all; default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--group", paramLabel = "REPOSITORY=PROJECT", description = "Put a repository in a project (repeatable).")
    Map<String, String> groups = new LinkedHashMap<>();

    @Option(names = "--project", paramLabel = "FILE", description = "A project file whose 'projects:' group its repositories.")
    java.nio.file.Path project;

    @Option(names = "--release", paramLabel = "NAME", description = "Each project's release of that name (its own, else the file's).")
    String release;

    @Option(names = "--module", paramLabel = "NAME", description = "Only commits that changed files of each project's module NAME.")
    String module;

    @Option(names = "--format", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "With --format html: the file to write.")
    java.nio.file.Path output;

    enum Format { table, json, html }

    @Override
    public Integer call() {
        Series.top(spec, top);
        DateRange window = DateRange.parse("--since", since, "--until", until);
        if (format == Format.html && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format html needs --output FILE");
        }
        Series.needsProject(spec, project, release, module == null ? java.util.List.of() : java.util.List.of(module));
        Map<String, String> projectOf = new LinkedHashMap<>();
        Ecosystem.Selection selection = Ecosystem.Selection.ALL;
        dev.tributary.project.Project file = project == null ? null : dev.tributary.project.Project.load(project);
        if (file != null) {
            file.repositories().forEach(r -> projectOf.put(r.name(), r.group()));
        }
        projectOf.putAll(groups);
        if (file != null) {
            selection = Ecosystem.select(file, projectOf, release, module, window);
        }
        Ecosystem.View view;
        try (Store store = storeOptions.open()) {
            Resolve.deriveStale(store); // a killed run's marks, derived before the read
            view = Ecosystem.compute(Ecosystem.duckdb(store.connection(), projectOf, selection), new Ecosystem.Window(window.since(), window.until()), selection, top);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Ecosystem.toJson(view));
        } else if (format == Format.html) {
            Output.write(spec, output, dev.tributary.report.EcosystemPage.html("Ecosystem", view));
        } else {
            table(view, out);
        }
        out.flush();
        return 0;
    }

    static void table(Ecosystem.View v, PrintWriter out) {
        if (v.release() != null || v.module() != null) {
            out.printf("%s%s%s%n", v.release() == null ? "" : "Release " + Text.printable(v.release()),
                    v.release() != null && v.module() != null ? ", " : "", v.module() == null ? "" : "module " + Text.printable(v.module()));
            if (!v.projectsLeftOut().isEmpty()) {
                out.println("Left out (no such release or module): " + String.join(", ", v.projectsLeftOut().stream().map(Text::printable).toList()));
            }
        }
        out.printf("%d projects, %,d commits from %,d contributors; Unknown organization %.1f%% of commits%n%n",
                v.projectCount(), v.commits(), v.contributors(), Text.pct(v.unknownCommits(), v.commits()));
        out.println("Organizations across the ecosystem");
        out.printf("  %4s  %-28s %9s %7s %12s  %s%n", "rank", "organization", "commits", "%", "contributors", "projects (part of its commits)");
        for (Ecosystem.Organization o : v.organizations()) {
            StringBuilder parts = new StringBuilder();
            for (int i = 0; i < Math.min(3, o.projects().size()); i++) {
                Ecosystem.ProjectPart p = o.projects().get(i);
                parts.append(i == 0 ? "" : ", ").append(Text.printable(p.project())).append(String.format(" %.0f%%", p.share() * 100));
            }
            if (o.projects().size() > 3) {
                parts.append(", +").append(o.projects().size() - 3);
            }
            out.printf("  %4d  %-28s %,9d %6.1f%% %,12d  %s%n", o.rank(), Text.cut(Text.printable(o.name()), 28), o.commits(),
                    o.share() * 100, o.contributors(), parts);
        }
        out.println();
        out.println("Top organization per project");
        out.printf("  %-28s %9s %12s %6s  %-28s %7s%n", "project", "commits", "contributors", "orgs", "top organization", "share");
        for (Ecosystem.Project p : v.projects()) {
            out.printf("  %-28s %,9d %,12d %,6d  %-28s %6.1f%%%n", Text.cut(Text.printable(p.name()), 28), p.commits(), p.contributors(),
                    p.organizations(), p.topOrganization() == null ? "-" : Text.cut(Text.printable(p.topOrganization()), 28),
                    p.topOrganizationShare() * 100);
        }
        if (v.since() != null) {
            out.println();
            out.println("New organizations (first commit in the window): " + names(v.newOrganizations()));
            out.println("Leaving organizations (active before the window, not in it): " + names(v.leavingOrganizations()));
        }
    }

    private static String names(java.util.List<Ecosystem.Change> changes) {
        if (changes.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(15, changes.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(Text.printable(changes.get(i).name())).append(" (").append(changes.get(i).commits()).append(')');
        }
        return changes.size() > 15 ? sb + ", +" + (changes.size() - 15) : sb.toString();
    }
}
