package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.TributaryException;
import dev.tributary.metrics.MailMetrics;
import dev.tributary.metrics.MailScope;
import dev.tributary.model.Scope;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.model.DateRange;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.pipeline.CollectProject;
import dev.tributary.project.Project;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The scope options of {@code report} and {@code metrics}: a project and release, or repositories with a
 * range; a date window; and whether to collect first. Resolves them to a {@link Scope}.
 */
final class ScopeOptions {
    @Option(names = "--project", paramLabel = "FILE", description = "Project file (tributary.yaml).")
    Path project;

    @Option(names = "--in", paramLabel = "PROJECT", description = "With an ecosystem file (projects:): the project whose "
            + "repositories, releases and modules to use (default: the whole file).")
    String in;

    @Option(names = "--release", paramLabel = "NAME", description = "A release of the project file.")
    String release;

    @Option(names = "--range", paramLabel = "A..B", description = "Commits reachable from B and not from A, in every repository.")
    String range;

    @Option(names = "--since", paramLabel = "DATE", description = "Only changesets authored on or after DATE.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only changesets authored before DATE.")
    String until;

    @Option(names = "--module", paramLabel = "NAME", description = "Only files of this module of the project file "
            + "(repeatable): commits touching them, and their lines only.")
    List<String> modules = new ArrayList<>();

    @Option(names = "--path", paramLabel = "GLOB", description = "Only files matching GLOB (repeatable; '**' crosses "
            + "folders, '*' does not; a plain folder means all below it; anchored at the repository's root).")
    List<String> pathGlobs = new ArrayList<>();

    @Option(names = "--merges", description = "Count merge commits too (default: left out).")
    boolean merges;

    @Option(names = "--threads", description = "Diff worker threads when collecting (default: number of cores).")
    Integer threads;

    @CommandLine.Mixin
    QuietOption quiet;

    /** Set by commands that read every release of the project (the HTML report's trends), not only --release. */
    boolean everyRelease;

    @Option(names = "--no-collect", description = "Report from the store as it is: do not read the repositories "
            + "(they need not exist here) nor import curated files; scopes must have been collected before.")
    boolean noCollect;

    /**
     * A scope, a title for it, the project's modules (empty without a project file), and its collected
     * mailing lists over the same window (null when there are none).
     */
    record Resolved(Scope scope, String title, Map<String, List<String>> modules, MailScope mail, Project project,
            CollectProject.Result collected) {
        /** The project's releases with their scopes, in the file's order, for trends (none without a project). */
        List<dev.tributary.report.HtmlReport.Release> releases(boolean includeBots) {
            if (project == null) {
                return List.of();
            }
            return project.releases().stream().map(r -> new dev.tributary.report.HtmlReport.Release(r.name(),
                    ScopeResolver.release(project, collected.repositories(), r.name(), includeBots))).toList();
        }
    }

    /**
     * The project's mailing lists already collected, over the scope's window; a release given as ranges only
     * takes the window of its commits' dates (as {@code tributary mail --release} does). Null when none.
     */
    static MailScope mail(Store store, Project p, Scope scope) {
        List<Integer> ids = new ArrayList<>();
        for (Project.MailingList l : p.mailingLists()) {
            store.mail().findList(l.name()).ifPresent(ids::add);
        }
        if (ids.isEmpty()) {
            return null;
        }
        return new MailScope(ids, new MailMetrics(store.connection()).window(scope), scope.includeBots());
    }

    /** The project file as {@link #load} read it (null before, or without a project file). */
    private Project loaded;
    private boolean checked;

    /**
     * Reads and checks the project file (the whole of it), reads it as the project {@code --in} names, and checks that
     * {@code --release} and every {@code --module} are that project's: before any store is opened, so a wrong file or
     * name writes nothing. Null without a project file. Called by {@link #resolve} if the command did not.
     *
     * @throws TributaryException.InvalidInput for a file that does not read, an unknown project, release or module
     *                                         (naming the ones there are)
     * @throws CommandLine.ParameterException for options that need a project file without one
     */
    Project load(CommandLine.Model.CommandSpec spec, List<Path> paths) {
        if (checked) {
            return loaded;
        }
        project = WorkingFolder.project(project, paths);
        if (in != null && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--in needs --project (an ecosystem file with projects:)");
        }
        Series.needsProject(spec, project, release, modules);
        if (project != null) {
            Project p = Project.load(project);
            p = in == null ? p : p.select(in);
            if (release != null) {
                p.requireRelease(release);
            }
            for (String m : modules) {
                p.module(m);
            }
            loaded = p;
        }
        checked = true;
        return loaded;
    }

    Resolved resolve(Store store, CommandLine.Model.CommandSpec spec, List<Path> paths, boolean includeBots) {
        load(spec, paths);
        if (release != null && range != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --release or --range, not both");
        }
        if ((paths == null || paths.isEmpty()) && project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one PATH, or --project FILE (or run where a tributary.yaml is)");
        }
        DateRange window = DateRange.parse("--since", since, "--until", until);
        int nThreads = threads(spec, threads);
        Progress progress = quiet.progress();
        GitScope gitScope = range != null ? GitScope.range(range) : GitScope.HEAD;
        List<Scope.Part> parts = new ArrayList<>();
        String title;
        List<String> globs = new ArrayList<>(pathGlobs);
        Map<String, List<String>> declared = Map.of();
        CollectProject.Result collected = null;
        if (project != null) {
            Project p = loaded;
            declared = p.modules();
            modules.forEach(m -> globs.addAll(p.module(m)));
            // a release's table needs only its ranges; the HTML report's trends need every release's
            CollectProject.Result r = noCollect ? stored(store, p)
                    : CollectProject.run(store, p, everyRelease ? null : release, nThreads, progress);
            collected = r;
            r.problems().forEach(problem -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(problem.toString())));
            if (release != null) {
                Scope rs = ScopeResolver.release(p, r.repositories(), release, includeBots);
                parts.addAll(rs.parts());
                window = window.orElse(rs.window());
                title = p.name() + " " + release;
            } else {
                for (Project.Repository repo : p.repositories()) {
                    parts.add(new Scope.Part(repositoryId(store, repo.path(), repo.name(), true, gitScope, nThreads, progress),
                            gitScope.key()));
                }
                title = p.name() + (range != null ? " " + range : "");
            }
        } else {
            title = range != null ? range : "HEAD";
        }
        for (Path path : paths == null ? List.<Path>of() : paths) {
            String name = path.toAbsolutePath().normalize().getFileName().toString().replaceFirst("\\.git$", "");
            parts.add(new Scope.Part(repositoryId(store, path, name, false, gitScope, nThreads, progress), gitScope.key()));
        }
        if (!modules.isEmpty() || !pathGlobs.isEmpty()) {
            title += " (" + String.join(", ", modules.isEmpty() ? pathGlobs : modules) + ")";
        }
        Resolve.deriveStale(store); // what was just collected (or a killed run left stale), derived before any read
        Scope scope = new Scope(parts, window.since(), window.until(), includeBots, merges, globs);
        return new Resolved(scope, title, declared, loaded == null ? null : mail(store, loaded, scope), loaded, collected);
    }

    /** @param named whether {@code name} is the project file's (stored) or only the folder's (for lookups) */
    private int repositoryId(Store store, Path path, String name, boolean named, GitScope scope, int nThreads, Progress progress) {
        if (!noCollect) {
            return CollectGit.run(store, path, named ? name : null, scope, nThreads, progress).repositoryId();
        }
        int id = store.findRepository(path, name).orElseThrow(() -> new TributaryException.InvalidInput(
                path + ": not in the store " + "(collect it first, without --no-collect)"));
        if (store.cursor(id, scope.key()).isEmpty()) {
            throw new TributaryException.InvalidInput(path + ": scope " + scope.key() + " was never collected");
        }
        return id;
    }

    /** The repositories of a project as the store has them, for a run that does not collect. */
    static CollectProject.Result stored(Store store, Project p) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Project.Repository r : p.repositories()) {
            ids.put(r.name(), store.findRepository(r.path(), r.name()).orElseThrow(() -> new TributaryException.InvalidInput(
                    p.file() + ": repository '" + r.name() + "' is not in the store (collect it first)")));
        }
        return new CollectProject.Result(ids, List.of());
    }

    /**
     * The diff worker threads a {@code --threads} option asks for: the number of cores when not given.
     *
     * @throws CommandLine.ParameterException for 0 or less (usage error, exit 2)
     */
    static int threads(CommandLine.Model.CommandSpec spec, Integer threads) {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or more, not " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
