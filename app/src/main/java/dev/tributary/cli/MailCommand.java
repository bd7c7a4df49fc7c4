package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.TributaryException;
import dev.tributary.metrics.MailMetrics;
import dev.tributary.metrics.MailScope;
import dev.tributary.metrics.PatchMetrics;
import dev.tributary.metrics.Point;
import dev.tributary.model.Scope;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.model.DateRange;
import dev.tributary.model.Dates;
import dev.tributary.pipeline.CollectMail;
import dev.tributary.pipeline.CollectProject;
import dev.tributary.project.Project;
import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tributary mail [METRIC...] --list NAME | --project FILE [--release R]}: mailing-list metrics. */
@Command(name = "mail", mixinStandardHelpOptions = true,
        description = "Mailing-list metrics after CHAOSS (messages, threads, posters, new posters, time to first response, "
                + "unanswered threads, replies by organization) for the whole window or per week, month, quarter or year. "
                + "Collect archives first with 'collect mail' (a --project collects its lists itself). "
                + "'mail --definitions' defines the metrics; see docs/mail.md.")
final class MailCommand extends StoreCommand {
    @Parameters(arity = "0..*", paramLabel = "METRIC", description = "Metric names (default: all).")
    List<String> names;

    @Option(names = "--definitions", description = "List the metrics with their definitions.")
    boolean definitions;

    @Option(names = "--kind", paramLabel = "KIND", description = "Which contributions to measure: message (default), or patch "
            + "(patches, series, reviews and their links to commits; see docs/mail.md, 'Patches and reviews').")
    String kind;

    @Option(names = "--list", paramLabel = "NAME", description = "A collected list (repeatable; with --project: a subset of its lists).")
    List<String> lists;

    @Option(names = "--project", paramLabel = "FILE", description = "Project file: its mailingLists (collected first unless --no-collect).")
    Path project;

    @Option(names = "--release", paramLabel = "NAME", description = "A release of the project: its since/until, else the dates of "
            + "its ranges' first and last commits.")
    String release;

    @Option(names = "--since", paramLabel = "DATE", description = "Only messages dated on or after DATE.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only messages dated before DATE.")
    String until;

    @CommandLine.Mixin
    IntervalOption period;

    @Option(names = "--by", paramLabel = "organization|person|list", description = "Split counts by organization (top N, the rest "
            + "as Other); patch metrics also by person or list.")
    String by;

    @Option(names = "--top", defaultValue = "10", description = "Organizations named with --by (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--include-bots", description = "Count bots as posters (their replies never count as responses).")
    boolean includeBots;

    @Option(names = "--no-collect", description = "Use the store as it is: do not read archives or repositories.")
    boolean noCollect;

    @CommandLine.Mixin
    QuietOption quiet;

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
            + "json and csv have one row per period x metric x group.")
    Series.Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (kind != null && !kind.equals("message") && !kind.equals("patch")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kind takes 'message' or 'patch', not '" + kind + "'");
        }
        boolean patchKind = "patch".equals(kind) || names != null && !names.isEmpty() && PatchMetrics.Metric.find(names.get(0)) != null
                && MailMetrics.all().stream().noneMatch(m -> m.label().equals(names.get(0)));
        if (definitions) {
            return patchKind ? Series.definitions(out, 30, PatchMetrics.all(), PatchMetrics.Metric::label, PatchMetrics.Metric::definition)
                    : Series.definitions(out, 30, MailMetrics.all(), MailMetrics.Metric::label, MailMetrics.Metric::definition);
        }
        if (by != null && !by.equals("organization") && !(patchKind && (by.equals("person") || by.equals("list")))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by takes 'organization'" + (patchKind ? ", 'person' or 'list'" : "")
                    + ", not '" + by + "'");
        }
        Series.top(spec, top);
        Series.needsProject(spec, project, release, List.of());
        if (project == null && (lists == null || lists.isEmpty())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --list NAME (a collected list) or --project FILE");
        }
        List<MailMetrics.Metric> metrics = new ArrayList<>();
        List<PatchMetrics.Metric> patchMetrics = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            if (patchKind) {
                PatchMetrics.Metric m = PatchMetrics.Metric.find(n);
                if (m == null) {
                    throw new TributaryException.InvalidInput("unknown patch metric '" + n
                            + "'; 'tributary mail --kind patch --definitions' lists them");
                }
                patchMetrics.add(m);
            } else {
                metrics.add(MailMetrics.Metric.of(n));
            }
        }
        if (metrics.isEmpty() && patchMetrics.isEmpty()) {
            if (patchKind) {
                patchMetrics.addAll(PatchMetrics.all());
            } else {
                metrics.addAll(MailMetrics.all());
            }
        }
        DateRange typed = DateRange.parse("--since", since, "--until", until);
        DateRange window = typed;
        Progress progress = quiet.progress();
        Project checked = project == null ? null : Project.load(project); // the whole file, before a store is opened
        try (Store store = storeOptions.open()) {
            List<Integer> ids = new ArrayList<>();
            if (project != null) {
                Project p = checked;
                // a release needs the project's repositories too: one project run collects them and the lists
                CollectProject.Result collected = noCollect ? ScopeOptions.stored(store, p)
                        : release != null ? CollectProject.run(store, p, Runtime.getRuntime().availableProcessors(), progress) : null;
                for (Project.MailingList l : p.mailingLists()) {
                    if (lists != null && !lists.isEmpty() && !lists.contains(l.name())) {
                        continue;
                    }
                    if (noCollect) {
                        ids.add(stored(store, l.name()));
                        continue;
                    }
                    CollectMail.Result r = collected != null
                            ? collected.mail().stream().filter(m -> m.list().equals(l.name())).findFirst().orElseThrow()
                            : CollectMail.run(store, l.name(), l.paths(), progress);
                    CollectOptions.warnings(spec.commandLine().getErr(), r.warnings());
                    r.failures().forEach(f -> spec.commandLine().getErr().println("tributary: warning: " + Text.printable(f)));
                    ids.add(r.listId());
                }
                if (ids.isEmpty()) {
                    throw new TributaryException.InvalidInput(project + ": no mailing list to measure (mailingLists: "
                            + p.mailingLists().stream().map(Project.MailingList::name).toList() + ")");
                }
                Resolve.deriveStale(store); // what was just collected, derived before the release's window is read
                if (release != null) {
                    window = typed.orElse(releaseWindow(store, p, collected));
                }
            } else {
                for (String l : lists) {
                    ids.add(stored(store, l));
                }
            }
            Resolve.deriveStale(store); // a no-op unless a killed run left marks
            MailScope scope = new MailScope(ids, window, includeBots);
            List<Point> points = patchKind
                    ? new PatchMetrics(store.connection()).run(scope, patchMetrics, period.interval,
                            by == null ? PatchMetrics.By.none : PatchMetrics.By.valueOf(by), top)
                    : new MailMetrics(store.connection()).run(scope, metrics, period.interval, by != null, top);
            Series.print(points, format, out);
            out.flush();
        }
        return 0;
    }

    private static int stored(Store store, String list) {
        return store.mail().findList(list).orElseThrow(() -> new TributaryException.InvalidInput(
                "no list named '" + list + "' in the store (collect it first: tributary collect mail --list " + list + " PATH...)"));
    }

    /** The release's own window, else the first and last commit dates of its ranges ({null, null}: no commits). */
    private DateRange releaseWindow(Store store, Project p, CollectProject.Result collected) {
        Project.Release rel = p.release(release).orElseThrow(() -> new TributaryException.InvalidInput(
                p.file() + ": no release named '" + release + "' (known: " + p.releases().stream().map(Project.Release::name).toList() + ")"));
        Scope git = ScopeResolver.release(p, collected.repositories(), rel.name(), includeBots);
        DateRange w = new MailMetrics(store.connection()).window(git);
        if (rel.since() == null && rel.until() == null && w.since() != null) {
            spec.commandLine().getErr().println("tributary: release " + Text.printable(release) + ": messages dated "
                    + Dates.day(w.since()) + " .. " + Dates.day(w.until()) + " (its first and last commits)");
        }
        return w;
    }
}
