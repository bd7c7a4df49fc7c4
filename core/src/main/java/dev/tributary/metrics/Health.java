package dev.tributary.metrics;

import dev.tributary.TributaryException;
import dev.tributary.identity.Organizations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Community-health metrics after CHAOSS, for a scope, as one value per period (the whole window, or each
 * week, month, quarter or year in UTC), optionally per organization. Definitions: {@link Metric} and
 * {@code docs/metrics.md}. Bots are left out of people metrics unless the scope includes them.
 */
public final class Health {
    private final Connection conn;

    public Health(Connection conn) {
        this.conn = conn;
    }

    /** Period lengths for time series; periods start on UTC boundaries (weeks on Monday). */
    public enum Interval { week, month, quarter, year }

    /** The metrics, with their one-line definitions. */
    public enum Metric {
        contributors("individuals with at least one commit in the period (CHAOSS: Contributors)"),
        core_contributors("fewest individuals making 80% of the period's commits (CHAOSS: Contributors, core)"),
        regular_contributors("the next individuals, up to 95% of the commits (CHAOSS: Contributors, regular)"),
        casual_contributors("everyone else with commits in the period (CHAOSS: Contributors, casual)"),
        new_contributors("individuals whose first commit in the scope's whole history is in the period (CHAOSS: New Contributors)"),
        inactive_contributors("individuals with commits in the previous period and none in this one (CHAOSS: Inactive Contributors)"),
        commits("non-merge commits (CHAOSS: Code Changes Commits)"),
        lines_added("lines added by those commits (CHAOSS: Code Changes Lines)"),
        lines_removed("lines removed by those commits (CHAOSS: Code Changes Lines)"),
        organizations("organizations with commits in the period; Unknown and Independent not counted (CHAOSS: Organizational Diversity)"),
        new_organizations("organizations whose first commit in the scope's whole history is in the period (CHAOSS: Organizational Diversity)"),
        inactive_organizations("organizations with commits in the previous period and none in this one (CHAOSS: Organizational Diversity)"),
        elephant_factor("fewest organizations making 50% of the commits of known organizations (CHAOSS: Elephant Factor)"),
        pony_factor("fewest individuals making 50% of the commits (CHAOSS: Contributor Absence Factor)"),
        pony_factor_lines("fewest individuals making 50% of the lines changed (CHAOSS: Contributor Absence Factor, by lines)"),
        bot_share("share of the period's commits made by bots (0..1)"),
        retained_after_1("of the period's new contributors, how many have commits 1 period later (CHAOSS: Conversion Rate / retention)"),
        retained_after_2("of the period's new contributors, how many have commits 2 periods later"),
        retained_after_4("of the period's new contributors, how many have commits 4 periods later");

        private final String definition;

        Metric(String definition) {
            this.definition = definition;
        }

        public String definition() {
            return definition;
        }

        /** Metrics that split by organization when asked: counts that add up across organizations. */
        boolean splits() {
            return this == contributors || this == commits || this == lines_added || this == lines_removed
                    || this == new_contributors;
        }

        /** The name users type: dashes, not underscores. */
        public String label() {
            return name().replace('_', '-');
        }

        public static Metric of(String label) {
            try {
                return valueOf(label.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new TributaryException.InvalidInput("unknown metric '" + label + "'; 'tributary metrics --list' lists them");
            }
        }
    }

    /**
     * One value: a metric in a period, for everyone ({@code group} "all") or one organization ("Other" for
     * those beyond the top N).
     */
    public record Point(String period, String metric, String group, double value) {
    }

    private record Row(long period, String individual, String name, String organization, boolean bot, long commits,
            long added, long removed) {
    }

    /** How {@link #run} splits the counts that add up ({@link Metric#splits()}): not at all, or into groups. */
    public enum Split { none, organization, person }

    /** {@link #run(Scope, List, Interval, Split, int)}, split by organization or not at all. */
    public List<Point> run(Scope scope, List<Metric> metrics, Interval interval, boolean byOrganization, int top) {
        return run(scope, metrics, interval, byOrganization ? Split.organization : Split.none, top);
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
        for (var m : modules.entrySet()) {
            for (Point p : run(scope.withPaths(m.getValue()), metrics, interval, Split.none, 0)) {
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
        boolean byOrganization = split != Split.none;
        try {
            boolean needOrganization = split == Split.organization || metrics.stream().anyMatch(m -> m == Metric.organizations
                    || m == Metric.elephant_factor || m == Metric.new_organizations || m == Metric.inactive_organizations);
            List<Row> rows = rows(scope, interval, needOrganization);
            boolean needFirst = metrics.stream().anyMatch(m -> m == Metric.new_contributors || m.name().startsWith("retained"));
            Map<String, Long> firstEver = needFirst ? firstCommits(scope, "individual") : Map.of();
            Map<String, Long> firstOrg = metrics.contains(Metric.new_organizations) ? firstCommits(scope, "organization") : Map.of();
            Set<String> bots = new HashSet<>();
            rows.stream().filter(Row::bot).forEach(r -> bots.add(r.individual));
            TreeMap<Long, List<Row>> byPeriod = new TreeMap<>();
            for (Row r : rows) {
                byPeriod.computeIfAbsent(r.period, k -> new ArrayList<>()).add(r);
            }
            // groups shown by name: the top N by commits over the whole scope
            java.util.function.Function<Row, String> groupOf = split == Split.person ? r -> r.individual : Health::org;
            Map<String, Long> orgCommits = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            for (Row r : rows) {
                if (!bots.contains(r.individual) || scope.includeBots()) {
                    orgCommits.merge(groupOf.apply(r), r.commits, Long::sum);
                    names.merge(r.individual, r.name, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                }
            }
            Set<String> shown = new HashSet<>();
            orgCommits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey())).limit(top).forEach(e -> shown.add(e.getKey()));
            // a person's group is their name, with their id when two shown people share it
            Map<String, Long> nameUse = new HashMap<>();
            if (split == Split.person) {
                shown.forEach(who -> nameUse.merge(names.getOrDefault(who, who), 1L, Long::sum));
            }

            // every period of the window, empty ones included (a series is plotted as it is)
            List<Long> starts = new ArrayList<>();
            if (interval == null) {
                starts.add(0L);
            } else if (!byPeriod.isEmpty() || scope.since() != null && scope.until() != null) {
                long first = scope.since() != null ? floor(scope.since(), interval) : byPeriod.firstKey();
                long last = scope.until() != null ? scope.until() - 1 : byPeriod.lastKey();
                for (long t = first; t <= last; t = next(t, interval)) {
                    starts.add(t);
                }
            }
            // who is active, and who is new, in each period: retention looks ahead
            List<Set<String>> activeIn = new ArrayList<>();
            List<Set<String>> newIn = new ArrayList<>();
            for (long start : starts) {
                long begin = interval == null ? (scope.since() == null ? Long.MIN_VALUE : scope.since()) : start;
                long end = interval == null ? (scope.until() == null ? Long.MAX_VALUE : scope.until()) : next(start, interval);
                Set<String> active = new HashSet<>();
                for (Row r : byPeriod.getOrDefault(start, List.of())) {
                    if (scope.includeBots() || !bots.contains(r.individual)) {
                        active.add(r.individual);
                    }
                }
                Set<String> fresh = new HashSet<>();
                for (String who : active) {
                    Long first = firstEver.get(who);
                    if (first != null && first >= begin && first < end) {
                        fresh.add(who);
                    }
                }
                activeIn.add(active);
                newIn.add(fresh);
            }
            List<Point> out = new ArrayList<>();
            // who was active just before the first period, so that the first period's inactive counts are true
            Set<String> previous = Set.of();
            Set<String> previousOrgs = Set.of();
            Long[] before = starts.isEmpty() ? null : before(scope, interval, starts.get(0));
            if (before != null && metrics.stream().anyMatch(m -> m == Metric.inactive_contributors || m == Metric.inactive_organizations)) {
                Set<String>[] prior = active(scope.withWindow(before[0], before[1]), metrics.contains(Metric.inactive_organizations));
                previous = prior[0];
                previousOrgs = prior[1];
            }
            int index = -1;
            for (long start : starts) {
                index++;
                String label = label(start, interval);
                List<Row> all = byPeriod.getOrDefault(start, List.of());
                long totalCommits = all.stream().mapToLong(Row::commits).sum();
                long botCommits = all.stream().filter(r -> bots.contains(r.individual)).mapToLong(Row::commits).sum();
                List<Row> people = all.stream().filter(r -> scope.includeBots() || !bots.contains(r.individual)).toList();
                Map<String, long[]> perPerson = new HashMap<>();
                Map<String, long[]> perOrg = new HashMap<>();
                Map<String, long[]> perGroup = new HashMap<>();
                Map<String, Set<String>> groupPeople = new HashMap<>();
                for (Row r : people) {
                    long[] v = perPerson.computeIfAbsent(r.individual, k -> new long[3]);
                    v[0] += r.commits;
                    v[1] += r.added;
                    v[2] += r.removed;
                    long[] o = perOrg.computeIfAbsent(org(r), k -> new long[3]);
                    o[0] += r.commits;
                    o[1] += r.added;
                    o[2] += r.removed;
                    long[] g = perGroup.computeIfAbsent(groupOf.apply(r), k -> new long[3]);
                    g[0] += r.commits;
                    g[1] += r.added;
                    g[2] += r.removed;
                    groupPeople.computeIfAbsent(groupOf.apply(r), k -> new HashSet<>()).add(r.individual);
                }
                long commits = perPerson.values().stream().mapToLong(v -> v[0]).sum();
                long[] byCommits = perPerson.values().stream().mapToLong(v -> v[0]).toArray();
                long[] byLines = perPerson.values().stream().mapToLong(v -> v[1] + v[2]).toArray();
                int core = Shares.fewestReaching(byCommits, commits, 0.80);
                int coreAndRegular = Shares.fewestReaching(byCommits, commits, 0.95);
                Set<String> newcomers = newIn.get(index);
                Set<String> active = perPerson.keySet();
                long inactive = previous.stream().filter(x -> !active.contains(x)).count();
                previous = new HashSet<>(active);
                Set<String> employers = new HashSet<>();
                perOrg.keySet().stream().filter(Health::employer).forEach(employers::add);
                long inactiveOrgs = previousOrgs.stream().filter(x -> !employers.contains(x)).count();
                previousOrgs = employers;
                long begin = interval == null ? (scope.since() == null ? Long.MIN_VALUE : scope.since()) : start;
                long end = interval == null ? (scope.until() == null ? Long.MAX_VALUE : scope.until()) : next(start, interval);
                long newOrgs = employers.stream().map(firstOrg::get).filter(t -> t != null && t >= begin && t < end).count();
                long[] orgsByCommits = perOrg.entrySet().stream().filter(e -> employer(e.getKey()))
                        .mapToLong(e -> e.getValue()[0]).toArray();
                long knownCommits = java.util.Arrays.stream(orgsByCommits).sum();
                for (Metric m : metrics) {
                    double value;
                    switch (m) {
                        case contributors: value = perPerson.size(); break;
                        case core_contributors: value = core; break;
                        case regular_contributors: value = coreAndRegular - core; break;
                        case casual_contributors: value = perPerson.size() - coreAndRegular; break;
                        case new_contributors: value = newcomers.size(); break;
                        case inactive_contributors: value = inactive; break;
                        case commits: value = commits; break;
                        case lines_added: value = perPerson.values().stream().mapToLong(v -> v[1]).sum(); break;
                        case lines_removed: value = perPerson.values().stream().mapToLong(v -> v[2]).sum(); break;
                        case organizations: value = orgsByCommits.length; break;
                        case new_organizations: value = newOrgs; break;
                        case inactive_organizations: value = inactiveOrgs; break;
                        case elephant_factor: value = Shares.fewestReaching(orgsByCommits, knownCommits, 0.5); break;
                        case pony_factor: value = Shares.fewestReaching(byCommits, commits, 0.5); break;
                        case pony_factor_lines: value = Shares.fewestReaching(byLines, java.util.Arrays.stream(byLines).sum(), 0.5); break;
                        case bot_share: value = totalCommits == 0 ? 0 : (double) botCommits / totalCommits; break;
                        case retained_after_1:
                        case retained_after_2:
                        case retained_after_4:
                            int later = index + Integer.parseInt(m.name().substring(m.name().length() - 1));
                            if (interval == null || later >= starts.size()) {
                                continue; // no such period in the window: no value rather than a false 0
                            }
                            value = newcomers.stream().filter(activeIn.get(later)::contains).count();
                            break;
                        default: throw new IllegalStateException(m.name());
                    }
                    out.add(new Point(label, m.label(), "all", value));
                    if (byOrganization && m.splits()) {
                        Map<String, Double> groups = new LinkedHashMap<>();
                        for (var e : perGroup.entrySet()) {
                            String g = !shown.contains(e.getKey()) ? "Other"
                                    : split == Split.person ? personLabel(e.getKey(), names, nameUse) : e.getKey();
                            double v;
                            switch (m) {
                                case contributors: v = groupPeople.get(e.getKey()).size(); break;
                                case commits: v = e.getValue()[0]; break;
                                case lines_added: v = e.getValue()[1]; break;
                                case lines_removed: v = e.getValue()[2]; break;
                                default: v = groupPeople.get(e.getKey()).stream().filter(newcomers::contains).count();
                            }
                            groups.merge(g, v, Double::sum);
                        }
                        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .forEach(e -> out.add(new Point(label, m.label(), e.getKey(), e.getValue())));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("metrics query failed: " + e.getMessage(), e);
        }
    }

    private static String personLabel(String individual, Map<String, String> names, Map<String, Long> nameUse) {
        String name = names.getOrDefault(individual, individual);
        return nameUse.getOrDefault(name, 0L) > 1 ? name + " <" + individual + ">" : name;
    }

    private static String org(Row r) {
        return r.organization == null ? Organizations.UNKNOWN : r.organization;
    }

    private static boolean employer(String org) {
        return !org.equals(Organizations.UNKNOWN) && !org.equals(Organizations.INDEPENDENT);
    }

    /** Per period, individual and organization (null when not needed: the resolution is then skipped). */
    private List<Row> rows(Scope scope, Interval interval, boolean organization) throws SQLException {
        String sql = Activity.with(scope)
                + "SELECT CASE WHEN ? IS NULL THEN 0 ELSE epoch(date_trunc(?, to_timestamp(author_epoch)))::BIGINT END,"
                + " individual, min(display_name), " + (organization ? "organization" : "NULL") + ", bool_or(is_bot), count(*),"
                + " coalesce(sum(lines_added), 0), coalesce(sum(lines_removed), 0) FROM " + (organization ? "r" : "a") + " WHERE " + Activity.counted(scope) + " GROUP BY ALL";
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = Activity.bind(ps, scope);
            String unit = interval == null ? null : interval.name();
            ps.setString(i++, unit);
            ps.setString(i, unit == null ? "year" : unit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        return out;
    }

    /**
     * When people work (CHAOSS: Activity Dates and Times): non-merge commits by weekday (1 = Monday) and hour
     * in the author's own UTC offset, and by that offset (the timezone spread, in minutes east of UTC).
     */
    public record Times(long[][] weekdayHour, Map<Integer, Long> byOffset) {
    }

    public Times times(Scope scope) {
        long[][] grid = new long[8][24];
        Map<Integer, Long> offsets = new TreeMap<>();
        String sql = Activity.with(scope)
                // local time = UTC + offset; 1970-01-01 was a Thursday (ISO weekday 4)
                + "SELECT (CAST(floor((author_epoch + 60 * CAST(author_offset AS BIGINT)) / 86400.0) AS BIGINT) % 7 + 7 + 3) % 7 + 1,"
                + " CAST(floor((((author_epoch + 60 * CAST(author_offset AS BIGINT)) % 86400 + 86400) % 86400) / 3600) AS INTEGER),"
                + " author_offset, count(*)"
                + " FROM a WHERE " + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot") + " GROUP BY ALL";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grid[rs.getInt(1)][rs.getInt(2)] += rs.getLong(4);
                    offsets.merge(rs.getInt(3), rs.getLong(4), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("metrics query failed: " + e.getMessage(), e);
        }
        return new Times(grid, offsets);
    }

    /**
     * Each individual's (or organization's) first counted commit over the scope's whole history (the window
     * ignored); bots left out unless the scope includes them, Unknown never an organization.
     */
    private Map<String, Long> firstCommits(Scope scope, String who) throws SQLException {
        Scope history = scope.withWindow(null, null);
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(Activity.with(history)
                + "SELECT " + who + ", min(author_epoch) FROM " + (who.equals("organization") ? "r" : "a")
                + " WHERE " + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot")
                + " AND " + who + " IS NOT NULL GROUP BY ALL")) {
            Activity.bind(ps, history);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * The window just before a series' first period (the period before it) or before a window (as long as it,
     * ending where it starts; all history before it when the window has no end); null when the scope starts
     * with its history, so nothing came before.
     */
    private Long[] before(Scope scope, Interval interval, long firstStart) throws SQLException {
        if (scope.since() == null) {
            return null;
        }
        if (interval != null) {
            LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(firstStart), ZoneOffset.UTC);
            LocalDate p;
            switch (interval) {
                case week: p = d.minusWeeks(1); break;
                case month: p = d.minusMonths(1); break;
                case quarter: p = d.minusMonths(3); break;
                default: p = d.minusYears(1);
            }
            return new Long[] {p.atStartOfDay(ZoneOffset.UTC).toEpochSecond(), firstStart};
        }
        if (scope.until() == null) {
            return new Long[] {null, scope.since()}; // an open-ended window: everything before it
        }
        return new Long[] {scope.since() - (scope.until() - scope.since()), scope.since()};
    }

    /** The individuals, and the employers, with counted commits in a scope's window. */
    @SuppressWarnings("unchecked")
    private Set<String>[] active(Scope scope, boolean organizations) throws SQLException {
        Set<String> people = new HashSet<>();
        Set<String> orgs = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement(Activity.with(scope)
                + "SELECT DISTINCT individual, " + (organizations ? "organization" : "NULL") + " FROM " + (organizations ? "r" : "a")
                + " WHERE " + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot"))) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.add(rs.getString(1));
                    String org = rs.getString(2);
                    if (org != null && employer(org)) {
                        orgs.add(org);
                    }
                }
            }
        }
        return new Set[] {people, orgs};
    }

    static String label(long start, Interval interval) {
        if (interval == null) {
            return "all";
        }
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        switch (interval) {
            case week: return d.toString();
            case month: return d.toString().substring(0, 7);
            case quarter: return d.getYear() + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
            default: return Integer.toString(d.getYear());
        }
    }

    /** The start of the period holding {@code epoch}. */
    static long floor(long epoch, Interval interval) {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC);
        switch (interval) {
            case week: d = d.minusDays(d.getDayOfWeek().getValue() - 1L); break;
            case month: d = d.withDayOfMonth(1); break;
            case quarter: d = d.withDayOfMonth(1).withMonth((d.getMonthValue() - 1) / 3 * 3 + 1); break;
            default: d = d.withDayOfYear(1);
        }
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    static long next(long start, Interval interval) {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        LocalDate n;
        switch (interval) {
            case week: n = d.plusWeeks(1); break;
            case month: n = d.plusMonths(1); break;
            case quarter: n = d.plusMonths(3); break;
            default: n = d.plusYears(1);
        }
        return n.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** All metrics in definition order. */
    public static List<Metric> all() {
        return List.of(Metric.values());
    }
}
