package dev.tributary.cli;

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

    @Parameters(arity = "0..*", paramLabel = "METRIC", description = "Metric names (default: all).")
    List<String> names;

    @Option(names = "--list", description = "List the metrics with their definitions.")
    boolean list;

    @Option(names = "--tracker", paramLabel = "NAME", description = "Only this tracker (repeatable; default: every tracker).")
    List<String> trackers;

    @Option(names = "--since", paramLabel = "DATE", description = "Window start (YYYY-MM-DD, UTC, or ISO date-time).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Window end, exclusive.")
    String until;

    @Option(names = "--interval", description = "A series: ${COMPLETION-CANDIDATES}.")
    Interval interval;

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

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    MetricsCommand.Format format;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (IssueMetrics.Metric m : IssueMetrics.all()) {
                out.printf(Locale.ROOT, "%-34s %s%n", m.label(), m.definition());
            }
            out.flush();
            return 0;
        }
        IssueMetrics.Split split = IssueMetrics.Split.none;
        if (by != null) {
            split = switch (by) {
                case "label" -> IssueMetrics.Split.label;
                case "component" -> IssueMetrics.Split.component;
                case "fix-version" -> IssueMetrics.Split.fix_version;
                case "reporter-organization" -> IssueMetrics.Split.reporter_organization;
                case "responder-organization" -> IssueMetrics.Split.responder_organization;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--by takes label, component, fix-version, "
                        + "reporter-organization or responder-organization, not '" + by + "'");
            };
        }
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, not " + top);
        }
        List<IssueMetrics.Metric> metrics = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            metrics.add(IssueMetrics.Metric.of(n));
        }
        if (metrics.isEmpty()) {
            metrics.addAll(IssueMetrics.all());
        }
        IssueScope scope = new IssueScope(trackers == null ? List.of() : trackers, DateRange.parseEnd("--since", since),
                DateRange.parseEnd("--until", until), pulls, label, abandonedDays);
        try (Store store = storeOptions.open()) {
            for (String t : scope.trackers()) {
                if (store.issues().find(t).isEmpty()) {
                    throw new dev.tributary.TributaryException.InvalidInput("no tracker named '" + t + "' in the store (known: "
                            + store.issues().trackers().stream().map(x -> x.name()).toList() + ")");
                }
            }
            dev.tributary.pipeline.LinkIssues.refresh(store);
            store.deriveStale(); // a no-op unless a write or a killed run left marks
            List<Point> points = new IssueMetrics(store.connection()).run(scope, metrics, interval, split, top);
            MetricsCommand.print(points, format, out);
        }
        out.flush();
        return 0;
    }
}
