package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.MailScope;
import dev.tributary.metrics.Point;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.model.Kinds;
import dev.tributary.model.Scope;
import dev.tributary.metrics.Split;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tributary metrics [NAME...] [PATH...]}: CHAOSS health metrics for a scope, as values or series. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Community-health metrics after CHAOSS (contributors, newcomers, elephant and pony factors, ...) "
                + "for a scope, for the whole window or per week, month, quarter or year. 'metrics --list' defines them.")
final class MetricsCommand extends StoreCommand {
    @Parameters(arity = "0..*", paramLabel = "NAME|PATH", description = "Metric names (default: all), then repositories.")
    List<String> args;

    @CommandLine.Mixin
    MetricListOption metricList;

    @Option(names = "--times", description = "When people work (CHAOSS: Activity Dates and Times): commits by weekday and "
            + "hour in each author's own UTC offset, and by offset (timezone spread).")
    boolean times;

    @CommandLine.Mixin
    ScopeOptions scopeOptions;

    @CommandLine.Mixin
    IntervalOption period;

    @Option(names = "--by", paramLabel = "organization|person|module", description = "Split counts by organization or person "
            + "(top N, the rest as Other), or give every metric per module of the project file.")
    String by;

    @Option(names = "--top", defaultValue = "10", description = "Organizations or people named with --by (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = Scope.COMMITS, description = "Which contributions the "
            + "contributor metrics count: commit (default); message (the project's mailing lists, over the same window); change, "
            + "review, review_comment (collected code review); issue, issue_comment (collected trackers); or all (a contributor is "
            + "anyone with a contribution of any kind).")
    String kind;

    @CommandLine.Mixin
    IncludeBotsOption bots;

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); "
            + "json and csv have one row per period x metric x group, for plotting.")
    Series.Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (metricList.list) {
            return Series.definitions(out, 22, Health.all(), Health.Metric::label, Health.Metric::definition);
        }
        Series.by(spec, by, List.of("organization", "person", "module"));
        Series.top(spec, top);
        Set<String> names = Health.all().stream().map(Health.Metric::label).collect(Collectors.toSet());
        List<Health.Metric> metrics = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (String a : args == null ? List.<String>of() : args) {
            if (names.contains(a) || names.contains(a.replace('_', '-'))) {
                metrics.add(Health.Metric.of(a));
            } else if (java.nio.file.Files.exists(Path.of(a))) {
                paths.add(Path.of(a));
            } else {
                // neither a metric nor a path: name the metric it was meant to be, if one is close
                throw new dev.tributary.TributaryException.InvalidInput("'" + a + "' is neither a metric nor a repository"
                        + dev.tributary.model.Names.closest(a.replace('_', '-'), names).map(n -> " (did you mean '" + n + "'?)")
                                .orElse("") + "; 'tributary metrics --list' lists the metrics");
            }
        }
        try {
            Kinds.check(kind);
        } catch (TributaryException.InvalidInput e) {
            throw new TributaryException.InvalidInput("--kind: " + e.getMessage());
        }
        boolean commits = kind.equals(Scope.COMMITS);
        if (metrics.isEmpty()) {
            metrics.addAll(commits ? Health.all() : Health.all().stream().filter(Health.Metric::anyKind).toList());
        }
        if (!commits && (times || "module".equals(by))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kind " + kind + " cannot be combined with "
                    + (times ? "--times" : "--by module") + " (commits only)");
        }
        scopeOptions.load(spec, paths); // the project file checked before the store is opened
        try (Store store = storeOptions.open()) {
            ScopeOptions.Resolved scope = scopeOptions.resolve(store, spec, paths, bots.includeBots);
            if (times) {
                times(new Health(store.connection()).times(scope.scope()), out);
                out.flush();
                return 0;
            }
            Health health = new Health(store.connection());
            List<Point> points;
            if (!commits) {
                points = health.run(kindScope(store, scope), metrics, period.interval, by == null ? Split.none : Split.valueOf(by), top);
            } else if ("module".equals(by)) {
                if (scope.modules().isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--by module needs a project file that declares modules");
                }
                if (!scope.scope().paths().isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--by module cannot be combined with --module or --path");
                }
                points = health.runByModule(scope.scope(), metrics, period.interval, scope.modules());
            } else {
                points = health.run(scope.scope(), metrics, period.interval,
                        by == null ? Split.none : Split.valueOf(by), top);
            }
            Series.print(points, format, out);
            out.flush();
        }
        return 0;
    }

    /**
     * The contributions of {@code --kind} over the resolved scope: its window, the project's collected lists for
     * messages, the project's review containers (every collected one when it names none) or every tracker for their
     * kinds, all of them for {@code all}.
     */
    private Scope kindScope(Store store, ScopeOptions.Resolved resolved) {
        if (kind.equals("message") && resolved.mail() == null) {
            throw new TributaryException.InvalidInput("--kind message needs a project file with collected mailingLists");
        }
        MailScope m = resolved.mail();
        return ScopeResolver.ofKind(store.connection(), resolved.scope(), kind, m == null ? List.of() : m.lists(),
                ScopeResolver.reviewContainers(resolved.project()));
    }

    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    /** Commits at one UTC offset (a record, so its fields keep their order in JSON). */
    record Offset(String offset, long commits) {
    }

    private void times(Health.Times t, PrintWriter out) {
        List<Offset> offsets = new ArrayList<>();
        t.byOffset().forEach((minutes, n) -> offsets.add(new Offset(offset(minutes), n)));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("weekdays", DAYS);
        j.put("commitsByWeekdayAndHour", java.util.Arrays.copyOfRange(t.weekdayHour(), 1, 8));
        j.put("commitsByOffset", offsets);
        Series.write(format, out, j, csv -> timesCsv(t, csv), text -> timesTable(t, offsets, text));
    }

    private static void timesCsv(Health.Times t, PrintWriter out) {
        out.println("weekday,hour,commits");
        for (int d = 1; d <= 7; d++) {
            for (int h = 0; h < 24; h++) {
                out.printf(Locale.ROOT, "%s,%d,%d%n", DAYS.get(d - 1), h, t.weekdayHour()[d][h]);
            }
        }
    }

    private static void timesTable(Health.Times t, List<Offset> offsets, PrintWriter out) {
        StringBuilder head = new StringBuilder("     ");
        for (int h = 0; h < 24; h++) {
            head.append(String.format(Locale.ROOT, "%5d", h));
        }
        out.println("Commits by weekday and hour, in each author's own time");
        out.println(head);
        for (int d = 1; d <= 7; d++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5s", DAYS.get(d - 1)));
            for (int h = 0; h < 24; h++) {
                line.append(String.format(Locale.ROOT, "%5d", t.weekdayHour()[d][h]));
            }
            out.println(line);
        }
        out.println();
        out.println("Commits by UTC offset");
        offsets.forEach(o -> out.printf(Locale.ROOT, "  %s %,10d%n", o.offset(), o.commits()));
    }

    private static String offset(int minutes) {
        int m = Math.abs(minutes);
        return String.format(Locale.ROOT, "%s%02d:%02d", minutes < 0 ? "-" : "+", m / 60, m % 60);
    }
}
