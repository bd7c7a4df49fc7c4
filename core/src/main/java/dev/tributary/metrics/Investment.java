package dev.tributary.metrics;

import dev.tributary.store.read.OrganizationRows;
import dev.tributary.model.Scope;
import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One organization's investment in a scope: its people (commits made while affiliated with it), its
 * commits, lines and contributors per period beside the project's, and the modules (or, without modules,
 * the top-level folders) it works on with its share of each. Organizations are resolved at each commit's
 * date, as everywhere; "Unknown" and "Independent" can be asked for too. Bots are left out unless the scope
 * includes them. Stateless over a connection; not thread-safe (the connection is not).
 */
public final class Investment {
    private final Connection conn;

    public Investment(Connection conn) {
        this.conn = conn;
    }

    /** The view; {@code areas} are modules when {@code modulesUsed}, else top-level folders ({@code dir/}). */
    public record View(String organization, long commits, long linesAdded, long linesRemoved, long projectCommits,
            long contributors, List<Person> people, List<Period> periods, List<Area> areas, boolean modulesUsed) {
    }

    /** Someone's work for the organization: commits, lines, and the first and last such commit's date. */
    public record Person(String id, String name, long commits, long linesAdded, long linesRemoved, String first, String last) {
    }

    /** A period: the organization's figures, the project's commits, and the organization's share of them. */
    public record Period(String period, long commits, long linesAdded, long linesRemoved, long contributors,
            long projectCommits, double share) {
    }

    /** A module or folder: the organization's commits and lines in it, and its share of the area's commits. */
    public record Area(String name, long commits, long linesAdded, long linesRemoved, long areaCommits, double share) {
    }

    /**
     * @param top people and folders listed (0: all)
     * @throws TributaryException.InvalidInput if the organization has no counted commit in the scope
     */
    public View run(String organization, Scope scope, Interval interval, Map<String, List<String>> modules, int top) {
        String org = Organizations.normalize(organization);
        OrganizationRows reads = new OrganizationRows(conn);
        // per period, the organization's and the project's figures
        TreeMap<Long, long[]> byPeriod = new TreeMap<>();
        for (OrganizationRows.Period p : reads.periods(scope, interval == null ? null : interval.name(), org)) {
            byPeriod.put(p.start(), new long[] {p.commits(), p.linesAdded(), p.linesRemoved(), p.contributors(), p.scopeCommits()});
        }
        long[] total = new long[5];
        byPeriod.values().forEach(v -> {
            for (int k = 0; k < 5; k++) {
                total[k] += v[k];
            }
        });
        if (total[0] == 0) {
            throw new TributaryException.InvalidInput("organization '" + organization + "' has no commits in this scope"
                    + " ('tributary report' lists the organizations)");
        }
        List<Period> periods = new ArrayList<>();
        if (interval == null) {
            periods.add(period("all", total));
        } else {
            long first = scope.since() != null ? Interval.floor(scope.since(), interval) : byPeriod.firstKey();
            long last = scope.until() != null ? scope.until() - 1 : byPeriod.lastKey();
            for (long t = first; t <= last; t = Interval.next(t, interval)) {
                periods.add(period(Interval.label(t, interval), byPeriod.getOrDefault(t, new long[5])));
            }
        }
        OrganizationRows.People people = reads.people(scope, org, top);
        List<Area> areas = new ArrayList<>();
        if (modules.isEmpty()) {
            reads.folders(scope, org, top).forEach(a -> areas.add(area(a)));
        } else {
            for (var m : modules.entrySet()) {
                areas.add(area(reads.module(m.getKey(), scope.withPaths(m.getValue()), org)));
            }
            areas.sort((a, b) -> Long.compare(b.commits(), a.commits()));
        }
        return new View(org, total[0], total[1], total[2], total[4], people.count(),
                people.top().stream().map(x -> new Person(x.individual(), x.name(), x.commits(), x.linesAdded(), x.linesRemoved(),
                        date(x.first()), date(x.last()))).toList(),
                periods, areas, !modules.isEmpty());
    }

    private static Period period(String label, long[] v) {
        return new Period(label, v[0], v[1], v[2], v[3], v[4], v[4] == 0 ? 0 : (double) v[0] / v[4]);
    }

    private static Area area(OrganizationRows.Area a) {
        return new Area(a.name(), a.commits(), a.linesAdded(), a.linesRemoved(), a.areaCommits(),
                a.areaCommits() == 0 ? 0 : (double) a.commits() / a.areaCommits());
    }

    private static String date(long epoch) {
        return Instant.ofEpochSecond(epoch).toString().substring(0, 10);
    }
}
