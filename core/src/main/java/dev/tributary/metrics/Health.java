package dev.tributary.metrics;

import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
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

    /** The metrics, with their one-line definitions. */
    public enum Metric implements MetricDefinition {
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

        @Override
        public String definition() {
            return definition;
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
            return MetricDefinition.of(Metric.class, label, "metric", "'tributary metrics --list' lists them");
        }
    }

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
        // modules get the periods of the whole scope, so that a module quiet at either end has rows there too
        Scope aligned = scope;
        if (interval != null && (scope.since() == null || scope.until() == null)) {
            Long[] span = span(scope);
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
        try {
            boolean needOrganization = split == Split.organization || metrics.stream().anyMatch(m -> m == Metric.organizations
                    || m == Metric.elephant_factor || m == Metric.new_organizations || m == Metric.inactive_organizations);
            Rows rows = rows(scope, interval, needOrganization, split == Split.person);
            // every period of the window, empty ones included (a series is plotted as it is)
            List<Long> starts = new ArrayList<>();
            if (interval == null) {
                starts.add(0L);
            } else if (rows.size > 0 || scope.since() != null && scope.until() != null) {
                long first = scope.since() != null ? Interval.floor(scope.since(), interval) : rows.period[0];
                long last = scope.until() != null ? scope.until() - 1 : rows.period[rows.size - 1];
                for (long t = first; t <= last; t = Interval.next(t, interval)) {
                    starts.add(t);
                }
            }
            // who was active just before the first period, so that the first period's inactive counts are true
            BitSet previous = new BitSet();
            BitSet previousOrgs = new BitSet();
            Long[] before = starts.isEmpty() ? null : before(scope, interval, starts.get(0));
            if (before != null && metrics.stream().anyMatch(m -> m == Metric.inactive_contributors || m == Metric.inactive_organizations)) {
                active(scope.withWindow(before[0], before[1]), metrics.contains(Metric.inactive_organizations), rows, previous, previousOrgs);
            }
            boolean needFirst = metrics.stream().anyMatch(m -> m == Metric.new_contributors || m.name().startsWith("retained"));
            boolean needFirstOrg = metrics.contains(Metric.new_organizations);
            long[] firstEver;
            long[] firstOrg;
            if (scope.since() == null) {
                // the window starts with the history: first commits are in the rows, no second pass over it
                firstEver = new long[rows.people];
                firstOrg = new long[rows.orgs.size()];
                java.util.Arrays.fill(firstEver, Long.MAX_VALUE);
                java.util.Arrays.fill(firstOrg, Long.MAX_VALUE);
                for (int k = 0; k < rows.size; k++) {
                    if (scope.includeBots() || !rows.bot[k]) {
                        firstEver[rows.pid[k]] = Math.min(firstEver[rows.pid[k]], rows.first[k]);
                        firstOrg[rows.oid[k]] = Math.min(firstOrg[rows.oid[k]], rows.first[k]);
                    }
                }
                firstOrg[0] = Long.MAX_VALUE; // Unknown is never a new organization
            } else {
                firstEver = firstPeople(scope, needFirst, rows.people);
                firstOrg = firstCommits(scope, "organization", needFirstOrg, rows.orgs);
            }
            int nPeople = rows.people;
            int nOrgs = rows.orgs.size();
            boolean[] bot = new boolean[nPeople];
            for (int k = 0; k < rows.size; k++) {
                bot[rows.pid[k]] |= rows.bot[k];
            }
            boolean[] employer = new boolean[nOrgs];
            for (int o = 0; o < nOrgs; o++) {
                employer[o] = employer(rows.orgs.name(o));
            }
            // groups shown by name: the top N by commits over the whole scope
            boolean byPerson = split == Split.person;
            long[] groupTotal = new long[byPerson ? nPeople : nOrgs];
            for (int k = 0; k < rows.size; k++) {
                if (scope.includeBots() || !bot[rows.pid[k]]) {
                    groupTotal[byPerson ? rows.pid[k] : rows.oid[k]] += rows.commits[k];
                }
            }
            String[] groupName = new String[groupTotal.length];
            for (int g = 0; g < groupTotal.length; g++) {
                groupName[g] = byPerson ? rows.names.getOrDefault(g, rows.ids.getOrDefault(g, "#" + g)) : rows.orgs.name(g);
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
                            groupName[g] = groupName[g] + " <" + rows.ids.get(g) + ">";
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
                while (k0 < rows.size && rows.period[k0] < end) {
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
                    int who = rows.pid[k];
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
                for (Metric m : metrics) {
                    double value;
                    switch (m) {
                        case contributors: value = contributors; break;
                        case core_contributors: value = core; break;
                        case regular_contributors: value = coreAndRegular - core; break;
                        case casual_contributors: value = contributors - coreAndRegular; break;
                        case new_contributors: value = newcomers.cardinality(); break;
                        case inactive_contributors: value = gone.cardinality(); break;
                        case commits: value = commits; break;
                        case lines_added: value = added; break;
                        case lines_removed: value = removed; break;
                        case organizations: value = orgsByCommits.length; break;
                        case new_organizations: value = newOrgs; break;
                        case inactive_organizations: value = goneOrgs.cardinality(); break;
                        case elephant_factor: value = Shares.fewestReaching(orgsByCommits, knownCommits, 0.5); break;
                        case pony_factor: value = Shares.fewestReaching(byCommits, commits, 0.5); break;
                        case pony_factor_lines: value = Shares.fewestReaching(byLines, java.util.Arrays.stream(byLines).sum(), 0.5); break;
                        case bot_share: value = totalCommits == 0 ? 0 : (double) botCommits / totalCommits; break;
                        case retained_after_1:
                        case retained_after_2:
                        case retained_after_4:
                            int later = p + Integer.parseInt(m.name().substring(m.name().length() - 1));
                            if (interval == null || later >= starts.size()) {
                                continue; // no such period in the window: no value rather than a false 0
                            }
                            BitSet kept = (BitSet) newcomers.clone();
                            kept.and(activeIn.get(later));
                            value = kept.cardinality();
                            break;
                        default: throw new IllegalStateException(m.name());
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
                    oCommits[rows.oid[k]] = 0;
                }
                groups.stream().forEach(g -> {
                    java.util.Arrays.fill(gSums[g], 0);
                    gNew[g] = 0;
                });
                previous = active;
                previousOrgs = orgsActive;
            }
            return out;
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("metrics query failed: " + e.getMessage(), e);
        }
    }

    /**
     * Adds one period's rows [from, to) into the per-person, per-organization and per-group arrays; returns
     * {all commits, bot commits, counted commits, lines added, lines removed}. Arrays indexed by dense
     * ids, reset by the caller: the hot loop of a long series does no hashing.
     */
    private static long[] accumulate(Rows rows, int from, int to, boolean includeBots, boolean[] bot, boolean[] employer,
            Split split, BitSet newcomers, long[] pCommits, long[] pLines, long[] oCommits, BitSet orgsActive, BitSet groups,
            long[][] gSums, long[] gNew) {
        boolean byPerson = split == Split.person;
        long totalCommits = 0;
        long botCommits = 0;
        long commits = 0;
        long added = 0;
        long removed = 0;
        for (int k = from; k < to; k++) {
            int who = rows.pid[k];
            totalCommits += rows.commits[k];
            if (bot[who]) {
                botCommits += rows.commits[k];
            }
            if (!includeBots && bot[who]) {
                continue;
            }
            commits += rows.commits[k];
            added += rows.added[k];
            removed += rows.removed[k];
            pCommits[who] += rows.commits[k];
            pLines[who] += rows.added[k] + rows.removed[k];
            int org = rows.oid[k];
            oCommits[org] += rows.commits[k];
            if (employer[org]) {
                orgsActive.set(org);
            }
            if (split != Split.none) {
                int g = byPerson ? who : org;
                groups.set(g);
                gSums[g][0] += rows.commits[k];
                gSums[g][1] += rows.added[k];
                gSums[g][2] += rows.removed[k];
                // rows are distinct (person, organization) pairs within a period; a person is one group
                long isNew = newcomers.get(who) ? 1 : 0;
                gSums[g][3] = byPerson ? 1 : gSums[g][3] + 1;
                gNew[g] = byPerson ? isNew : gNew[g] + isNew;
            }
        }
        return new long[] {totalCommits, botCommits, commits, added, removed};
    }

    private static boolean employer(String org) {
        return !org.equals(Organizations.UNKNOWN) && !org.equals(Organizations.INDEPENDENT);
    }

    /** Dense integer ids for strings (individuals, organizations), so the per-period work is on arrays. */
    private static final class Ids {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int id(String name) {
            Integer id = ids.get(name);
            if (id == null) {
                id = names.size();
                ids.put(name, id);
                names.add(name);
            }
            return id;
        }

        Integer find(String name) {
            return ids.get(name);
        }

        String name(int id) {
            return names.get(id);
        }

        int size() {
            return names.size();
        }
    }

    /** Per period, individual and organization, in period order, as parallel arrays. */
    private static final class Rows {
        /** pids run from 0 to people - 1 (only some of them in the rows); names and ids only when asked. */
        int people;
        final Map<Integer, String> ids = new HashMap<>();
        final Ids orgs = new Ids();
        final Map<Integer, String> names = new HashMap<>();
        int size;
        long[] period = new long[1024];
        int[] pid = new int[1024];
        int[] oid = new int[1024];
        boolean[] bot = new boolean[1024];
        long[] commits = new long[1024];
        long[] added = new long[1024];
        long[] removed = new long[1024];

        long[] first = new long[1024];

        void add(long p, int who, int org, boolean b, long c, long a, long r, long f) {
            if (size == period.length) {
                int n = size * 2;
                period = java.util.Arrays.copyOf(period, n);
                pid = java.util.Arrays.copyOf(pid, n);
                oid = java.util.Arrays.copyOf(oid, n);
                bot = java.util.Arrays.copyOf(bot, n);
                commits = java.util.Arrays.copyOf(commits, n);
                added = java.util.Arrays.copyOf(added, n);
                removed = java.util.Arrays.copyOf(removed, n);
                first = java.util.Arrays.copyOf(first, n);
            }
            first[size] = f;
            period[size] = p;
            pid[size] = who;
            oid[size] = org;
            bot[size] = b;
            commits[size] = c;
            added[size] = a;
            removed[size] = r;
            size++;
        }
    }

    /** Per period, individual (pid) and organization (Unknown when not needed: the resolution is then skipped). */
    private Rows rows(Scope scope, Interval interval, boolean organization, boolean names) throws SQLException {
        String sql = Activity.with(scope)
                + "SELECT CASE WHEN ? IS NULL THEN 0 ELSE epoch(date_trunc(?, make_timestamp(author_epoch * 1000000)))::BIGINT END AS p,"
                + " pid, " + (names ? "min(display_name)" : "NULL") + ", " + (organization ? "CASE WHEN organization IS NULL THEN NULL ELSE (hash(organization) >> 1)::BIGINT END" : "NULL")
                + ", bool_or(is_bot), count(*), coalesce(sum(lines_added), 0)::BIGINT, coalesce(sum(lines_removed), 0)::BIGINT,"
                + " min(author_epoch) FROM "
                + (organization ? "r" : "a") + " WHERE " + Activity.counted(scope) + " GROUP BY ALL ORDER BY p";
        Rows out = new Rows();
        out.orgs.id(Organizations.UNKNOWN);
        out.people = people();
        // organizations travel as hashes of their names (a 63-bit hash of every name an affiliation can give,
        // checked for collisions; DuckDB hashes NULL too, so Unknown stays NULL), so a long series moves no strings
        Map<Long, Integer> orgByHash = new HashMap<>();
        if (organization) {
            try (java.sql.Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT organization, (hash(organization) >> 1)::BIGINT FROM (SELECT organization FROM enrollments"
                            + " UNION SELECT organization FROM email_affiliations) WHERE organization <> '" + Organizations.UNKNOWN + "'")) {
                while (rs.next()) {
                    if (orgByHash.put(rs.getLong(2), out.orgs.id(rs.getString(1))) != null) {
                        throw new SQLException("two organization names share a hash: " + rs.getString(1));
                    }
                }
            }
        }
        if (names) {
            try (java.sql.Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pid, min(individual) FROM contribution_people GROUP BY pid")) {
                while (rs.next()) {
                    out.ids.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = Activity.bind(ps, scope);
            String unit = interval == null ? null : interval.name();
            ps.setString(i++, unit);
            ps.setString(i, unit == null ? "year" : unit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int who = rs.getInt(2);
                    if (names) {
                        String name = rs.getString(3);
                        out.names.merge(who, name, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                    }
                    int org = 0; // Unknown, and all when organizations are not asked for
                    if (organization) {
                        long h = rs.getLong(4);
                        org = rs.wasNull() ? 0 : orgByHash.get(h);
                    }
                    out.add(rs.getLong(1), who, org, rs.getBoolean(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9));
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
     * ignored), by id; bots left out unless the scope includes them, Unknown never an organization. Those
     * with no such commit, and all when not {@code needed}, get {@link Long#MAX_VALUE}.
     */
    private long[] firstCommits(Scope scope, String who, boolean needed, Ids ids) throws SQLException {
        long[] out = new long[ids.size()];
        java.util.Arrays.fill(out, Long.MAX_VALUE);
        if (!needed) {
            return out;
        }
        Scope history = scope.withWindow(null, null);
        try (PreparedStatement ps = conn.prepareStatement(Activity.with(history)
                + "SELECT " + who + ", min(author_epoch) FROM " + (who.equals("organization") ? "r" : "a")
                + " WHERE " + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot")
                + " AND " + who + " IS NOT NULL GROUP BY ALL")) {
            Activity.bind(ps, history);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer id = ids.find(rs.getString(1));
                    if (id != null) {
                        out[id] = rs.getLong(2);
                    }
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

    /** The first and last counted commit's date in the scope, or null when it has none. */
    private Long[] span(Scope scope) {
        try (PreparedStatement ps = conn.prepareStatement(Activity.with(scope) + "SELECT min(author_epoch), max(author_epoch) FROM a WHERE "
                + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot"))) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? null : new Long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("metrics query failed: " + e.getMessage(), e);
        }
    }

    /** How many pids there are (the store numbers every individual, in scope or not). */
    private int people() throws SQLException {
        try (java.sql.Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(pid), -1) + 1 FROM contribution_people")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Each individual's first counted commit over the scope's whole history, by pid ({@link Long#MAX_VALUE}: none). */
    private long[] firstPeople(Scope scope, boolean needed, int people) throws SQLException {
        long[] out = new long[people];
        java.util.Arrays.fill(out, Long.MAX_VALUE);
        if (!needed) {
            return out;
        }
        Scope history = scope.withWindow(null, null);
        try (PreparedStatement ps = conn.prepareStatement(Activity.with(history) + "SELECT pid, min(author_epoch) FROM a WHERE "
                + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot") + " GROUP BY ALL")) {
            Activity.bind(ps, history);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out[rs.getInt(1)] = rs.getLong(2);
                }
            }
        }
        return out;
    }

    /** Sets the ids of the individuals, and of the employers, with counted commits in a scope's window. */
    private void active(Scope scope, boolean organizations, Rows rows, BitSet people, BitSet orgs) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(Activity.with(scope)
                + "SELECT DISTINCT pid, " + (organizations ? "organization" : "NULL") + " FROM " + (organizations ? "r" : "a")
                + " WHERE " + Activity.counted(scope) + (scope.includeBots() ? "" : " AND NOT is_bot"))) {
            Activity.bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.set(rs.getInt(1));
                    String org = rs.getString(2);
                    if (org != null && employer(org)) {
                        orgs.set(rows.orgs.id(org));
                    }
                }
            }
        }
    }

    /** All metrics in definition order. */
    public static List<Metric> all() {
        return List.of(Metric.values());
    }
}
