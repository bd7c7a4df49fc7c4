package dev.tributary.metrics;

import dev.tributary.store.read.Inventory;
import dev.tributary.store.read.PersonRows;
import dev.tributary.model.Scope;
import dev.tributary.TributaryException;
import dev.tributary.model.Organizations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Computes a {@link Report} for a scope by SQL over the resolved activity; every value bound. */
public final class ReportQuery {
    private final Connection conn;

    public ReportQuery(Connection conn) {
        this.conn = conn;
    }

    private static final class Dev {
        final String individual;
        String name;
        long changesets, added, removed;
        boolean bot;
        final Map<String, Long> orgs = new HashMap<>();

        Dev(String individual) {
            this.individual = individual;
        }
    }

    private static final class Org {
        long changesets, added, removed;
        final Set<String> people = new HashSet<>();
    }

    public Report run(String title, Scope scope, int top) {
        PersonRows rows = new PersonRows(conn);
        return assemble(title, repositories(scope), rows.counted(scope), rows.credits(scope), scope.includeBots(), top);
    }

    /**
     * The report from its rows, whatever engine gave them: {@code groups} as {@link PersonRows#counted} gives
     * them and {@code credits} as {@link PersonRows#credits} (DuckDB over the store), or the same rows from
     * {@link PersonRows#countedOverExport} and {@link PersonRows#creditsOverExport} (Spark SQL over the Parquet
     * export). Only integers come from the rows; every share is computed here, so equal rows give equal JSON.
     *
     * @param repositories the names of the repositories in scope, sorted
     */
    public static Report assemble(String title, List<String> repositories, List<PersonRows.Group> groups,
            List<PersonRows.Credit> creditRows, boolean includeBots, int top) {
        Map<String, Dev> devs = new HashMap<>();
        record Part(Dev dev, String org, long changesets, long added, long removed) {
        }
        List<Part> parts = new ArrayList<>();
        for (PersonRows.Group g : groups) {
            Dev d = devs.computeIfAbsent(g.individual(), Dev::new);
            String org = g.organization() == null ? Organizations.UNKNOWN : g.organization();
            long n = g.commits();
            d.bot |= g.bot();
            d.changesets += n;
            d.added += g.linesAdded();
            d.removed += g.linesRemoved();
            d.orgs.merge(org, n, Long::sum);
            parts.add(new Part(d, org, n, g.linesAdded(), g.linesRemoved()));
            d.name = g.name(); // the person's one display name (store: contribution_people)
        }
        // per organization, once every individual's bot flag is known
        Map<String, Org> orgs = new HashMap<>();
        long botChangesets = 0;
        for (Part p : parts) {
            if (p.dev.bot) {
                botChangesets += p.changesets;
                if (!includeBots) {
                    continue;
                }
            }
            Org o = orgs.computeIfAbsent(p.org, k -> new Org());
            o.changesets += p.changesets;
            o.added += p.added;
            o.removed += p.removed;
            o.people.add(p.dev.individual);
        }
        List<Report.Developer> developers = new ArrayList<>();
        long changesets = 0, added = 0, removed = 0, unknown = 0;
        for (Dev d : devs.values()) {
            if (d.bot && !includeBots) {
                continue;
            }
            changesets += d.changesets;
            added += d.added;
            removed += d.removed;
            if (d.orgs.containsKey(Organizations.UNKNOWN)) {
                unknown++;
            }
            String main = MainOrganization.of(d.orgs);
            developers.add(new Report.Developer(d.name, d.individual, main, d.changesets, d.added, d.removed, 0));
        }
        long changed = added + removed;
        long peopleCount = developers.size();
        List<Report.Developer> byChangesets = topDevelopers(developers, Report.Developer::changesets, changesets, top);
        List<Report.Developer> byChanged = topDevelopers(developers, d -> d.linesAdded() + d.linesRemoved(), changed, top);
        List<Report.Developer> byRemoved = topDevelopers(developers, Report.Developer::linesRemoved, removed, top);

        List<Report.Organization> organizations = new ArrayList<>();
        for (var e : orgs.entrySet()) {
            Org o = e.getValue();
            organizations.add(new Report.Organization(e.getKey(), o.changesets, o.people.size(), o.added, o.removed, 0));
        }
        long named = organizations.stream().map(Report.Organization::name)
                .filter(n -> !n.equals(Organizations.UNKNOWN) && !n.equals(Organizations.INDEPENDENT)).count();
        List<Report.Organization> oByChangesets = topOrganizations(organizations, Report.Organization::changesets, changesets, top);
        List<Report.Organization> oByChanged = topOrganizations(organizations, o -> o.linesAdded() + o.linesRemoved(), changed, top);
        List<Report.Organization> oByDevelopers = topOrganizations(organizations, Report.Organization::developers, peopleCount, top);

        Report.Coverage coverage = new Report.Coverage(top, sum(byChangesets, Report.Developer::share),
                sum(byChanged, Report.Developer::share), sum(byRemoved, Report.Developer::share),
                sum(oByChangesets, Report.Organization::share), sum(oByChanged, Report.Organization::share),
                sum(oByDevelopers, Report.Organization::share));
        List<Report.Credit>[] credits = credits(creditRows, devs, top);
        return new Report(title, List.copyOf(repositories), changesets, peopleCount, named, unknown, added, removed,
                botChangesets, includeBots, byChangesets, byChanged, byRemoved, oByChangesets, oByChanged,
                oByDevelopers, coverage, credits[0], credits[1]);
    }

    /** Trailer credits by person and by organization, per kind; self-credits (author = credited) left out. */
    @SuppressWarnings("unchecked")
    private static List<Report.Credit>[] credits(List<PersonRows.Credit> rows, Map<String, Dev> devs, int top) {
        Map<List<String>, long[]> byPerson = new HashMap<>();   // kind, individual -> count
        Map<List<String>, Map<String, Long>> personOrgs = new HashMap<>(); // kind, individual -> organization -> count
        Map<List<String>, long[]> byOrg = new HashMap<>();
        Map<String, Long> perKind = new HashMap<>();
        Map<String, String> trailerNames = new HashMap<>();
        for (PersonRows.Credit c : rows) {
            String kind = c.kind();
            String who = c.individual();
            String org = c.organization() == null ? Organizations.UNKNOWN : c.organization();
            long n = c.count();
            trailerNames.put(who, c.name()); // the same on every row of the person
            List<String> pk = List.of(kind, who);
            byPerson.computeIfAbsent(pk, k -> new long[1])[0] += n;
            personOrgs.computeIfAbsent(pk, k -> new HashMap<>()).merge(org, n, Long::sum);
            byOrg.computeIfAbsent(List.of(kind, org), k -> new long[1])[0] += n;
            perKind.merge(kind, n, Long::sum);
        }
        List<Report.Credit> people = new ArrayList<>();
        for (var e : byPerson.entrySet()) {
            String kind = e.getKey().get(0);
            String who = e.getKey().get(1);
            Dev d = devs.get(who);
            String name = d != null ? d.name : trailerNames.getOrDefault(who, who);
            people.add(new Report.Credit(kind, name == null || name.isBlank() ? who : name, MainOrganization.of(personOrgs.get(e.getKey())),
                    e.getValue()[0], (double) e.getValue()[0] / perKind.get(kind)));
        }
        List<Report.Credit> orgs = new ArrayList<>();
        for (var e : byOrg.entrySet()) {
            String kind = e.getKey().get(0);
            orgs.add(new Report.Credit(kind, e.getKey().get(1), e.getKey().get(1), e.getValue()[0],
                    (double) e.getValue()[0] / perKind.get(kind)));
        }
        return new List[] {topPerKind(people, top), topPerKind(orgs, top)};
    }

    private static List<Report.Credit> topPerKind(List<Report.Credit> credits, int top) {
        credits.sort(Comparator.comparing(Report.Credit::kind).thenComparing(Comparator.comparingLong(Report.Credit::count).reversed())
                .thenComparing(Report.Credit::name));
        List<Report.Credit> out = new ArrayList<>();
        Map<String, Integer> shown = new HashMap<>();
        for (Report.Credit c : credits) {
            if (shown.merge(c.kind(), 1, Integer::sum) <= top) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Report.Developer> topDevelopers(List<Report.Developer> all, ToLongFunction<Report.Developer> measure,
            long total, int top) {
        List<Report.Developer> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(measure).reversed().thenComparing(Report.Developer::email));
        List<Report.Developer> out = new ArrayList<>();
        for (Report.Developer d : sorted.subList(0, Math.min(top, sorted.size()))) {
            out.add(new Report.Developer(d.name(), d.email(), d.organization(), d.changesets(), d.linesAdded(),
                    d.linesRemoved(), total == 0 ? 0 : (double) measure.applyAsLong(d) / total));
        }
        return out;
    }

    private static List<Report.Organization> topOrganizations(List<Report.Organization> all,
            ToLongFunction<Report.Organization> measure, long total, int top) {
        List<Report.Organization> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(measure).reversed().thenComparing(Report.Organization::name));
        List<Report.Organization> out = new ArrayList<>();
        for (Report.Organization o : sorted.subList(0, Math.min(top, sorted.size()))) {
            out.add(new Report.Organization(o.name(), o.changesets(), o.developers(), o.linesAdded(), o.linesRemoved(),
                    total == 0 ? 0 : (double) measure.applyAsLong(o) / total));
        }
        return out;
    }

    /** The report as the CLI's {@code --format json} and the spark module print it: indented, fields in declaration order. */
    public static String toJson(Report report) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static <T> double sum(List<T> rows, ToDoubleFunction<T> share) {
        return rows.stream().mapToDouble(share).sum();
    }

    private List<String> repositories(Scope scope) {
        return new Inventory(conn).sortedRepositoryNames(scope.repositories());
    }
}
