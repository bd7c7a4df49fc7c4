package dev.tributary.cli;

import dev.tributary.metrics.Interval;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.report.HtmlReport;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tributary report}: the release table (changesets, developers, organizations, credits). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the table foundations publish for a release or window: changesets, developers and "
                + "organizations, lines, the top developers and organizations, and credits from trailers; or, with "
                + "--format html, a self-contained HTML report with charts.")
final class ReportCommand extends StoreCommand {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Repositories (when no --project is given).")
    List<Path> paths;

    @CommandLine.Mixin
    ScopeOptions scopeOptions;

    @Option(names = "--format", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportText.Format format;

    @Option(names = "--top", defaultValue = "20", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--include-bots", description = "Count bots as developers.")
    boolean includeBots;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @CommandLine.Mixin
    HtmlOptions htmlOptions;

    @Option(names = "--interval", description = "HTML: period of the charts' series: ${COMPLETION-CANDIDATES} "
            + "(default: from the scope's span).")
    Interval interval;

    @Override
    public Integer call() {
        Series.top(spec, top);
        scopeOptions.load(spec, paths); // the project file checked before the store is opened
        try (Store store = storeOptions.open()) {
            scopeOptions.everyRelease = format == ReportText.Format.html;
            ScopeOptions.Resolved scope = scopeOptions.resolve(store, spec, paths, includeBots);
            if (format == ReportText.Format.html) {
                String page = HtmlReport.of(store.connection(), scope.title(), scope.scope(), scope.mail(),
                        htmlOptions.options(Math.max(1, top), interval, scope.project(), storeOptions,
                                ScopeText.describe(store, scope.title(), scope.scope()), scope.releases(includeBots))).html();
                Output.write(spec, output, page);
                return 0;
            }
            Report report = new ReportQuery(store.connection()).run(scope.title(), scope.scope(), top);
            StringWriter text = new StringWriter();
            ReportText.write(report, reviews(store, scope), issues(store, scope), format, new PrintWriter(text));
            Output.write(spec, output, text.toString());
        }
        return 0;
    }

    /**
     * The review columns of the table, when the project names review sources ({@code github:}, {@code gerrit:}):
     * its collected containers over the scope's window (a release of ranges: the span of all its commits, as its mail;
     * a module does not narrow it) and its module or path filter. Null without review sources, so a git-only project's table is as it was.
     */
    private ReviewMetrics.ReleaseReviews reviews(Store store, ScopeOptions.Resolved scope) {
        List<String> named = ScopeResolver.reviewContainers(scope.project());
        if (named.isEmpty()) {
            return null;
        }
        ReviewMetrics rm = new ReviewMetrics(store.connection());
        List<Integer> ids = rm.ids(named);
        if (ids.isEmpty()) {
            spec.commandLine().getErr().println("tributary: warning: none of the project's review containers " + named
                    + " was collected (tributary collect github --project FILE); its review columns are 0");
            return new ReviewMetrics.ReleaseReviews(0, 0, 0, List.of());
        }
        return rm.releaseTable(rm.scopeOf(scope.scope(), ids));
    }

    /**
     * The issues section: only for a project that lists trackers (so a git-only report stays as it was), over its
     * trackers the store has and the report's window (a release of ranges: its commits' dates, as its mail).
     */
    private dev.tributary.metrics.ReleaseIssues issues(Store store, ScopeOptions.Resolved scope) {
        if (scope.project() == null || scope.project().trackers().isEmpty()) {
            return null;
        }
        List<Integer> ids = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (dev.tributary.project.Project.Tracker t : scope.project().trackers()) {
            store.issues().find(t.name()).ifPresent(x -> {
                ids.add(x.id());
                names.add(x.name());
            });
        }
        dev.tributary.model.DateRange w = new dev.tributary.metrics.MailMetrics(store.connection()).window(scope.scope());
        return dev.tributary.metrics.ReleaseIssues.read(store.connection(), ids, names, w.since(), w.until(),
                scope.scope().includeBots(), top);
    }
}
