package dev.tributary.metrics;

import dev.tributary.store.read.EcosystemQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ecosystem view: organizations ranked across many projects (each a set of repositories), with each
 * project's part of an organization's commits, the share of the top organization in every project, and the
 * organizations that are new in the window or left it (active in the window of the same length before it,
 * not in it).
 *
 * <p>Computed by the same SQL text ({@link EcosystemQueries}) on any engine that has the relations
 * {@code eco_contributions}, {@code eco_scopes} and {@code eco_projects}: DuckDB over the store or over Parquet,
 * Spark SQL over Parquet. The SQL only counts
 * (integers, no floating point, each ordering total), and shares and ranks are computed here from those
 * counts, so every engine gives the same JSON. Counted: non-merge, non-bot commits reachable from each
 * repository's HEAD. Stateless.
 */
public final class Ecosystem {
    private Ecosystem() {
    }

    /** Runs one query and returns its rows as Java values (Long, String, null). Implemented per engine. */
    @FunctionalInterface
    public interface Engine {
        List<Object[]> rows(String sql);
    }

    /**
     * The window [since, until) in epoch seconds, or the whole history when both are null (then nothing is new
     * or leaving).
     */
    public record Window(Long since, Long until) {
        public Window {
            if (since != null && until != null && until < since) {
                throw new IllegalArgumentException("window ends (" + until + ") before it starts (" + since + ")");
            }
        }
    }

    /** One organization across the ecosystem; {@code projects} in descending order of its commits there. */
    public record Organization(int rank, String name, long commits, double share, long contributors, List<ProjectPart> projects) {
    }

    /** An organization's commits in one project, and their share of the organization's commits. */
    public record ProjectPart(String project, long commits, double share) {
    }

    /** A project: its figures and its top organization (Unknown excluded) with that organization's share. */
    public record Project(String name, long commits, long contributors, long organizations, String topOrganization,
            long topOrganizationCommits, double topOrganizationShare) {
    }

    /** An organization that is new in the window (first commit in it) or left (active just before, not in it). */
    public record Change(String name, long commits, long firstEpoch, long lastEpoch) {
    }

    /** The whole view; {@code unknownCommits} are commits whose author has no known organization. */
    public record View(Long since, Long until, int projectCount, long commits, long unknownCommits, long contributors,
            List<Organization> organizations, List<Project> projects, List<Change> newOrganizations,
            List<Change> leavingOrganizations) {
    }

    /**
     * The engine over a store's connection: stages the relations as temporary tables of this connection
     * ({@code projectOf}: repository name to project; a repository not named is a project of its own).
     */
    public static Engine duckdb(java.sql.Connection conn, Map<String, String> projectOf) {
        return EcosystemQueries.duckdb(conn, projectOf)::apply;
    }

    /** Computes the view; {@code top} limits the organizations listed (0: all). */
    public static View compute(Engine engine, Window w, int top) {
        // per project and organization (null: Unknown)
        List<Object[]> po = engine.rows(EcosystemQueries.byProjectAndOrganization(w.since(), w.until()));
        List<Object[]> orgPeople = engine.rows(EcosystemQueries.organizationPeople(w.since(), w.until()));
        List<Object[]> projPeople = engine.rows(EcosystemQueries.projectPeople(w.since(), w.until()));
        List<Object[]> all = engine.rows(EcosystemQueries.totals(w.since(), w.until()));

        Map<String, Long> orgCommits = new TreeMap<>();
        Map<String, Map<String, Long>> orgByProject = new TreeMap<>();
        Map<String, Long> projectCommits = new TreeMap<>();
        Map<String, Map<String, Long>> projectOrgs = new TreeMap<>();
        long unknown = 0;
        for (Object[] r : po) {
            String project = (String) r[0];
            String org = (String) r[1];
            long n = num(r[2]);
            projectCommits.merge(project, n, Long::sum);
            if (org == null) {
                unknown += n;
                continue;
            }
            orgCommits.merge(org, n, Long::sum);
            orgByProject.computeIfAbsent(org, k -> new TreeMap<>()).merge(project, n, Long::sum);
            projectOrgs.computeIfAbsent(project, k -> new TreeMap<>()).merge(org, n, Long::sum);
        }
        Map<String, Long> people = new TreeMap<>();
        orgPeople.forEach(r -> people.put((String) r[0], num(r[1])));
        long total = all.isEmpty() ? 0 : num(all.get(0)[0]);
        long contributors = all.isEmpty() ? 0 : num(all.get(0)[1]);
        long known = total - unknown;

        List<Map.Entry<String, Long>> ranked = new ArrayList<>(orgCommits.entrySet());
        ranked.sort(byCountThenName());
        List<Organization> orgs = new ArrayList<>();
        for (int i = 0; i < ranked.size() && (top <= 0 || i < top); i++) {
            String name = ranked.get(i).getKey();
            long n = ranked.get(i).getValue();
            List<Map.Entry<String, Long>> parts = new ArrayList<>(orgByProject.get(name).entrySet());
            parts.sort(byCountThenName());
            List<ProjectPart> pp = parts.stream().map(e -> new ProjectPart(e.getKey(), e.getValue(), share(e.getValue(), n))).toList();
            orgs.add(new Organization(i + 1, name, n, share(n, known), people.getOrDefault(name, 0L), pp));
        }

        Map<String, long[]> projFigures = new LinkedHashMap<>();
        projPeople.forEach(r -> projFigures.put((String) r[0], new long[] {num(r[1]), num(r[2])}));
        List<Project> projects = new ArrayList<>();
        for (var e : projectCommits.entrySet()) {
            Map<String, Long> byOrg = projectOrgs.getOrDefault(e.getKey(), Map.of());
            Map.Entry<String, Long> best = byOrg.entrySet().stream().sorted(byCountThenName()).findFirst().orElse(null);
            long projKnown = byOrg.values().stream().mapToLong(Long::longValue).sum();
            long[] f = projFigures.getOrDefault(e.getKey(), new long[2]);
            projects.add(new Project(e.getKey(), e.getValue(), f[0], f[1], best == null ? null : best.getKey(),
                    best == null ? 0 : best.getValue(), best == null ? 0 : share(best.getValue(), projKnown)));
        }
        projects.sort(Comparator.comparingLong(Project::commits).reversed().thenComparing(Project::name));

        List<Change> fresh = new ArrayList<>();
        List<Change> leaving = new ArrayList<>();
        if (w.since() != null) {
            long until = w.until() != null ? w.until() : Long.MAX_VALUE / 4;
            long before = w.until() != null ? w.since() - (w.until() - w.since()) : Long.MIN_VALUE / 4;
            List<Object[]> life = engine.rows(EcosystemQueries.lifetimes(w.since(), until, before));
            for (Object[] r : life) {
                String name = (String) r[0];
                long first = num(r[1]);
                long last = num(r[2]);
                long in = num(r[3]);
                long prev = num(r[4]);
                if (in > 0 && first >= w.since()) {
                    fresh.add(new Change(name, in, first, last));
                } else if (in == 0 && prev > 0) {
                    leaving.add(new Change(name, prev, first, last));
                }
            }
            Comparator<Change> order = Comparator.comparingLong(Change::commits).reversed().thenComparing(Change::name);
            fresh.sort(order);
            leaving.sort(order);
        }
        return new View(w.since(), w.until(), projectCommits.size(), total, unknown, contributors, orgs, projects, fresh, leaving);
    }

    /** The view as the CLI, the API and the spark module print it: indented JSON, fields in declaration order. */
    public static String toJson(View view) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.tributary.TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static Comparator<Map.Entry<String, Long>> byCountThenName() {
        return Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed().thenComparing(Map.Entry::getKey);
    }

    /** A share rounded to 4 decimals, so that every engine prints the same digits. */
    static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) Objects.requireNonNull(o)).longValue();
    }
}
