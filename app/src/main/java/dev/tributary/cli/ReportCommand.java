package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.metrics.Scope;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectProject;
import dev.tributary.project.Project;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary report}: the release table (changesets, developers, organizations, credits). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the table foundations publish for a release or window: changesets, developers and "
                + "organizations, lines, the top developers and organizations, and credits from trailers.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Repositories (when no --project is given).")
    List<Path> paths;

    @Option(names = "--project", paramLabel = "FILE", description = "Project file (tributary.yaml).")
    Path project;

    @Option(names = "--release", paramLabel = "NAME", description = "A release of the project file.")
    String release;

    @Option(names = "--range", paramLabel = "A..B", description = "Commits reachable from B and not from A, in every repository.")
    String range;

    @Option(names = "--since", paramLabel = "DATE", description = "Only changesets authored on or after DATE.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only changesets authored before DATE.")
    String until;

    @Option(names = "--format", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportText.Format format;

    @Option(names = "--top", defaultValue = "20", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--include-bots", description = "Count bots as developers.")
    boolean includeBots;

    @Option(names = "--threads", description = "Diff worker threads when collecting (default: number of cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--no-collect", description = "Report from the store as it is: do not read the repositories "
            + "(they need not exist here) nor import curated files; scopes must have been collected before.")
    boolean noCollect;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        if (release != null && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--release needs --project");
        }
        if (release != null && range != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --release or --range, not both");
        }
        if ((paths == null || paths.isEmpty()) && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one PATH, or --project FILE");
        }
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, not " + top);
        }
        Long sinceEpoch = AnalyzeCommand.parseDate("--since", since);
        Long untilEpoch = AnalyzeCommand.parseDate("--until", until);
        int nThreads = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Progress progress = quiet || System.console() == null ? Progress.NONE : new TerminalProgress(System.err);
        GitScope gitScope = range != null ? GitScope.range(range) : GitScope.HEAD;
        try (Store store = storeOptions.open()) {
            List<Scope.Part> parts = new ArrayList<>();
            String title;
            Long from = sinceEpoch;
            Long to = untilEpoch;
            if (project != null) {
                Project p = Project.load(project);
                CollectProject.Result r = noCollect ? stored(store, p) : CollectProject.run(store, p, nThreads, progress);
                r.problems().forEach(problem -> spec.commandLine().getErr().println("tributary: warning: " + problem));
                if (release != null) {
                    Scope rs = CollectProject.releaseScope(p, r, release, includeBots);
                    parts.addAll(rs.parts());
                    from = from != null ? from : rs.since();
                    to = to != null ? to : rs.until();
                    title = p.name() + " " + release;
                } else {
                    for (Project.Repository repo : p.repositories()) {
                        parts.add(new Scope.Part(repositoryId(store, repo.path(), repo.name(), gitScope, nThreads, progress),
                                gitScope.key()));
                    }
                    title = p.name() + (range != null ? " " + range : "");
                }
            } else {
                title = range != null ? range : "HEAD";
            }
            for (Path path : paths == null ? List.<Path>of() : paths) {
                String name = path.toAbsolutePath().normalize().getFileName().toString().replaceFirst("\\.git$", "");
                parts.add(new Scope.Part(repositoryId(store, path, name, gitScope, nThreads, progress), gitScope.key()));
            }
            Report report = new ReportQuery(store.connection()).run(title, new Scope(parts, from, to, includeBots), top);
            PrintWriter out = spec.commandLine().getOut();
            ReportText.write(report, format, out);
            out.flush();
        }
        return 0;
    }

    private int repositoryId(Store store, Path path, String name, GitScope scope, int nThreads, Progress progress) {
        if (!noCollect) {
            return CollectGit.run(store, path, scope, nThreads, progress).repositoryId();
        }
        int id = store.findRepository(path, name).orElseThrow(() -> new TributaryException.InvalidInput(
                path + ": not in the store " + "(collect it first, without --no-collect)"));
        if (store.cursor(id, scope.key()).isEmpty()) {
            throw new TributaryException.InvalidInput(path + ": scope " + scope.key() + " was never collected");
        }
        return id;
    }

    private CollectProject.Result stored(Store store, Project p) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Project.Repository r : p.repositories()) {
            ids.put(r.name(), store.findRepository(r.path(), r.name()).orElseThrow(() -> new TributaryException.InvalidInput(
                    p.file() + ": repository '" + r.name() + "' is not in the store (collect it first)")));
        }
        return new CollectProject.Result(ids, List.of());
    }
}
