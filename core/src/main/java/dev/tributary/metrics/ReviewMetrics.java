package dev.tributary.metrics;

import dev.tributary.store.read.Activity;
import dev.tributary.store.read.ReviewRows;
import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Code-review metrics over the stored change requests (docs/reviews.md has every definition, with the
 * CHAOSS name): change requests new, accepted, declined and open, acceptance ratio, duration, time to
 * first response and to first review, reviews and their states, reviewers per change, self-merged share,
 * iterations, core reviewers, and the review matrix (which organizations review which organizations'
 * changes). People are review accounts resolved to individuals through their linked address
 * ({@code review_links}), or their own individual when unlinked; organizations are resolved at the time of
 * each act ({@link Activity#organizationAt}): a change's author at its creation, a reviewer at the review.
 * Bots are left out of people, responses and reviews.
 *
 * <p>One query per relation (changes, acts) loads the scope; figures are computed in memory. Not
 * thread-safe (it uses one connection).
 */
public final class ReviewMetrics {
    private final Connection conn;

    public ReviewMetrics(Connection conn) {
        this.conn = conn;
    }

    /**
     * Which change requests: those of {@code containers} (all when empty), within [since, until) by the
     * rule each metric states (created, merged, closed, reviewed in the window).
     */
    public record ReviewScope(List<Integer> containers, Long since, Long until, List<String> paths) {
        public ReviewScope {
            containers = List.copyOf(containers);
            paths = List.copyOf(paths);
            paths.forEach(dev.tributary.model.PathGlobs::check);
            if (since != null && until != null && until < since) {
                throw new TributaryException.InvalidInput("the window ends (" + java.time.Instant.ofEpochSecond(until)
                        + ") before it starts (" + java.time.Instant.ofEpochSecond(since) + ")");
            }
        }

        /** Every change request of the containers, whatever its files. */
        public ReviewScope(List<Integer> containers, Long since, Long until) {
            this(containers, since, until, List.of());
        }

        /** The same scope restricted to change requests touching a file matching any of {@code globs} (replacing any earlier filter). */
        public ReviewScope withPaths(List<String> globs) {
            return new ReviewScope(containers, since, until, globs);
        }
    }

    /** The metrics, with their one-line definitions. */
    public enum Metric implements MetricDefinition {
        @Definition("change requests opened in the period (CHAOSS: Change Requests)")
        change_requests_new,
        @Definition("change requests merged in the period (CHAOSS: Change Requests Accepted)")
        change_requests_accepted,
        @Definition("change requests closed without merging in the period (CHAOSS: Change Requests Declined)")
        change_requests_declined,
        @Definition("change requests open at the end of the period (CHAOSS: Change Requests, open)")
        change_requests_open,
        @Definition("accepted / (accepted + declined) in the period (CHAOSS: Change Request Acceptance Ratio)")
        acceptance_ratio,
        @Definition("median hours from opening to merge of the period's merged change requests (CHAOSS: Change Request Duration)")
        duration_median_hours,
        @Definition("90th percentile of the same (nearest rank)")
        duration_p90_hours,
        @Definition("median hours from opening to the first comment or review by a human other than the author, change requests opened in the period (CHAOSS: Time to First Response)")
        first_response_median_hours,
        @Definition("90th percentile of the same")
        first_response_p90_hours,
        @Definition("change requests opened in the period with no response from a human other than the author yet")
        unresponded,
        @Definition("median hours from opening to the first formal review or vote by a human other than the author (CHAOSS: Change Request Reviews, time to first review)")
        first_review_median_hours,
        @Definition("90th percentile of the same")
        first_review_p90_hours,
        @Definition("formal reviews and votes by humans in the period (CHAOSS: Change Request Reviews)")
        reviews,
        @Definition("comments by humans on change requests in the period (discussion, inline, Gerrit messages)")
        comments,
        @Definition("individuals who reviewed in the period (bots out)")
        reviewers,
        @Definition("mean distinct reviewers other than the author per change request opened in the period")
        reviewers_per_change,
        @Definition("share of the period's merged change requests merged by their own author (0..1)")
        self_merged_share,
        @Definition("mean iterations (patch sets, pushes) per change request opened in the period (CHAOSS: Change Request Iterations)")
        iterations_per_change,
        @Definition("fewest reviewers making 50% of the period's reviews")
        core_reviewers,
        @Definition("individuals who opened change requests in the period")
        change_request_authors,
        @Definition("individuals whose first change request in the scope is in the period (CHAOSS: New Contributors, change requests)")
        new_change_request_authors;

        /** Counts that add up across organizations or people. */
        @Override
        public boolean splits() {
            return this == change_requests_new || this == change_requests_accepted || this == change_requests_declined
                    || this == change_requests_open || this == reviews || this == comments;
        }

        public static Metric of(String label) {
            return MetricName.of(Metric.class, label, "review metric", "'tributary reviews --list' lists them");
        }
    }

    /** One change request with its author resolved. */
    record ChangeRow(int container, long number, long created, Long closed, Long merged, String state, int iterations,
                     String individual, String name, boolean bot, String organization, String merger) {
        String org() {
            return organization == null ? Organizations.UNKNOWN : organization;
        }
    }

    /** One act on a change request (a review or a comment) with its actor resolved at the act's time. */
    record Act(int container, long number, boolean review, String state, int value, long at, String individual,
               String name, boolean bot, String organization) {
        String org() {
            return organization == null ? Organizations.UNKNOWN : organization;
        }
    }

    /** Everything a scope's figures are computed from. */
    static final class Data {
        final List<ChangeRow> changes = new ArrayList<>();
        final Map<String, List<Act>> acts = new HashMap<>();
        final List<Act> allActs = new ArrayList<>();

        static String key(int container, long number) {
            return container + ":" + number;
        }
    }

    /** One reviewer's (or organization's) reviews, by state and Gerrit vote. */
    public record ReviewerRow(String name, String organization, long reviews, long changes, Map<String, Long> byState,
                              Map<Integer, Long> votes, long comments) {
    }

    /** Reviews by humans of {@code reviewerOrganization} on change requests by {@code authorOrganization}. */
    public record MatrixCell(String reviewerOrganization, String authorOrganization, long reviews) {
    }

    /** The store's rows of a scope: its containers and module. */
    private static ReviewRows.Selection selection(ReviewScope scope) {
        return new ReviewRows.Selection(scope.containers(), scope.paths());
    }

    Data load(ReviewScope scope) {
        Data d = new Data();
        ReviewRows rows = new ReviewRows(conn);
        rows.changes(selection(scope), (container, number, created, closed, merged, state, iterations, individual, name, bot, organization,
                                        merger) -> d.changes.add(new ChangeRow(container, number, created, closed, merged, state, iterations,
                individual, name, bot, organization, merger)));
        rows.acts(selection(scope), (container, number, review, state, value, at, individual, name, bot, organization) -> {
            Act a = new Act(container, number, review, state, value, at, individual, name, bot, organization);
            d.allActs.add(a);
            d.acts.computeIfAbsent(Data.key(container, number), k -> new ArrayList<>()).add(a);
        });
        return d;
    }

    /**
     * The metrics per period ({@code interval} null: one value for the whole window, period "all"), for
     * everyone (group "all") and, with a split, for each organization or person (the {@code top} biggest, the
     * rest as "Other"; top 0 keeps all) on the metrics that add up.
     */
    public List<Point> run(ReviewScope scope, List<Metric> metrics, Interval interval, Split split, int top) {
        Data d = load(scope);
        List<Point> out = new ArrayList<>();
        List<long[]> periods = periods(d, scope, interval);
        Map<String, Long> firstAuthored = new HashMap<>();
        for (ChangeRow c : d.changes) {
            if (!c.bot()) {
                firstAuthored.merge(c.individual(), c.created(), Math::min);
            }
        }
        for (long[] p : periods) {
            String label = Interval.label(p[0], interval);
            for (Metric m : metrics) {
                out.add(Point.of(label, m.label(), "all", value(d, m, p[0], p[1], null, null, firstAuthored)));
            }
        }
        if (split != null && split != Split.none) {
            List<String> groups = topGroups(d, scope, split, top);
            for (long[] p : periods) {
                String label = Interval.label(p[0], interval);
                for (Metric m : metrics) {
                    if (!m.splits()) {
                        continue;
                    }
                    for (String g : groups) {
                        out.add(Point.of(label, m.label(), g, value(d, m, p[0], p[1], split, g.equals("Other")
                                ? new Other(groups) : g, firstAuthored)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * One value: a metric in a period for everyone ({@code group} "all"), an organization or a person;
     * {@code value} is null where the metric is undefined (a median of nothing, a ratio of zero).
     */
    public record Point(String period, String metric, String group, Double value) {
        static Point of(String period, String metric, String group, double v) {
            return new Point(period, metric, group, Double.isNaN(v) ? null : v);
        }
    }

    /** The groups beyond the top N. */
    private record Other(List<String> named) {
    }

    private static String group(Split split, String organization, String name) {
        return split == Split.organization ? (organization == null ? Organizations.UNKNOWN : organization) : name;
    }

    private static boolean in(Object want, Split split, String organization, String name) {
        if (want == null) {
            return true;
        }
        String g = group(split, organization, name);
        if (want instanceof Other o) {
            return !o.named().contains(g);
        }
        return want.equals(g);
    }

    private List<String> topGroups(Data d, ReviewScope s, Split split, int top) {
        Map<String, Long> weight = new HashMap<>();
        for (ChangeRow c : d.changes) {
            if (!c.bot() && within(c.created(), s.since(), s.until())) {
                weight.merge(group(split, c.organization(), c.name()), 1L, Long::sum);
            }
        }
        for (Act a : d.allActs) {
            if (!a.bot() && a.review() && within(a.at(), s.since(), s.until())) {
                weight.merge(group(split, a.organization(), a.name()), 1L, Long::sum);
            }
        }
        List<String> groups = new ArrayList<>(weight.keySet());
        groups.sort(Comparator.comparing((String g) -> -weight.get(g)).thenComparing(g -> g));
        if (top > 0 && groups.size() > top) {
            groups = new ArrayList<>(groups.subList(0, top));
            groups.add("Other");
        }
        return groups;
    }

    private static boolean within(long t, Long from, Long until) {
        return (from == null || t >= from) && (until == null || t < until);
    }

    private static List<long[]> periods(Data d, ReviewScope s, Interval interval) {
        if (interval == null) {
            return List.of(new long[] {s.since() == null ? Long.MIN_VALUE : s.since(), s.until() == null ? Long.MAX_VALUE : s.until()});
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ChangeRow c : d.changes) {
            min = Math.min(min, c.created());
            max = Math.max(max, Math.max(c.created(), c.closed() == null ? c.created() : c.closed()));
        }
        for (Act a : d.allActs) {
            max = Math.max(max, a.at());
        }
        if (min == Long.MAX_VALUE) {
            return List.of();
        }
        long start = Interval.floor(s.since() != null ? s.since() : min, interval);
        long end = s.until() != null ? s.until() : max + 1;
        List<long[]> out = new ArrayList<>();
        for (long p = start; p < end; p = Interval.next(p, interval)) {
            out.add(new long[] {Math.max(p, s.since() == null ? p : s.since()), Math.min(Interval.next(p, interval), end)});
        }
        return out;
    }

    private double value(Data d, Metric m, long from, long until, Split split, Object group, Map<String, Long> firstAuthored) {
        switch (m) {
            case change_requests_new:
                return d.changes.stream().filter(c -> within(c.created(), from, until) && in(group, split, c.organization(), c.name())).count();
            case change_requests_accepted:
                return d.changes.stream().filter(c -> c.merged() != null && within(c.merged(), from, until)
                        && in(group, split, c.organization(), c.name())).count();
            case change_requests_declined:
                return d.changes.stream().filter(c -> c.merged() == null && c.closed() != null && within(c.closed(), from, until)
                        && in(group, split, c.organization(), c.name())).count();
            case change_requests_open:
                return d.changes.stream().filter(c -> c.created() < until && (c.closed() == null || c.closed() >= until)
                        && in(group, split, c.organization(), c.name())).count();
            case acceptance_ratio: {
                long acc = (long) value(d, Metric.change_requests_accepted, from, until, null, null, firstAuthored);
                long dec = (long) value(d, Metric.change_requests_declined, from, until, null, null, firstAuthored);
                return acc + dec == 0 ? Double.NaN : (double) acc / (acc + dec);
            }
            case duration_median_hours:
            case duration_p90_hours: {
                long[] h = d.changes.stream().filter(c -> c.merged() != null && within(c.merged(), from, until))
                        .mapToLong(c -> c.merged() - c.created()).toArray();
                return hours(percentile(h, m == Metric.duration_median_hours ? 50 : 90));
            }
            case first_response_median_hours:
            case first_response_p90_hours:
            case first_review_median_hours:
            case first_review_p90_hours: {
                boolean reviewsOnly = m == Metric.first_review_median_hours || m == Metric.first_review_p90_hours;
                List<Long> waits = new ArrayList<>();
                for (ChangeRow c : d.changes) {
                    if (!within(c.created(), from, until)) {
                        continue;
                    }
                    Long first = firstResponse(d, c, reviewsOnly);
                    if (first != null) {
                        waits.add(Math.max(0, first - c.created()));
                    }
                }
                boolean median = m == Metric.first_response_median_hours || m == Metric.first_review_median_hours;
                return hours(percentile(waits.stream().mapToLong(Long::longValue).toArray(), median ? 50 : 90));
            }
            case unresponded:
                return d.changes.stream().filter(c -> within(c.created(), from, until) && firstResponse(d, c, false) == null).count();
            case reviews:
                return d.allActs.stream().filter(a -> a.review() && !a.bot() && within(a.at(), from, until)
                        && in(group, split, a.organization(), a.name())).count();
            case comments:
                return d.allActs.stream().filter(a -> !a.review() && !a.bot() && within(a.at(), from, until)
                        && in(group, split, a.organization(), a.name())).count();
            case reviewers:
                return d.allActs.stream().filter(a -> a.review() && !a.bot() && within(a.at(), from, until))
                        .map(Act::individual).distinct().count();
            case reviewers_per_change: {
                long n = 0;
                long sum = 0;
                for (ChangeRow c : d.changes) {
                    if (!within(c.created(), from, until)) {
                        continue;
                    }
                    n++;
                    Set<String> who = new HashSet<>();
                    for (Act a : d.acts.getOrDefault(Data.key(c.container(), c.number()), List.of())) {
                        if (a.review() && !a.bot() && !a.individual().equals(c.individual())) {
                            who.add(a.individual());
                        }
                    }
                    sum += who.size();
                }
                return n == 0 ? Double.NaN : (double) sum / n;
            }
            case self_merged_share: {
                long merged = 0;
                long self = 0;
                for (ChangeRow c : d.changes) {
                    if (c.merged() != null && within(c.merged(), from, until) && c.merger() != null) {
                        merged++;
                        if (c.merger().equals(c.individual())) {
                            self++;
                        }
                    }
                }
                return merged == 0 ? Double.NaN : (double) self / merged;
            }
            case iterations_per_change: {
                double[] it = d.changes.stream().filter(c -> within(c.created(), from, until)).mapToDouble(ChangeRow::iterations).toArray();
                return it.length == 0 ? Double.NaN : Arrays.stream(it).average().orElse(Double.NaN);
            }
            case core_reviewers: {
                Map<String, Long> per = new HashMap<>();
                for (Act a : d.allActs) {
                    if (a.review() && !a.bot() && within(a.at(), from, until)) {
                        per.merge(a.individual(), 1L, Long::sum);
                    }
                }
                return fewestMaking(per.values(), 0.5);
            }
            case change_request_authors:
                return d.changes.stream().filter(c -> !c.bot() && within(c.created(), from, until)).map(ChangeRow::individual).distinct().count();
            case new_change_request_authors:
                return firstAuthored.values().stream().filter(t -> within(t, from, until)).count();
            default:
                throw new IllegalStateException(m.name());
        }
    }

    /** When someone other than the author (a human) first commented or reviewed; null if nobody has. */
    static Long firstResponse(Data d, ChangeRow c, boolean reviewsOnly) {
        for (Act a : d.acts.getOrDefault(Data.key(c.container(), c.number()), List.of())) { // ordered by time
            if (a.bot() || a.individual().equals(c.individual()) || (reviewsOnly && !a.review())) {
                continue;
            }
            return a.at();
        }
        return null;
    }

    static long fewestMaking(java.util.Collection<Long> counts, double share) {
        long total = counts.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(counts);
        sorted.sort(Comparator.reverseOrder());
        long acc = 0;
        int n = 0;
        for (long c : sorted) {
            acc += c;
            n++;
            if (acc >= share * total) {
                break;
            }
        }
        return n;
    }

    /** Nearest-rank percentile of seconds; NaN when empty. */
    static double percentile(long[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] v = values.clone();
        Arrays.sort(v);
        if (p == 50) {
            int n = v.length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, rank - 1)];
    }

    private static double hours(double seconds) {
        return Double.isNaN(seconds) ? Double.NaN : seconds / 3600.0;
    }

    /**
     * Reviewers (people or organizations) in the window with their reviews by state, Gerrit votes, changes
     * reviewed and comments, most reviews first; bots out, self-reviews in (they are reviews the system
     * recorded), the {@code top} first (0: all).
     */
    public List<ReviewerRow> reviewers(ReviewScope scope, Split split, int top) {
        Data d = load(scope);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Map<String, Long>> states = new HashMap<>();
        Map<String, Map<Integer, Long>> votes = new HashMap<>();
        Map<String, Set<String>> changes = new HashMap<>();
        Map<String, String> orgOf = new HashMap<>();
        Map<String, String> nameOf = new HashMap<>();
        Split by = split == Split.organization ? split : Split.person;
        for (Act a : d.allActs) {
            if (a.bot() || !within(a.at(), scope.since(), scope.until())) {
                continue;
            }
            String g = by == Split.organization ? a.org() : a.individual();
            nameOf.putIfAbsent(g, by == Split.organization ? a.org() : a.name());
            orgOf.put(g, a.org());
            long[] c = counts.computeIfAbsent(g, k -> new long[2]);
            if (a.review()) {
                c[0]++;
                states.computeIfAbsent(g, k -> new TreeMap<>()).merge(a.state(), 1L, Long::sum);
                if (a.state().equals("Code-Review")) {
                    votes.computeIfAbsent(g, k -> new TreeMap<>()).merge(a.value(), 1L, Long::sum);
                }
                changes.computeIfAbsent(g, k -> new HashSet<>()).add(Data.key(a.container(), a.number()));
            } else {
                c[1]++;
            }
        }
        List<ReviewerRow> rows = new ArrayList<>();
        counts.forEach((g, c) -> {
            if (c[0] > 0) {
                rows.add(new ReviewerRow(nameOf.get(g), by == Split.organization ? nameOf.get(g) : orgOf.get(g), c[0],
                        changes.getOrDefault(g, Set.of()).size(), states.getOrDefault(g, Map.of()), votes.getOrDefault(g, Map.of()), c[1]));
            }
        });
        rows.sort(Comparator.comparingLong((ReviewerRow r) -> -r.reviews()).thenComparing(ReviewerRow::name));
        return top > 0 && rows.size() > top ? List.copyOf(rows.subList(0, top)) : rows;
    }

    /**
     * One organization's line of the review columns of a release table: change requests its people opened in
     * the window (the organization at creation; as {@code change-requests-new}, bots' included), formal reviews its
     * humans gave ({@code reviews}: the organization at the review), and of those the marks: the reviews that
     * carry a verdict (GitHub approve or request changes, a Gerrit {@code Code-Review} vote other than 0).
     */
    public record OrganizationReviews(String organization, long changes, long reviews, long marks) {
    }

    /** The review columns of a release table: totals over the scope's window and a line per organization, most reviews first. */
    public record ReleaseReviews(long changes, long reviews, long marks, List<OrganizationReviews> byOrganization) {
        public ReleaseReviews {
            byOrganization = List.copyOf(byOrganization);
        }

        /** The line of {@code organization}, zeros when it neither opened nor reviewed a change. */
        public OrganizationReviews of(String organization) {
            return byOrganization.stream().filter(o -> o.organization().equals(organization)).findFirst()
                    .orElse(new OrganizationReviews(organization, 0, 0, 0));
        }
    }

    /** Whether a review carries a verdict (a mark, in Stackalytics' word): approve, request changes, a non-zero Code-Review vote. */
    static boolean mark(Act a) {
        return a.review() && (a.state().equals("APPROVED") || a.state().equals("CHANGES_REQUESTED")
                || a.state().equals("Code-Review") && a.value() != 0);
    }

    /**
     * The review scope of a release table or report over the git scope {@code git}: the containers {@code ids},
     * the git scope's window (its own, else for a release of tag ranges the span of all its ranges' commits,
     * {@link MailMetrics#window}; a module does not narrow it) and its paths (the change requests touching them).
     */
    public ReviewScope scopeOf(dev.tributary.model.Scope git, List<Integer> ids) {
        dev.tributary.model.DateRange w = new MailMetrics(conn).window(git.withPaths(List.of()));
        return new ReviewScope(ids, w.since(), w.until(), git.paths());
    }

    /**
     * The ids of the collected containers among {@code named} (stored names, github/OWNER/REPO, ...), in collect
     * order; empty when none of them was collected.
     */
    public List<Integer> ids(List<String> named) {
        List<Integer> ids = new ArrayList<>();
        containers().forEach((name, id) -> {
            if (named.contains(name)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The review columns of a release table over {@code scope} (its window; every change request with an open end). */
    public ReleaseReviews releaseTable(ReviewScope scope) {
        Data d = load(scope);
        Map<String, long[]> per = new TreeMap<>();
        for (ChangeRow c : d.changes) {
            if (within(c.created(), scope.since(), scope.until())) {
                per.computeIfAbsent(c.org(), k -> new long[3])[0]++;
            }
        }
        for (Act a : d.allActs) {
            if (a.review() && !a.bot() && within(a.at(), scope.since(), scope.until())) {
                long[] o = per.computeIfAbsent(a.org(), k -> new long[3]);
                o[1]++;
                if (mark(a)) {
                    o[2]++;
                }
            }
        }
        return releaseTable(per);
    }

    /**
     * The review columns from their counts per organization (null: Unknown) as {changes, reviews, marks}, whatever
     * engine counted them (the store here, Spark SQL over the Parquet export): totals and rows, most reviews first.
     */
    public static ReleaseReviews releaseTable(Map<String, long[]> counts) {
        Map<String, long[]> per = new TreeMap<>();
        counts.forEach((org, n) -> {
            long[] o = per.computeIfAbsent(org == null ? Organizations.UNKNOWN : org, k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                o[i] += n[i];
            }
        });
        long[] total = new long[3];
        per.values().forEach(n -> {
            for (int i = 0; i < 3; i++) {
                total[i] += n[i];
            }
        });
        List<OrganizationReviews> rows = new ArrayList<>();
        per.forEach((org, n) -> rows.add(new OrganizationReviews(org, n[0], n[1], n[2])));
        rows.sort(Comparator.comparingLong((OrganizationReviews o) -> -o.reviews()).thenComparingLong(o -> -o.changes())
                .thenComparing(OrganizationReviews::organization));
        return new ReleaseReviews(total[0], total[1], total[2], rows);
    }

    /**
     * The review matrix: formal reviews by humans other than the change's author, counted by the reviewer's
     * organization at the review and the author's at the change's creation.
     */
    public List<MatrixCell> matrix(ReviewScope scope) {
        Data d = load(scope);
        Map<String, ChangeRow> byKey = new HashMap<>();
        for (ChangeRow c : d.changes) {
            byKey.put(Data.key(c.container(), c.number()), c);
        }
        Map<List<String>, Long> cells = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Act a : d.allActs) {
            ChangeRow c = byKey.get(Data.key(a.container(), a.number()));
            if (c == null || !a.review() || a.bot() || c.bot() || a.individual().equals(c.individual())
                    || !within(a.at(), scope.since(), scope.until())) {
                continue;
            }
            cells.merge(List.of(a.org(), c.org()), 1L, Long::sum);
        }
        List<MatrixCell> out = new ArrayList<>();
        cells.forEach((k, n) -> out.add(new MatrixCell(k.get(0), k.get(1), n)));
        return out;
    }

    /**
     * How a merged change request is linked to its commit in a collected repository, by the first rule that
     * finds one: {@code merge-sha} (the merge commit GitHub or Gerrit names is in the history),
     * {@code merge-subject} ("Merge pull request #N from …" in the repository named like the container),
     * {@code squash-subject} (a subject ending in "(#N)"), {@code head-sha} (the last proposed commit itself,
     * a fast-forward or rebase merge), {@code change-id} (a commit whose {@code Change-Id:} trailer is the
     * Gerrit change's).
     */
    public record CommitLink(String container, long number, String sha, String rule) {
    }

    /** Every merged change request of the scope with its commit, and those with none ({@code sha} null, rule "none"). */
    public List<CommitLink> commitLinks(ReviewScope scope) {
        String[] rules = {"none", "merge-sha", "merge-subject", "squash-subject", "head-sha", "change-id"};
        List<CommitLink> out = new ArrayList<>();
        new ReviewRows(conn).commitLinks(selection(scope), (container, number, sha, rule) -> out.add(new CommitLink(container, number, sha,
                rules[rule])));
        return out;
    }

    /**
     * Review credits kept in git itself: per individual, the {@code Reviewed-by}, {@code Tested-by} and
     * {@code Acked-by} trailers, and Gerrit's review notes ({@code refs/notes/review}: a positive
     * {@code Code-Review} vote as a {@code Reviewed-by}, a positive {@code Verified} one as a {@code Tested-by}, once
     * when a trailer of the same commit already gives the same credit), of the commits a scope reaches ({@code scope}: a stored scope key, e.g.
     * {@code HEAD}), with the organization at each commit's author date. A trailer's address is resolved as
     * an author's is (its .mailmap person if it also authored, curated aliases and merges); a trailer
     * without an address is credited to its name.
     *
     * @param kind  {@code Reviewed-by}, {@code Tested-by} or {@code Acked-by}
     */
    public record Credit(String individual, String name, String organization, String kind, long credits) {
    }

    public List<Credit> credits(List<Integer> repositories, String scope, Long since, Long until) {
        return credits(repositories, scope, since, until, false);
    }

    /**
     * The credits, with Gerrit's review notes beside the trailers when {@code notes} (left out by default, so the
     * figures are those git prints for the trailers: {@code git log --format='%(trailers:key=Reviewed-by)'}).
     */
    public List<Credit> credits(List<Integer> repositories, String scope, Long since, Long until, boolean notes) {
        List<Credit> out = new ArrayList<>();
        new ReviewRows(conn).credits(repositories, scope, since, until, notes, (individual, name, organization, kind, credits) ->
                out.add(new Credit(individual, name, organization, kind, credits)));
        return out;
    }

    /**
     * How many of the containers' change requests have files a module filter can see (as {@link ReviewScope#paths()}
     * reads them: {@code change_files}, the files of their commits or of their merge commit in the collected
     * repositories), and how many there are: {@code {withFiles, all}}. A change request without files is in no module.
     */
    public long[] changesWithFiles(List<Integer> containers) {
        return new ReviewRows(conn).changesWithFiles(containers);
    }

    /** The collected containers (github/OWNER/REPO, gerrit/HOST/PROJECT) by name, with their ids, in collect order. */
    public Map<String, Integer> containers() {
        return new ReviewRows(conn).containers();
    }

    /** All metrics in definition order. */
    public static List<Metric> all() {
        return List.of(Metric.values());
    }
}
