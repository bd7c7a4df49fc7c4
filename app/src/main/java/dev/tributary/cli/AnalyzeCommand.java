package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.model.DateRange;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectProject;
import dev.tributary.pipeline.CollectRepositories;
import dev.tributary.project.RepositoryList;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.project.Project;
import dev.tributary.report.HtmlReport;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tributary analyze PATH...}: collect incrementally, then print the summary. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Collect the history of one or more git repositories (incrementally) into the store and "
                + "print who built it: commits, contributors, organizations, lines, elephant and pony factors.")
final class AnalyzeCommand extends StoreCommand {
    @Parameters(arity = "0..*", paramLabel = "PATH|URL", description = "A git repository: work tree, bare, or .git "
            + "folder; or a URL (https://, ssh://, git://, file://, user@host:path), cloned bare into the cache "
            + "folder and fetched on later runs.")
    List<String> paths;

    @Option(names = "--repositories", paramLabel = "FILE", description = "Also every repository listed in FILE: one "
            + "path, folder glob (src/*) or URL a line; # starts a comment.")
    Path repositoryList;

    @Option(names = "--github-org", paramLabel = "ORG", description = "Also every repository of this GitHub organization "
            + "(or user), forks left out; listed through the API with $GITHUB_TOKEN or --token-file, answers kept in the raw archive.")
    List<String> githubOrgs;

    @Option(names = "--github-api", paramLabel = "URL", defaultValue = "https://api.github.com", description = "The GitHub API "
            + "root (GitHub Enterprise: https://HOST/api/v3; default ${DEFAULT-VALUE}).")
    java.net.URI githubApi;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The GitHub token (else $GITHUB_TOKEN).")
    Path tokenFile;

    @Option(names = "--jobs", paramLabel = "N", description = "Repositories collected at once (default: number of cores).")
    Integer jobs;

    @Option(names = "--no-fetch", description = "Read cached clones of URLs as they are, without fetching.")
    boolean noFetch;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where URLs are cloned (default: $TRIBUTARY_CACHE, else "
            + "$XDG_CACHE_HOME/tributary/repositories, else ~/.cache/tributary/repositories).")
    Path cache;

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
    Series.Format format;

    @Option(names = "--project", paramLabel = "FILE", description = "A project file (default: ./tributary.yaml when no PATH is given): collect all its "
            + "repositories and releases and import its curated affiliations; PATHs are then optional.")
    Path project;

    @Option(names = "--top", defaultValue = "10", description = "Rows in the top lists (default: ${DEFAULT-VALUE}).")
    int top;

    @CommandLine.Mixin
    IncludeBotsOption bots;

    @Option(names = "--threads", description = "Diff worker threads (default: number of cores).")
    Integer threads;

    @CommandLine.Mixin
    QuietOption quiet;

    @Option(names = "--reread", description = "Read every commit of the PATHs again (after a repository was repaired or "
            + "deepened), replacing what is stored; curation, the audit log and other repositories are kept.")
    boolean reread;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the self-contained HTML report (charts "
            + "included, opens offline) to FILE.")
    Path html;

    @CommandLine.Mixin
    HtmlOptions htmlOptions;

    @Override
    public Integer call() {
        GitScope scope = revisions == null ? GitScope.HEAD
                : revisions.all ? GitScope.ALL
                : revisions.rev != null ? GitScope.rev(revisions.rev) : GitScope.range(revisions.range);
        Long sinceEpoch = DateRange.parseEnd("--since", since);
        Long untilEpoch = DateRange.parseEnd("--until", until);
        Series.top(spec, top);
        int nThreads = ScopeOptions.threads(spec, threads);
        Progress progress = quiet.progress();
        List<String> targets = new ArrayList<>();
        for (String p : paths == null ? List.<String>of() : paths) {
            targets.addAll(RepositoryList.expand(p));
        }
        if (repositoryList != null) {
            targets.addAll(RepositoryList.read(repositoryList));
        }
        if (githubOrgs != null && !githubOrgs.isEmpty()) {
            Path raw = Path.of((storeOptions.db != null ? storeOptions.db : StoreOptions.defaultStore()).toString() + ".raw");
            var http = new dev.tributary.source.http.Http(dev.tributary.source.http.Http.Options.live(
                    dev.tributary.source.http.Token.find(tokenFile, System.getenv(), "GITHUB_TOKEN"),
                    new dev.tributary.source.http.RawArchive(raw)), dev.tributary.source.http.Pause.sleeping(progress));
            for (String org : githubOrgs) {
                targets.addAll(dev.tributary.project.GitHubOrganization.repositories(http, githubApi, org, false));
            }
        }
        boolean named = !targets.isEmpty() || repositoryList != null || githubOrgs != null && !githubOrgs.isEmpty();
        project = WorkingFolder.project(project, named ? List.of(Path.of(".")) : List.of());
        if (targets.isEmpty() && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), repositoryList != null
                    ? repositoryList + " lists no repository"
                    : "give at least one PATH or URL, or --project FILE (or run where a tributary.yaml is)");
        }
        if (jobs != null && jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be 1 or more, not " + jobs);
        }
        Project checked = project == null ? null : Project.load(project); // the whole file, before a store is opened
        try (Store store = storeOptions.open()) {
            List<Integer> repos = new ArrayList<>();
            Project loaded = null;
            if (project != null) {
                Project p = checked;
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
            if (!targets.isEmpty()) {
                if (reread) {
                    for (String t : targets) {
                        if (!RepositoryCache.isUrl(t)) {
                            CollectGit.requestReread(store, Path.of(t));
                        }
                    }
                }
                repos.addAll(collect(store, targets, scope, nThreads, progress));
            }
            Resolve.deriveStale(store); // what was just collected, derived before any read
            Scope metricsScope = new Scope(repos, scope.key(), sinceEpoch, untilEpoch, bots.includeBots);
            Summary s = new SummaryQuery(store.connection()).run(metricsScope, top);
            if (html != null) {
                String title = String.join(", ", s.repositories()) + (scope.mode() == GitScope.Mode.HEAD ? "" : " " + scope.key());
                Output.write(spec, html, HtmlReport.of(store.connection(), title, metricsScope,
                        loaded == null ? null : ScopeOptions.mail(store, loaded, metricsScope), htmlOptions.options(Math.max(1, top), null, loaded, storeOptions,
                        ScopeText.describe(store, title, metricsScope), List.of())).html());
            }
            PrintWriter out = spec.commandLine().getOut();
            Series.write(format, out, s, csv -> SummaryText.csv(s, csv), text -> SummaryText.table(s, text));
            out.flush();
        }
        return 0;
    }

    /** Collects the repositories given by path or URL, several at once; a failing one is a warning, all failing an error. */
    private List<Integer> collect(Store store, List<String> targets, GitScope scope, int nThreads, Progress progress) {
        RepositoryCache repoCache = new RepositoryCache(cache != null ? cache : RepositoryCache.defaultRoot());
        CollectRepositories.Options options = jobs != null
                ? new CollectRepositories.Options(scope, jobs, Math.max(1, nThreads / jobs), !noFetch, repoCache)
                : CollectRepositories.Options.forCores(scope, nThreads, targets.size(), !noFetch, repoCache);
        if (targets.size() == 1) {
            options = new CollectRepositories.Options(scope, 1, nThreads, !noFetch, repoCache);
        }
        CollectRepositories.Result r = CollectRepositories.run(store, targets, options, progress);
        PrintWriter err = spec.commandLine().getErr();
        r.warnings().forEach(w -> err.println("tributary: warning: " + Text.printable(w)));
        if (r.collected().isEmpty() && !r.failures().isEmpty()) {
            if (r.failures().size() == 1) {
                throw new TributaryException.InvalidInput(r.failures().get(0).message());
            }
            r.failures().forEach(f -> err.println("tributary: warning: " + Text.printable(f.toString())));
            throw new TributaryException.InvalidInput("none of the " + r.failures().size() + " repositories could be collected");
        }
        r.failures().forEach(f -> err.println("tributary: warning: skipped " + Text.printable(f.toString())));
        err.flush();
        return r.repositoryIds();
    }
}
