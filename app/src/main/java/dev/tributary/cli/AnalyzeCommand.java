package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.metrics.Scope;
import dev.tributary.model.Dates;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectProject;
import dev.tributary.project.Project;
import dev.tributary.report.HtmlReport;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary analyze PATH...}: collect incrementally, then print the summary. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Collect the history of one or more git repositories (incrementally) into the store and "
                + "print who built it: commits, contributors, organizations, lines, elephant and pony factors.")
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "A git repository: work tree, bare, or .git folder.")
    List<Path> paths;

    @CommandLine.ArgGroup(exclusive = true)
    Revisions revisions;

    static final class Revisions {
        @Option(names = "--all", description = "History reachable from every ref (branches, tags, ...).")
        boolean all;
        @Option(names = "--rev", paramLabel = "REV", description = "History reachable from REV.")
        String rev;
        @Option(names = "--range", paramLabel = "A..B", description = "Commits reachable from B and not from A.")
        String range;
    }

    @Option(names = "--since", paramLabel = "DATE", description = "Only commits authored on or after DATE (YYYY-MM-DD or ISO date-time).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only commits authored before DATE (YYYY-MM-DD or ISO date-time).")
    String until;

    @Option(names = "--format", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--project", paramLabel = "FILE", description = "A project file (default: ./tributary.yaml when no PATH is given): collect all its "
            + "repositories and releases and import its curated affiliations; PATHs are then optional.")
    Path project;

    @Option(names = "--top", defaultValue = "10", description = "Rows in the top lists (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--include-bots", description = "Count bots as contributors.")
    boolean includeBots;

    @Option(names = "--threads", description = "Diff worker threads (default: number of cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the self-contained HTML report (charts "
            + "included, opens offline) to FILE.")
    Path html;

    @CommandLine.Mixin
    HtmlOptions htmlOptions;

    enum Format { table, json, csv }

    @Override
    public Integer call() {
        GitScope scope = revisions == null ? GitScope.HEAD
                : revisions.all ? GitScope.ALL
                : revisions.rev != null ? GitScope.rev(revisions.rev) : GitScope.range(revisions.range);
        Long sinceEpoch = parseDate("--since", since);
        Long untilEpoch = parseDate("--until", until);
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, not " + top);
        }
        int nThreads = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Progress progress = quiet || System.console() == null ? Progress.NONE : new TerminalProgress(System.err);
        project = WorkingFolder.project(project, paths);
        if ((paths == null || paths.isEmpty()) && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one PATH, or --project FILE (or run where a tributary.yaml is)");
        }
        try (Store store = storeOptions.open()) {
            List<Integer> repos = new ArrayList<>();
            Project loaded = null;
            if (project != null) {
                Project p = Project.load(project);
                loaded = p;
                CollectProject.Result r = CollectProject.run(store, p, nThreads, progress);
                r.problems().forEach(problem -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(problem.toString())));
                if (scope.mode() == GitScope.Mode.HEAD) {
                    repos.addAll(r.repositories().values());
                } else {
                    for (Project.Repository repo : p.repositories()) {
                        repos.add(CollectGit.run(store, repo.path(), repo.name(), scope, nThreads, progress).repositoryId());
                    }
                }
            }
            for (Path p : paths == null ? List.<Path>of() : paths) {
                repos.add(CollectGit.run(store, p, scope, nThreads, progress).repositoryId());
            }
            Scope metricsScope = new Scope(repos, scope.key(), sinceEpoch, untilEpoch, includeBots);
            Summary s = new SummaryQuery(store.connection()).run(metricsScope, top);
            if (html != null) {
                String title = String.join(", ", s.repositories()) + (scope.mode() == GitScope.Mode.HEAD ? "" : " " + scope.key());
                Output.write(spec, html, HtmlReport.of(store.connection(), title, metricsScope,
                        loaded == null ? null : ScopeOptions.mail(store, loaded, metricsScope), htmlOptions.options(Math.max(1, top), null, loaded, storeOptions,
                        ScopeText.describe(store, title, metricsScope), List.of())).html());
            }
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case json:
                    out.println(Json.write(s));
                    break;
                case csv:
                    SummaryText.csv(s, out);
                    break;
                default:
                    SummaryText.table(s, out);
            }
            out.flush();
        }
        return 0;
    }

    static Long parseDate(String option, String text) {
        try {
            return Dates.parseOptional(text);
        } catch (IllegalArgumentException e) {
            throw new TributaryException.InvalidInput(option + ": " + e.getMessage());
        }
    }
}
