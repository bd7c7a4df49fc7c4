package dev.tributary.metrics;

import dev.tributary.store.read.Inventory;
import dev.tributary.store.read.PersonRows;
import dev.tributary.model.Scope;
import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link Summary} by SQL over the store, resolving each commit's organization and bot flag at
 * query time from the identity tables. Every value is bound as a parameter.
 */
public final class SummaryQuery {
    /** Shown for people with no known organization. */
    public static final String UNKNOWN = Organizations.UNKNOWN;

    private final Connection conn;

    public SummaryQuery(Connection conn) {
        this.conn = conn;
    }

    public Summary run(Scope scope, int top) {
        // one pass: per individual x organization; bots are settled below
        Map<List<String>, Row> byPersonOrg = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        java.util.Set<String> botPeople = new java.util.HashSet<>();
        long merges = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (PersonRows.Group g : new PersonRows(conn).all(scope)) {
            String person = g.individual();
            if (g.bot()) {
                botPeople.add(person);
            }
            merges += g.merges();
            first = Math.min(first, g.first());
            last = Math.max(last, g.last());
            names.put(person, g.name()); // the person's one display name (store: contribution_people)
            if (g.commits() > 0) {
                byPersonOrg.merge(java.util.Arrays.asList(person, g.organization()),
                        new Row(person, g.organization(), false, g.commits(), g.linesAdded(), g.linesRemoved()),
                        (x, y) -> new Row(x.person, x.org, false, x.commits + y.commits, x.added + y.added,
                                x.removed + y.removed));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Row r : byPersonOrg.values()) {
            rows.add(new Row(r.person, r.org, botPeople.contains(r.person), r.commits, r.added, r.removed));
        }
        return assemble(scope, top, rows, names, merges, first, last);
    }

    private record Row(String person, String org, boolean bot, long commits, long added, long removed) {
    }

    private Summary assemble(Scope scope, int top, List<Row> rows, Map<String, String> names, long merges,
            long first, long last) {
        Map<String, long[]> people = new HashMap<>();      // commits, added, removed
        Map<String, Map<String, Long>> personOrgs = new HashMap<>();
        Map<String, long[]> orgs = new HashMap<>();        // commits, added, removed
        Map<String, java.util.Set<String>> orgPeople = new HashMap<>();
        long commits = 0, added = 0, removed = 0, botCommits = 0, unknownCommits = 0;
        Map<String, long[]> bots = new HashMap<>();         // commits, added, removed
        for (Row r : rows) {
            commits += r.commits;
            added += r.added;
            removed += r.removed;
            if (r.bot) {
                botCommits += r.commits;
                long[] b = bots.computeIfAbsent(r.person, k -> new long[3]);
                b[0] += r.commits;
                b[1] += r.added;
                b[2] += r.removed;
                if (!scope.includeBots()) {
                    continue;
                }
            }
            long[] p = people.computeIfAbsent(r.person, k -> new long[3]);
            p[0] += r.commits;
            p[1] += r.added;
            p[2] += r.removed;
            String org = r.org == null ? UNKNOWN : r.org;
            personOrgs.computeIfAbsent(r.person, k -> new HashMap<>()).merge(org, r.commits, Long::sum);
            if (r.org == null) {
                unknownCommits += r.commits;
                continue;
            }
            long[] o = orgs.computeIfAbsent(r.org, k -> new long[3]);
            o[0] += r.commits;
            o[1] += r.added;
            o[2] += r.removed;
            orgPeople.computeIfAbsent(r.org, k -> new java.util.HashSet<>()).add(r.person);
        }
        long peopleCommits = 0;
        for (long[] p : people.values()) {
            peopleCommits += p[0];
        }
        // Independent (curated: no employer) is listed but is not an organization for the count or the elephant factor
        long[] independent = orgs.getOrDefault(Organizations.INDEPENDENT, new long[3]);
        long employerCommits = peopleCommits - unknownCommits - independent[0];
        long employers = orgs.size() - (orgs.containsKey(Organizations.INDEPENDENT) ? 1 : 0);

        List<Summary.Contributor> contributors = new ArrayList<>();
        for (var e : people.entrySet()) {
            String org = MainOrganization.of(personOrgs.get(e.getKey()));
            long[] v = e.getValue();
            contributors.add(new Summary.Contributor(names.getOrDefault(e.getKey(), e.getKey()), e.getKey(), org,
                    v[0], v[1], v[2]));
        }
        contributors.sort(Comparator.comparingLong(Summary.Contributor::commits).reversed()
                .thenComparing(Comparator.comparingLong((Summary.Contributor c) -> c.linesAdded() + c.linesRemoved()).reversed())
                .thenComparing(Summary.Contributor::email));
        List<Summary.Contributor> byLines = new ArrayList<>(contributors);
        byLines.sort(Comparator.comparingLong((Summary.Contributor c) -> c.linesAdded() + c.linesRemoved()).reversed()
                .thenComparing(Comparator.comparingLong(Summary.Contributor::commits).reversed())
                .thenComparing(Summary.Contributor::email));
        List<Summary.Bot> botAccounts = new ArrayList<>();
        for (var e : bots.entrySet()) {
            long[] v = e.getValue();
            botAccounts.add(new Summary.Bot(names.getOrDefault(e.getKey(), e.getKey()), e.getKey(), v[0], v[1], v[2]));
        }
        botAccounts.sort(Comparator.comparingLong(Summary.Bot::commits).reversed().thenComparing(Summary.Bot::email));
        List<Summary.Organization> organizations = new ArrayList<>();
        for (var e : orgs.entrySet()) {
            long[] v = e.getValue();
            organizations.add(new Summary.Organization(e.getKey(), v[0], orgPeople.get(e.getKey()).size(), v[1], v[2]));
        }
        organizations.sort(Comparator.comparingLong(Summary.Organization::commits).reversed()
                .thenComparing(Summary.Organization::name));

        Inventory inventory = new Inventory(conn);
        List<String> repos = inventory.sortedRepositoryNames(scope.repositories());
        Inventory.Warnings scoped = inventory.warnings(scope.parts(), 50);
        long warningCount = scoped.count();
        List<String> warnings = scoped.first();
        return new Summary(repos, commits, merges, people.size(), employers, added, removed,
                Shares.fewestReaching(organizations.stream().filter(o -> !o.name().equals(Organizations.INDEPENDENT))
                        .mapToLong(Summary.Organization::commits).toArray(), employerCommits, 0.5),
                Shares.fewestReaching(contributors.stream().mapToLong(Summary.Contributor::commits).toArray(), peopleCommits, 0.5),
                peopleCommits == 0 ? 0 : (double) unknownCommits / peopleCommits,
                botCommits, commits == 0 ? 0 : (double) botCommits / commits, bots.size(),
                scope.includeBots(),
                first == Long.MAX_VALUE ? null : Instant.ofEpochSecond(first).toString(),
                last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(last).toString(),
                List.copyOf(contributors.subList(0, Math.min(top, contributors.size()))),
                List.copyOf(byLines.subList(0, Math.min(top, byLines.size()))),
                List.copyOf(organizations.subList(0, Math.min(top, organizations.size()))),
                List.copyOf(botAccounts),
                warningCount, warnings);
    }
}
