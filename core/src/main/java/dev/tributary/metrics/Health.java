package dev.tributary.metrics;

import dev.tributary.model.Scope;
import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import dev.tributary.store.read.ContributorRows;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Community-health metrics after CHAOSS, for a scope, as one value per period (the whole window, or each
 * week, month, quarter or year in UTC), optionally per organization. Definitions: {@link Metric} and
 * {@code docs/metrics.md}. Bots are left out of people metrics unless the scope includes them.
 */
public final class Health {
    private final dev.tributary.store.read.ContributorSource reads;

    public Health(Connection conn) {
        this.reads = new ContributorRows(conn);
    }

    /** Over another source of the same rows (the spark module's, over the Parquet export); {@link #times} needs the store. */
    public Health(dev.tributary.store.read.ContributorSource reads) {
        this.reads = reads;
    }

    /** Points as {@code tributary metrics --format json} prints them: indented, fields in declaration order. */
    public static String toJson(List<Point> points) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(points);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The metrics, with their one-line definitions. */
    public enum Metric implements MetricDefinition {
        @Definition("individuals with at least one commit in the period (CHAOSS: Contributors)")
        contributors(f -> f.contributors()),
        @Definition("fewest individuals making 80% of the period's commits (CHAOSS: Contributors, core)")
        core_contributors(f -> f.core()),
        @Definition("the next individuals, up to 95% of the commits (CHAOSS: Contributors, regular)")
        regular_contributors(f -> f.coreAndRegular() - f.core()),
        @Definition("everyone else with commits in the period (CHAOSS: Contributors, casual)")
        casual_contributors(f -> f.contributors() - f.coreAndRegular()),
        @Definition("individuals whose first commit in the scope's whole history is in the period (CHAOSS: New Contributors)")
        new_contributors(f -> f.newcomers()),
        @Definition("individuals with commits in the previous period and none in this one (CHAOSS: Inactive Contributors)")
        inactive_contributors(f -> f.gone()),
        @Definition("non-merge commits (CHAOSS: Code Changes Commits)")
        commits(f -> f.commits()),
        @Definition("lines added by those commits (CHAOSS: Code Changes Lines)")
        lines_added(f -> f.added()),
        @Definition("lines removed by those commits (CHAOSS: Code Changes Lines)")
        lines_removed(f -> f.removed()),
        @Definition("organizations with commits in the period; Unknown and Independent not counted (CHAOSS: Organizational Diversity)")
        organizations(f -> f.orgsByCommits().length),
        @Definition("organizations whose first commit in the scope's whole history is in the period (CHAOSS: Organizational Diversity)")
        new_organizations(f -> f.newOrgs()),
        @Definition("organizations with commits in the previous period and none in this one (CHAOSS: Organizational Diversity)")
        inactive_organizations(f -> f.goneOrgs()),
        @Definition("fewest organizations making 50% of the commits of known organizations (CHAOSS: Elephant Factor)")
        elephant_factor(f -> Shares.fewestReaching(f.orgsByCommits(), f.knownCommits(), 0.5)),
        @Definition("fewest individuals making 50% of the commits (CHAOSS: Contributor Absence Factor)")
        pony_factor(f -> Shares.fewestReaching(f.byCommits(), f.commits(), 0.5)),
        @Definition("fewest individuals making 50% of the lines changed (CHAOSS: Contributor Absence Factor, by lines)")
        pony_factor_lines(f -> Shares.fewestReaching(f.byLines(), java.util.Arrays.stream(f.byLines()).sum(), 0.5)),
        @Definition("share of the period's commits made by bots (0..1)")
        bot_share(f -> f.totalCommits() == 0 ? 0 : (double) f.botCommits() / f.totalCommits()),
        @Definition("of the period's new contributors, how many have commits 1 period later (CHAOSS: Conversion Rate / retention)")
        retained_after_1((Figures f) -> f.retained(1), true),
        @Definition("of the period's new contributors, how many have commits 2 periods later")
        retained_after_2((Figures f) -> f.retained(2), true),
        @Definition("of the period's new contributors, how many have commits 4 periods later")
        retained_after_4((Figures f) -> f.retained(4), true);

        private final java.util.function.Function<Figures, Double> value;

        Metric(java.util.function.ToDoubleFunction<Figures> value) {
            this(f -> value.applyAsDouble(f), false);
        }

        Metric(java.util.function.Function<Figures, Double> value, boolean mayBeAbsent) {
            this.value = value;
        }

        /** The metric's value over one period's figures; null when it has none there (retention past the window). */
        Double value(Figures f) {
            return value.apply(f);
        }

        /** Metrics that split by organization when asked: counts that add up across organizations. */
        @Override
        public boolean splits() {
            return this == contributors || this == commits || this == lines_added || this == lines_removed
                    || this == new_contributors;
        }

        /**
         * Metrics of people and organizations, which count contributions of any kind ({@code --kind}); the
         * others count commits and their lines only.
         */
        public boolean anyKind() {
            return this != commits && this != lines_added && this != lines_removed && this != pony_factor_lines;
        }

        public static Metric of(String label) {
            return MetricName.of(Metric.class, label, "metric", "'tributary metrics --list' lists them");
        }
    }

    /**
     * The metrics for everyone (group "all"), then, for each module, the same metrics over the module's files
     * alone (group = the module's name). A commit touching two modules counts in both, so module groups need
     * not add up to "all".
     *
     * @throws TributaryException.InvalidInput if the scope already has a path filter
     */
    public List<Point> runByModule(Scope scope, List<Metric> metrics, Interval interval, Map<String, List<String>> modules) {
        if (!scope.paths().isEmpty()) {
            throw new TributaryException.InvalidInput("split by module or filter by path, not both");
        }
        List<Point> all = new ArrayList<>(run(scope, metrics, interval, Split.none, 0));
        // modules get the periods of the whole scope, so that a module quiet at either end has rows there too
        Scope aligned = scope;
        if (interval != null && (scope.since() == null || scope.until() == null)) {
            long[] span = reads.span(scope);
            if (span != null) {
                aligned = scope.withWindow(scope.since() != null ? scope.since() : Interval.floor(span[0], interval),
                        scope.until() != null ? scope.until() : Interval.next(Interval.floor(span[1], interval), interval));
            }
        }
        for (var m : modules.entrySet()) {
            for (Point p : run(aligned.withPaths(m.getValue()), metrics, interval, Split.none, 0)) {
                all.add(new Point(p.period(), p.metric(), m.getKey(), p.value()));
            }
        }
        // one block per period and metric, as run() orders them: "all" first, then the modules
        List<Point> out = new ArrayList<>();
        Map<String, List<Point>> byKey = new LinkedHashMap<>();
        all.forEach(p -> byKey.computeIfAbsent(p.period() + "\u0000" + p.metric(), k -> new ArrayList<>()).add(p));
        byKey.values().forEach(out::addAll);
        return out;
    }

    /**
     * The metrics per period; with a split, the counts that add up also per group: the top N organizations
     * (or individuals, named by display name) by commits over the whole scope, the rest as "Other".
     */
    public List<Point> run(Scope scope, List<Metric> metrics, Interval interval, Split split, int top) {
        for (Metric m : metrics) {
            if (!scope.commits() && !m.anyKind()) {
                throw new TributaryException.InvalidInput("metric '" + m.label() + "' counts commits and their lines, not "
                        + scope.kind() + " contributions");
            }
        }
        boolean needOrganization = split == Split.organization || metrics.stream().anyMatch(m -> m == Metric.organizations
                || m == Metric.elephant_factor || m == Metric.new_organizations || m == Metric.inactive_organizations);
        ContributorRows.Rows rows = reads.rows(scope, new ContributorRows.Ask(interval == null ? null : interval.name(),
                needOrganization, split == Split.person));
        // every period of the window, empty ones included (a series is plotted as it is)
        List<Long> starts = new ArrayList<>();
        if (interval == null) {
            starts.add(0L);
        } else if (rows.size() > 0 || scope.since() != null && scope.until() != null) {
            long first = scope.since() != null ? Interval.floor(scope.since(), interval) : rows.period(0);
            long last = scope.until() != null ? scope.until() - 1 : rows.period(rows.size() - 1);
            for (long t = first; t <= last; t = Interval.next(t, interval)) {
                starts.add(t);
            }
        }
        // who was active just before the first period, so that the first period's inactive counts are true
        BitSet previous = new BitSet();
        BitSet previousOrgs = new BitSet();
        Long[] before = starts.isEmpty() ? null : before(scope, interval, starts.get(0));
        if (before != null && metrics.stream().anyMatch(m -> m == Metric.inactive_contributors || m == Metric.inactive_organizations)) {
            reads.active(scope.withWindow(before[0], before[1]), metrics.contains(Metric.inactive_organizations), rows, previous, previousOrgs);
        }
        boolean needFirst = metrics.stream().anyMatch(m -> m == Metric.new_contributors || m.name().startsWith("retained"));
        boolean needFirstOrg = metrics.contains(Metric.new_organizations);
        long[] firstEver;
        long[] firstOrg;
        if (scope.since() == null) {
            // the window starts with the history: first commits are in the rows, no second pass over it
            firstEver = new long[rows.people()];
            firstOrg = new long[rows.organizations()];
            java.util.Arrays.fill(firstEver, Long.MAX_VALUE);
            java.util.Arrays.fill(firstOrg, Long.MAX_VALUE);
            for (int k = 0; k < rows.size(); k++) {
                if (scope.includeBots() || !rows.bot(k)) {
                    firstEver[rows.pid(k)] = Math.min(firstEver[rows.pid(k)], rows.first(k));
                    firstOrg[rows.oid(k)] = Math.min(firstOrg[rows.oid(k)], rows.first(k));
                }
            }
            firstOrg[0] = Long.MAX_VALUE; // Unknown is never a new organization
        } else {
            firstEver = needFirst ? reads.firstByPerson(scope, rows.people()) : never(rows.people());
            firstOrg = needFirstOrg ? reads.firstByOrganization(scope, rows) : never(rows.organizations());
        }
        int nPeople = rows.people();
        int nOrgs = rows.organizations();
        boolean[] bot = new boolean[nPeople];
        for (int k = 0; k < rows.size(); k++) {
            bot[rows.pid(k)] |= rows.bot(k);
        }
        boolean[] employer = new boolean[nOrgs];
        for (int o = 0; o < nOrgs; o++) {
            employer[o] = employer(rows.organizationName(o));
        }
        // groups shown by name: the top N by commits over the whole scope
        boolean byPerson = split == Split.person;
        long[] groupTotal = new long[byPerson ? nPeople : nOrgs];
        for (int k = 0; k < rows.size(); k++) {
            if (scope.includeBots() || !bot[rows.pid(k)]) {
                groupTotal[byPerson ? rows.pid(k) : rows.oid(k)] += rows.commits(k);
            }
        }
        String[] groupName = new String[groupTotal.length];
        for (int g = 0; g < groupTotal.length; g++) {
            groupName[g] = byPerson ? rows.name(g) : rows.organizationName(g);
        }
        boolean[] shown = new boolean[groupTotal.length];
        if (split != Split.none) {
            java.util.stream.IntStream.range(0, groupTotal.length).filter(g -> groupTotal[g] > 0).boxed()
                    .sorted(java.util.Comparator.<Integer>comparingLong(g -> -groupTotal[g]).thenComparing(g -> groupName[g]))
                    .limit(top).forEach(g -> shown[g] = true);
            if (byPerson) { // two shown people with one name: add their ids
                Map<String, Long> use = new HashMap<>();
                for (int g = 0; g < shown.length; g++) {
                    if (shown[g]) {
                        use.merge(groupName[g], 1L, Long::sum);
                    }
                }
                for (int g = 0; g < shown.length; g++) {
                    if (shown[g] && use.get(groupName[g]) > 1) {
                        groupName[g] = groupName[g] + " <" + rows.individual(g) + ">";
                    }
                }
            }
        }
        // rows of each period (rows come ordered by period)
        int[] from = new int[starts.size()];
        int[] to = new int[starts.size()];
        int k0 = 0;
        for (int p = 0; p < starts.size(); p++) {
            long end = interval == null ? Long.MAX_VALUE : Interval.next(starts.get(p), interval);
            from[p] = k0;
            while (k0 < rows.size() && rows.period(k0) < end) {
                k0++;
            }
            to[p] = k0;
        }
        // who is active, and who is new, in each period: retention looks ahead
        List<BitSet> activeIn = new ArrayList<>();
        List<BitSet> newIn = new ArrayList<>();
        for (int p = 0; p < starts.size(); p++) {
            long begin = interval == null ? (scope.since() == null ? Long.MIN_VALUE : scope.since()) : starts.get(p);
            long end = interval == null ? (scope.until() == null ? Long.MAX_VALUE : scope.until()) : Interval.next(starts.get(p), interval);
            BitSet active = new BitSet(nPeople);
            BitSet fresh = new BitSet(nPeople);
            for (int k = from[p]; k < to[p]; k++) {
                int who = rows.pid(k);
                if (scope.includeBots() || !bot[who]) {
                    active.set(who);
                    if (firstEver[who] >= begin && firstEver[who] < end) {
                        fresh.set(who);
                    }
                }
            }
            activeIn.add(active);
            newIn.add(fresh);
        }

        List<Point> out = new ArrayList<>();
        long[] pCommits = new long[nPeople];
        long[] pLines = new long[nPeople];
        long[] oCommits = new long[nOrgs];
        long[][] gSums = new long[groupTotal.length][4]; // commits, added, removed, people
        long[] gNew = new long[groupTotal.length];
        for (int p = 0; p < starts.size(); p++) {
            String label = Interval.label(starts.get(p), interval);
            BitSet active = activeIn.get(p);
            BitSet newcomers = newIn.get(p);
            BitSet orgsActive = new BitSet(nOrgs);
            BitSet groups = new BitSet(groupTotal.length);
            long[] sums = accumulate(rows, from[p], to[p], scope.includeBots(), bot, employer, split, newcomers,
                    pCommits, pLines, oCommits, orgsActive, groups, gSums, gNew);
            long totalCommits = sums[0];
            long botCommits = sums[1];
            long commits = sums[2];
            long added = sums[3];
            long removed = sums[4];
            long[] byCommits = active.stream().mapToLong(x -> pCommits[x]).toArray();
            long[] byLines = active.stream().mapToLong(x -> pLines[x]).toArray();
            long[] orgsByCommits = orgsActive.stream().mapToLong(o -> oCommits[o]).toArray();
            long knownCommits = java.util.Arrays.stream(orgsByCommits).sum();
            int core = Shares.fewestReaching(byCommits, commits, 0.80);
            int coreAndRegular = Shares.fewestReaching(byCommits, commits, 0.95);
            BitSet gone = (BitSet) previous.clone();
            gone.andNot(active);
            BitSet goneOrgs = (BitSet) previousOrgs.clone();
            goneOrgs.andNot(orgsActive);
            long begin = interval == null ? (scope.since() == null ? Long.MIN_VALUE : scope.since()) : starts.get(p);
            long end = interval == null ? (scope.until() == null ? Long.MAX_VALUE : scope.until()) : Interval.next(starts.get(p), interval);
            long newOrgs = orgsActive.stream().filter(o -> firstOrg[o] >= begin && firstOrg[o] < end).count();
            int contributors = active.cardinality();
            int period = p;
            Figures figures = new Figures(contributors, core, coreAndRegular, newcomers.cardinality(), gone.cardinality(),
                    commits, added, removed, totalCommits, botCommits, byCommits, byLines, orgsByCommits, knownCommits, newOrgs,
                    goneOrgs.cardinality(), later -> {
                        if (interval == null || period + later >= starts.size()) {
                            return null; // no such period in the window: no value rather than a false 0
                        }
                        BitSet kept = (BitSet) newcomers.clone();
                        kept.and(activeIn.get(period + later));
                        return (double) kept.cardinality();
                    });
            for (Metric m : metrics) {
                Double value = m.value(figures);
                if (value == null) {
                    continue;
                }
                out.add(new Point(label, m.label(), "all", value));
                if (split != Split.none && m.splits()) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    groups.stream().forEach(g -> {
                        double v;
                        switch (m) {
                            case contributors: v = gSums[g][3]; break;
                            case commits: v = gSums[g][0]; break;
                            case lines_added: v = gSums[g][1]; break;
                            case lines_removed: v = gSums[g][2]; break;
                            default: v = gNew[g];
                        }
                        values.merge(shown[g] ? groupName[g] : "Other", v, Double::sum);
                    });
                    values.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .forEach(e -> out.add(new Point(label, m.label(), e.getKey(), e.getValue())));
                }
            }
            // reset what this period touched
            active.stream().forEach(x -> {
                pCommits[x] = 0;
                pLines[x] = 0;
            });
            for (int k = from[p]; k < to[p]; k++) {
                oCommits[rows.oid(k)] = 0;
            }
            groups.stream().forEach(g -> {
                java.util.Arrays.fill(gSums[g], 0);
                gNew[g] = 0;
            });
            previous = active;
            previousOrgs = orgsActive;
        }
        return out;
    }

    /**
     * Adds one period's rows [from, to) into the per-person, per-organization and per-group arrays; returns
     * {all commits, bot commits, counted commits, lines added, lines removed}. Arrays indexed by dense
     * ids, reset by the caller: the hot loop of a long series does no hashing.
     */
    private static long[] accumulate(ContributorRows.Rows rows, int from, int to, boolean includeBots, boolean[] bot, boolean[] employer,
            Split split, BitSet newcomers, long[] pCommits, long[] pLines, long[] oCommits, BitSet orgsActive, BitSet groups,
            long[][] gSums, long[] gNew) {
        boolean byPerson = split == Split.person;
        long totalCommits = 0;
        long botCommits = 0;
        long commits = 0;
        long added = 0;
        long removed = 0;
        for (int k = from; k < to; k++) {
            int who = rows.pid(k);
            totalCommits += rows.commits(k);
            if (bot[who]) {
                botCommits += rows.commits(k);
            }
            if (!includeBots && bot[who]) {
                continue;
            }
            commits += rows.commits(k);
            added += rows.added(k);
            removed += rows.removed(k);
            pCommits[who] += rows.commits(k);
            pLines[who] += rows.added(k) + rows.removed(k);
            int org = rows.oid(k);
            oCommits[org] += rows.commits(k);
            if (employer[org]) {
                orgsActive.set(org);
            }
            if (split != Split.none) {
                int g = byPerson ? who : org;
                groups.set(g);
                gSums[g][0] += rows.commits(k);
                gSums[g][1] += rows.added(k);
                gSums[g][2] += rows.removed(k);
                // rows are distinct (person, organization) pairs within a period; a person is one group
                long isNew = newcomers.get(who) ? 1 : 0;
                gSums[g][3] = byPerson ? 1 : gSums[g][3] + 1;
                gNew[g] = byPerson ? isNew : gNew[g] + isNew;
            }
        }
        return new long[] {totalCommits, botCommits, commits, added, removed};
    }

    /** A first-contribution array where nobody has one ({@link Long#MAX_VALUE}), for figures not asked for. */
    private static long[] never(int n) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, Long.MAX_VALUE);
        return out;
    }

    /**
     * One period's figures, from which each {@link Metric} computes its value: the counts of people (active,
     * core, core and regular, new, gone), the counted commits and lines, all and bot commits, per-person
     * commits and lines and per-organization commits (for the factors), the known organizations' commits, new
     * and gone organizations, and retention: how many of the period's newcomers are active {@code n} periods
     * later (null past the window).
     */
    record Figures(int contributors, int core, int coreAndRegular, int newcomers, int gone, long commits, long added,
            long removed, long totalCommits, long botCommits, long[] byCommits, long[] byLines, long[] orgsByCommits,
            long knownCommits, long newOrgs, int goneOrgs, java.util.function.IntFunction<Double> retention) {
        Double retained(int later) {
            return retention.apply(later);
        }
    }

    private static boolean employer(String org) {
        return !org.equals(Organizations.UNKNOWN) && !org.equals(Organizations.INDEPENDENT);
    }

    /**
     * When people work (CHAOSS: Activity Dates and Times): non-merge commits by weekday (1 = Monday) and hour
     * in the author's own UTC offset, and by that offset (the timezone spread, in minutes east of UTC).
     */
    public record Times(long[][] weekdayHour, Map<Integer, Long> byOffset) {
    }

    public Times times(Scope scope) {
        if (!(reads instanceof ContributorRows store)) {
            throw new TributaryException.InvalidInput("activity dates and times are read from the store only");
        }
        ContributorRows.Times t = store.times(scope);
        return new Times(t.weekdayHour(), t.byOffset());
    }

    /**
     * The window just before a series' first period (the period before it) or before a window (as long as it,
     * ending where it starts; all history before it when the window has no end); null when the scope starts
     * with its history, so nothing came before.
     */
    private static Long[] before(Scope scope, Interval interval, long firstStart) {
        if (scope.since() == null) {
            return null;
        }
        if (interval != null) {
            return new Long[] {Interval.shift(firstStart, interval, -1), firstStart};
        }
        if (scope.until() == null) {
            return new Long[] {null, scope.since()}; // an open-ended window: everything before it
        }
        return new Long[] {scope.since() - (scope.until() - scope.since()), scope.since()};
    }

    /** All metrics in definition order. */
    public static List<Metric> all() {
        return List.of(Metric.values());
    }
}
