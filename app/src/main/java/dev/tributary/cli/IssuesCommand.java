package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.metrics.Point;
import dev.tributary.metrics.Interval;
import dev.tributary.model.DateRange;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.IssueMetrics;
import dev.tributary.metrics.IssueScope;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary issues [METRIC...]}: issue-tracker metrics, as values or series, like {@code metrics}. */
@Command(name = "issues", mixinStandardHelpOptions = true,
        description = "Issue-tracker metrics after CHAOSS (issues new, active, closed; backlog and age; response time; "
                + "resolution duration; abandoned issues; newcomers' issues; new closers) for the whole window or per "
                + "week, month, quarter or year. 'issues --list' defines them; docs/issues.md has the rules.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage error", "3:bad input (unknown metric or tracker, bad date)", "4:store failure"})
final class IssuesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tracker", paramLabel = "NAME", description = "Only this tracker (repeatable; default: every tracker).")
    List<String> trackers;

    @CommandLine.Mixin
    SeriesOptions series;

    @Option(names = "--by", paramLabel = "label|component|fix-version|reporter-organization|responder-organization",
            description = "Also per label, component or fix version, or per organization of the reporters or of the first "
                    + "responders (top N groups; an account's organization comes from the address it is linked to).")
    String by;

    @Option(names = "--label", paramLabel = "NAME", description = "Only issues with this label, component or fix version.")
    String label;

    @Option(names = "--pulls", description = "Count GitHub pull requests as issues too (left out by default).")
    boolean pulls;

    @Option(names = "--abandoned-after", paramLabel = "DAYS", defaultValue = "365",
            description = "Days without activity after which an open issue is abandoned (default: ${DEFAULT-VALUE}).")
    int abandonedDays;

    @Option(names = "--top", defaultValue = "10", description = "Groups named with --by (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--project", paramLabel = "FILE", description = "A project file: its trackers are the scope "
            + "(unless --tracker), its releases date the fixes (issues-released, time-to-release-median); its repositories and "
            + "trackers are collected first, incrementally, unless --no-collect.")
    java.nio.file.Path project;

    @Option(names = "--release", paramLabel = "NAME", description = "With --project: the window of this release (its "
            + "date window, or for tag ranges the span of its commits' dates, as its mail and its table's issues section).")
    String release;

    @Option(names = "--no-collect", description = "With --project: read the store as it is, collect nothing.")
    boolean noCollect;

    @CommandLine.Mixin
    QuietOption quiet;


    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (series.list()) {
            return Series.definitions(out, 34, IssueMetrics.all(), IssueMetrics.Metric::label, IssueMetrics.Metric::definition);
        }
        Series.by(spec, by, List.of("label", "component", "fix-version", "reporter-organization", "responder-organization"));
        IssueMetrics.Split split = by == null ? IssueMetrics.Split.none : IssueMetrics.Split.valueOf(by.replace('-', '_'));
        Series.top(spec, top);
        List<IssueMetrics.Metric> metrics = series.metrics(IssueMetrics.Metric::of, IssueMetrics.all());
        Series.needsProject(spec, project, release, List.of());
        if (release != null && (series.since() != null || series.until() != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --release or --since/--until, not both");
        }
        IssueScope scope = new IssueScope(trackers == null ? List.of() : trackers, series.since(),
                series.until(), pulls, label, abandonedDays);
        // the whole file, before a store is opened
        dev.tributary.project.Project checked = project == null ? null : dev.tributary.project.Project.load(project);
        try (Store store = series.store.open()) {
            List<dev.tributary.store.read.IssueReleases.Release> releases = null;
            if (project != null) {
                dev.tributary.project.Project p = checked;
                if (!noCollect) {
                    dev.tributary.pipeline.CollectProject.run(store, p, Runtime.getRuntime().availableProcessors(), quiet.progress())
                            .problems().forEach(problem -> spec.commandLine().getErr().println("tributary: warning: "
                                    + Text.printable(problem.toString())));
                }
                releases = releases(store, p);
                if (trackers == null && !p.trackers().isEmpty()) { // the project's trackers, as the store has them
                    List<String> stored = p.trackers().stream().map(dev.tributary.project.Project.Tracker::name)
                            .filter(n -> store.issues().find(n).isPresent()).toList();
                    if (stored.isEmpty()) {
                        throw new dev.tributary.TributaryException.InvalidInput(project + ": none of its trackers is in the store yet"
                                + (noCollect ? " (collect them first, without --no-collect)" : ""));
                    }
                    scope = new IssueScope(stored, scope.since(), scope.until(), pulls, label, abandonedDays);
                }
                if (release != null) {
                    String r = release;
                    dev.tributary.store.read.IssueReleases.Release rel = releases.stream().filter(x -> x.name().equals(r)).findFirst()
                            .orElseThrow(() -> new dev.tributary.TributaryException.InvalidInput(project + ": no release named '" + r
                                    + "' with its repositories collected (releases: " + p.releases().stream()
                                            .map(dev.tributary.project.Project.Release::name).toList() + ")"));
                    DateRange w = new dev.tributary.metrics.MailMetrics(store.connection()).window(rel.scope());
                    scope = scope.withWindow(w.since(), w.until());
                }
            }
            for (String t : scope.trackers()) {
                if (store.issues().find(t).isEmpty()) {
                    throw new dev.tributary.TributaryException.InvalidInput("no tracker named '" + t + "' in the store (known: "
                            + store.issues().trackers().stream().map(x -> x.name()).toList() + ")");
                }
            }
            dev.tributary.pipeline.LinkIssues.refresh(store);
            Resolve.deriveStale(store); // a no-op unless a write or a killed run left marks
            List<Point> points = new IssueMetrics(store.connection(), releases).run(scope, metrics, series.interval(), split, top);
            Series.print(points, series.format, out);
        }
        out.flush();
        return 0;
    }

    /**
     * The project's releases, in its order, over the repositories the store has (a release whose ranges name a
     * repository never collected is left out: it can contain no stored commit).
     */
    static List<dev.tributary.store.read.IssueReleases.Release> releases(Store store, dev.tributary.project.Project p) {
        java.util.Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (dev.tributary.project.Project.Repository r : p.repositories()) {
            store.findRepository(r.path(), r.name()).ifPresent(id -> ids.put(r.name(), id));
        }
        List<dev.tributary.store.read.IssueReleases.Release> out = new ArrayList<>();
        for (dev.tributary.project.Project.Release r : p.releases()) {
            if (ids.keySet().containsAll(r.ranges().keySet())) {
                out.add(new dev.tributary.store.read.IssueReleases.Release(r.name(),
                        dev.tributary.metrics.ScopeResolver.release(p, ids, r.name(), true)));
            }
        }
        return out;
    }
}
