package dev.tributary.cli;

import dev.tributary.pipeline.Resolve;
import dev.tributary.TributaryException;
import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.metrics.MailMetrics;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.model.DateRange;
import dev.tributary.model.PathGlobs;
import dev.tributary.model.Scope;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tributary reviews [METRIC...]}: code-review metrics, reviewers and the review matrix. */
@Command(name = "reviews", mixinStandardHelpOptions = true,
        description = "Code-review metrics after CHAOSS over the collected pull requests and Gerrit changes (change requests "
                + "accepted and declined, time to first response, reviews by state, ...), for the whole window or per period, "
                + "split by organization or person; --reviewers lists who reviews, --matrix which organizations review which "
                + "organizations' changes. 'reviews --list' defines the metrics; docs/reviews.md.")
final class ReviewsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repo", paramLabel = "NAME", description = "Only this container: OWNER/REPO (GitHub) or its full name "
            + "(github/OWNER/REPO, gerrit/HOST/PROJECT); repeatable (default: all).")
    List<String> repos;

    @CommandLine.Mixin
    SeriesOptions series;

    @Option(names = "--by", paramLabel = "organization|person", description = "Split the counts that add up.")
    String by;

    @Option(names = "--top", defaultValue = "10", description = "Groups named with --by, rows with --reviewers (default: ${DEFAULT-VALUE}; 0: all).")
    int top;

    @Option(names = "--reviewers", description = "Who reviews: reviews by state, Gerrit votes, changes reviewed (with --by organization: per organization).")
    boolean reviewers;

    @Option(names = "--matrix", description = "Reviews by reviewer organization x author organization (self-reviews and bots out).")
    boolean matrix;

    @Option(names = "--credits", description = "Review credits kept in git: Reviewed-by, Tested-by and Acked-by trailers of the "
            + "collected repositories' HEAD history, per individual (after identity resolution).")
    boolean credits;

    @Option(names = "--notes", description = "With --credits: Gerrit's review notes (refs/notes/review) beside the trailers, a "
            + "positive Code-Review vote as a Reviewed-by and a positive Verified one as a Tested-by, once when a trailer of the "
            + "commit gives the same credit.")
    boolean notes;

    @Option(names = "--links", description = "Merged change requests and the commit each is linked to in the collected repositories, by rule.")
    boolean links;

    @Option(names = "--project", paramLabel = "FILE", description = "Project file (tributary.yaml): its review containers "
            + "(github:, gerrit:; every collected one when it names none), releases and modules. Reads the store as it is.")
    Path project;

    @Option(names = "--release", paramLabel = "NAME", description = "A release of the project file: its since/until, else the "
            + "dates of its ranges' first and last commits (collected before, e.g. by 'report --release'); --since/--until "
            + "override either end.")
    String release;

    @Option(names = "--module", paramLabel = "NAME", description = "Only change requests touching files of this module of the "
            + "project file (repeatable): the files the source lists and those of the change's commits in the collected "
            + "repositories.")
    List<String> modules = new ArrayList<>();

    @Option(names = "--path", paramLabel = "GLOB", description = "Only change requests touching files matching GLOB (repeatable; "
            + "globs as in 'metrics --path').")
    List<String> pathGlobs = new ArrayList<>();


    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (series.list()) {
            return Series.definitions(out, 28, ReviewMetrics.all(), ReviewMetrics.Metric::label, ReviewMetrics.Metric::definition);
        }
        Series.by(spec, by, List.of("organization", "person"));
        Series.top(spec, top);
        Set<ReviewMetrics.Metric> metrics = new LinkedHashSet<>(series.metrics(ReviewMetrics.Metric::of, ReviewMetrics.all()));
        Series.needsProject(spec, project, release, modules);
        if (credits && (release != null || !modules.isEmpty() || !pathGlobs.isEmpty())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--credits reads the HEAD history: it takes --since/--until, "
                    + "not --release, --module or --path");
        }
        if (notes && !credits) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--notes goes with --credits");
        }
        pathGlobs.forEach(PathGlobs::check);
        Long from = series.since();
        Long to = series.until();
        new DateRange(from, to); // a window that ends before it starts, refused before the store is opened
        Split split = by == null ? Split.none : Split.valueOf(by);
        Project checked = project == null ? null : Project.load(project); // the whole file, before a store is opened
        try (Store store = series.store.open()) {
            List<Integer> ids = new ArrayList<>();
            Map<Integer, String> known = store.reviews().containers();
            for (String r : repos == null ? List.<String>of() : repos) {
                String name = r.contains("/") && !r.startsWith("github/") && !r.startsWith("gerrit/") && !r.startsWith("git/") ? "github/" + r : r;
                Integer id = known.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst()
                        .orElseThrow(() -> new TributaryException.InvalidInput("no review container '" + r + "' in the store (known: "
                                + known.values() + ")"));
                ids.add(id);
            }
            Resolve.deriveStale(store); // a no-op unless a write or a killed run left marks
            ReviewMetrics rm = new ReviewMetrics(store.connection());
            List<String> globs = new ArrayList<>(pathGlobs);
            if (project != null) {
                Project p = checked;
                modules.forEach(m -> globs.addAll(p.module(m)));
                if (ids.isEmpty()) {
                    ids.addAll(projectContainers(p, known));
                }
                if (release != null) {
                    DateRange w = new DateRange(from, to).orElse(releaseWindow(store, p));
                    from = w.since();
                    to = w.until();
                }
            }
            ReviewMetrics.ReviewScope scope = new ReviewMetrics.ReviewScope(ids, from, to, globs);
            if (reviewers) {
                printReviewers(rm.reviewers(scope, split, top), split, out);
            } else if (credits) {
                printCredits(rm.credits(List.of(), "HEAD", from, to, notes), out);
            } else if (links) {
                printLinks(rm.commitLinks(scope), out);
            } else if (matrix) {
                printMatrix(rm.matrix(scope), out);
            } else {
                List<ReviewMetrics.Point> points = rm.run(scope, List.copyOf(metrics), series.interval(), split, top);
                Series.print(points, points.stream().map(p -> new Series.Row(p.period(), p.metric(), p.group(), p.value())).toList(),
                        series.format, TABLE, out);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The project's review containers that were collected (every collected one when the file names none).
     *
     * @throws TributaryException.InvalidInput when it names some and none of them was collected
     */
    private static List<Integer> projectContainers(Project p, Map<Integer, String> known) {
        List<String> named = ScopeResolver.reviewContainers(p);
        if (named.isEmpty()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        known.forEach((id, name) -> {
            if (named.contains(name)) {
                out.add(id);
            }
        });
        if (out.isEmpty()) {
            throw new TributaryException.InvalidInput(p.file() + ": none of its review containers " + named
                    + " was collected (tributary collect github --project " + p.file() + ")");
        }
        return out;
    }

    /**
     * The release's own window, else the span of its ranges' commits (first to last author date), as
     * {@code mail --release} takes it.
     *
     * @throws TributaryException.InvalidInput for an unknown release, or ranges never collected
     */
    private DateRange releaseWindow(Store store, Project p) {
        Project.Release rel = p.release(release).orElseThrow(() -> new TributaryException.InvalidInput(p.file()
                + ": no release named '" + release + "' (known: " + p.releases().stream().map(Project.Release::name).toList() + ")"));
        if (rel.ranges().isEmpty() || rel.since() != null || rel.until() != null) {
            return new DateRange(rel.since(), rel.until());
        }
        Scope git = ScopeResolver.release(p, ScopeOptions.stored(store, p).repositories(), rel.name(), false);
        for (Scope.Part part : git.parts()) {
            if (store.cursor(part.repository(), part.scopeKey()).isEmpty()) {
                throw new TributaryException.InvalidInput("release " + release + ": its ranges were never collected "
                        + "(tributary report --project " + p.file() + " --release " + release + " collects them)");
            }
        }
        DateRange w = new MailMetrics(store.connection()).commitWindow(git);
        if (w == null) {
            throw new TributaryException.InvalidInput("release " + release + ": its ranges hold no commits, so no window");
        }
        return w;
    }

    /** The review table: a line per metric and group, 36 columns (container and people names are remote text), two decimals. */
    private static final Series.Style TABLE = new Series.Style(false, 36, true,
            x -> x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x));

    private void printReviewers(List<ReviewMetrics.ReviewerRow> rows, Split split, PrintWriter out) {
        Series.write(series.format, out, rows, csv -> {
            csv.println("name,organization,reviews,changes,approved,changes_requested,commented,dismissed,minus2,minus1,zero,plus1,plus2,comments");
            for (ReviewMetrics.ReviewerRow r : rows) {
                csv.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", Text.csvField(r.name()), Text.csvField(r.organization()),
                        r.reviews(), r.changes(), st(r, "APPROVED"), st(r, "CHANGES_REQUESTED"), st(r, "COMMENTED"), st(r, "DISMISSED"),
                        v(r, -2), v(r, -1), v(r, 0), v(r, 1), v(r, 2), r.comments());
            }
        }, text -> {
            text.printf(Locale.ROOT, "%-30s %-22s %8s %8s %8s %8s %8s %5s %5s %5s %5s %8s%n", split == Split.organization ? "organization" : "reviewer",
                    "organization", "reviews", "changes", "approve", "changes", "comment", "-2", "-1", "+1", "+2", "comments");
            for (ReviewMetrics.ReviewerRow r : rows) {
                text.printf(Locale.ROOT, "%-30s %-22s %,8d %,8d %,8d %,8d %,8d %,5d %,5d %,5d %,5d %,8d%n", Text.cut(Text.printable(r.name()), 30),
                        Text.cut(Text.printable(r.organization()), 22), r.reviews(), r.changes(), st(r, "APPROVED"), st(r, "CHANGES_REQUESTED"),
                        st(r, "COMMENTED"), v(r, -2), v(r, -1), v(r, 1), v(r, 2), r.comments());
            }
        });
    }

    private static long st(ReviewMetrics.ReviewerRow r, String s) {
        return r.byState().getOrDefault(s, 0L);
    }

    private static long v(ReviewMetrics.ReviewerRow r, int value) {
        return r.votes().getOrDefault(value, 0L);
    }

    private void printCredits(List<ReviewMetrics.Credit> rows, PrintWriter out) {
        if (series.format != Series.Format.table) {
            out.println(Json.write(rows));
            return;
        }
        out.printf(Locale.ROOT, "%-32s %-24s %-12s %8s%n", "name", "organization", "trailer", "credits");
        rows.stream().limit(top == 0 ? Long.MAX_VALUE : top).forEach(r -> out.printf(Locale.ROOT, "%-32s %-24s %-12s %,8d%n",
                Text.cut(Text.printable(r.name()), 32), Text.cut(Text.printable(r.organization()), 24), r.kind(), r.credits()));
    }

    private void printLinks(List<ReviewMetrics.CommitLink> all, PrintWriter out) {
        if (series.format != Series.Format.table) {
            out.println(Json.write(all));
            return;
        }
        Map<String, Long> byRule = new java.util.TreeMap<>();
        all.forEach(l -> byRule.merge(l.rule(), 1L, Long::sum));
        out.printf(Locale.ROOT, "%,d merged change requests%n", all.size());
        byRule.forEach((r, n) -> out.printf(Locale.ROOT, "  %-16s %,8d%n", r, n));
        all.stream().filter(l -> l.sha() == null).limit(20).forEach(l -> out.printf(Locale.ROOT, "  unlinked: %s #%d%n",
                Text.printable(l.container()), l.number()));
    }

    private void printMatrix(List<ReviewMetrics.MatrixCell> cells, PrintWriter out) {
        Series.write(series.format, out, cells, csv -> {
            csv.println("reviewer_organization,author_organization,reviews");
            cells.forEach(c -> csv.printf(Locale.ROOT, "%s,%s,%d%n", Text.csvField(c.reviewerOrganization()),
                    Text.csvField(c.authorOrganization()), c.reviews()));
        }, text -> {
            text.printf(Locale.ROOT, "%-30s %-30s %8s%n", "reviewer organization", "author organization", "reviews");
            cells.stream().sorted((a, b) -> Long.compare(b.reviews(), a.reviews())).limit(top == 0 ? Long.MAX_VALUE : top * (long) top)
                    .forEach(c -> text.printf(Locale.ROOT, "%-30s %-30s %,8d%n", Text.cut(Text.printable(c.reviewerOrganization()), 30),
                            Text.cut(Text.printable(c.authorOrganization()), 30), c.reviews()));
        });
    }
}
