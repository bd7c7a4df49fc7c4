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
        public static final Window ALL = new Window(null, null);

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

    /**
     * The whole view; {@code unknownCommits} are commits whose author has no known organization. With a release or
     * a module ({@link Selection}), {@code release} and {@code module} name them and {@code projectsLeftOut} lists
     * the projects that have no such release or module; without, the three are absent from the JSON.
     */
    public record View(Long since, Long until, int projectCount, long commits, long unknownCommits, long contributors,
            List<Organization> organizations, List<Project> projects, List<Change> newOrganizations,
            List<Change> leavingOrganizations,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String release,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String module,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<String> projectsLeftOut) {
    }

    /**
     * What one repository contributes to a view of a release or a module: the commits of its {@code scope} (HEAD,
     * or the release's range there) in the window [since, until) (null: open), and with {@code pathRegex} (a
     * {@link dev.tributary.model.PathGlobs#regex}, null: every commit) only those that changed a matching file.
     */
    public record Part(String repository, String scope, Long since, Long until, String pathRegex) {
        public Part {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * What a view counts: {@link #ALL} (every repository's HEAD, in the {@link Window}), or each project's release
     * and module of the names asked for, as {@link #select} resolves them. Immutable.
     */
    public record Selection(String release, String module, List<Part> parts, List<String> leftOut) {
        public static final Selection ALL = new Selection(null, null, List.of(), List.of());

        public Selection {
            parts = List.copyOf(parts);
            leftOut = List.copyOf(leftOut);
        }

        /** Every repository's HEAD: no release, no module. */
        public boolean all() {
            return release == null && module == null;
        }
    }

    /**
     * Each project's release {@code release} and module {@code module} (either may be null), as a {@link Selection}.
     * A project of the file's {@code projects:} uses its own release or module of that name, else the file's; a file
     * without {@code projects:} applies its releases and modules to every repository, grouped by {@code projectOf}.
     * A release of ranges counts each named repository's range; a release of dates each repository's HEAD in its
     * window. {@code typed} (--since/--until) replaces the release's ends it gives. A project without the release or
     * the module is left out and named in the view.
     *
     * @throws dev.tributary.TributaryException.InvalidInput when no project has the release or the module
     */
    public static Selection select(dev.tributary.project.Project file, Map<String, String> projectOf, String release, String module,
            dev.tributary.model.DateRange typed) {
        if (release == null && module == null) {
            return Selection.ALL;
        }
        Map<String, List<String>> members = new java.util.LinkedHashMap<>();
        Map<String, dev.tributary.project.Project.Member> own = new java.util.HashMap<>();
        if (!file.projects().isEmpty()) {
            file.projects().forEach(m -> {
                members.put(m.name(), m.repositories());
                own.put(m.name(), m);
            });
        } else {
            file.repositories().forEach(r -> members.computeIfAbsent(projectOf.getOrDefault(r.name(), r.name()),
                    k -> new ArrayList<>()).add(r.name()));
        }
        List<Part> parts = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>(); // a repository in two projects counts once, in the first
        List<String> leftOut = new ArrayList<>();
        members.forEach((name, repos) -> {
            dev.tributary.project.Project.Member m = own.get(name);
            List<dev.tributary.project.Project.Release> releases = m != null ? m.releases() : List.of();
            dev.tributary.project.Project.Release rel = release == null ? null
                    : releases.stream().filter(r -> r.name().equals(release)).findFirst().or(() -> file.release(release)).orElse(null);
            List<String> globs = module == null ? null
                    : m != null && m.modules().containsKey(module) ? m.modules().get(module) : file.modules().get(module);
            if ((release != null && rel == null) || (module != null && globs == null)) {
                leftOut.add(name);
                return;
            }
            String regex = globs == null ? null : dev.tributary.model.PathGlobs.regex(globs);
            Long since = typed.since() != null || rel == null ? typed.since() : rel.since();
            Long until = typed.until() != null || rel == null ? typed.until() : rel.until();
            for (String repo : repos) {
                if (!taken.add(repo)) {
                    continue;
                }
                if (rel != null && !rel.ranges().isEmpty()) {
                    String range = rel.ranges().get(repo);
                    if (range != null) {
                        parts.add(new Part(repo, dev.tributary.source.git.GitScope.range(range).key(), since, until, regex));
                    }
                } else {
                    parts.add(new Part(repo, dev.tributary.source.git.GitScope.HEAD.key(), since, until, regex));
                }
            }
        });
        if (parts.isEmpty()) {
            throw new dev.tributary.TributaryException.InvalidInput(file.file() + ": no project has "
                    + (release != null ? "a release named '" + release + "'" + (module != null ? " and " : "") : "")
                    + (module != null ? "a module named '" + module + "'" : "")
                    + " (releases: " + names(file.everyRelease().stream().map(dev.tributary.project.Project.Release::name)) + "; modules: "
                    + names(java.util.stream.Stream.concat(file.modules().keySet().stream(),
                            file.projects().stream().flatMap(p -> p.modules().keySet().stream()))) + ")");
        }
        return new Selection(release, module, parts, leftOut);
    }

    private static String names(java.util.stream.Stream<String> names) {
        List<String> distinct = names.distinct().toList();
        return distinct.isEmpty() ? "none" : String.join(", ", distinct);
    }

    /**
     * The engine over a store's connection: stages the relations as temporary tables of this connection
     * ({@code projectOf}: repository name to project; a repository not named is a project of its own).
     */
    public static Engine duckdb(java.sql.Connection conn, Map<String, String> projectOf) {
        return duckdb(conn, projectOf, Selection.ALL);
    }

    /** {@link #duckdb(java.sql.Connection, Map)} counting {@code selection}'s parts ({@link #compute(Engine, Selection, int)}). */
    public static Engine duckdb(java.sql.Connection conn, Map<String, String> projectOf, Selection selection) {
        return EcosystemQueries.duckdb(conn, projectOf, rows(selection))::apply;
    }

    /** A selection's parts as rows (repository, scope, since, until, path regex) for an engine to stage. */
    public static List<Object[]> rows(Selection selection) {
        return selection.parts().stream().map(p -> new Object[] {p.repository(), p.scope(), p.since(), p.until(), p.pathRegex()}).toList();
    }

    /** Computes the view; {@code top} limits the organizations listed (0: all). */
    public static View compute(Engine engine, Window w, int top) {
        return view(engine, w, Selection.ALL, top);
    }

    /**
     * Computes the view of a release or a module over an engine that staged {@code selection}'s parts; the window
     * is each part's ({@code typed} is already in them; it is the view's window for {@link Selection#ALL}). New and leaving organizations are listed when every part has the same window and it has a
     * start.
     *
     * @throws dev.tributary.TributaryException.InvalidInput when a release range was not collected into the store
     */
    public static View compute(Engine engine, Window typed, Selection selection, int top) {
        if (selection.all()) {
            return view(engine, typed, selection, top);
        }
        List<Object[]> missing = engine.rows(EcosystemQueries.uncollected());
        if (!missing.isEmpty()) {
            throw new dev.tributary.TributaryException.InvalidInput("release '" + selection.release() + "': "
                    + missing.stream().limit(5).map(r -> r[0] + " " + r[1]).toList() + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "")
                    + " reach no stored commit: collect with the project file first (tributary analyze --project FILE),"
                    + " or check that the range is not empty");
        }
        java.util.Set<List<Long>> windows = new java.util.HashSet<>();
        selection.parts().forEach(p -> windows.add(java.util.Arrays.asList(p.since(), p.until())));
        List<Long> one = windows.size() == 1 ? windows.iterator().next() : java.util.Arrays.asList(null, null);
        return view(engine, new Window(one.get(0), one.get(1)), selection, top);
    }

    private static View view(Engine engine, Window w, Selection sel, int top) {
        boolean selected = !sel.all(); // the window is then each part's
        boolean module = sel.module() != null;
        Long from = selected ? null : w.since();
        Long to = selected ? null : w.until();
        // per project and organization (null: Unknown)
        List<Object[]> po = engine.rows(EcosystemQueries.byProjectAndOrganization(from, to, selected, module));
        List<Object[]> orgPeople = engine.rows(EcosystemQueries.organizationPeople(from, to, selected, module));
        List<Object[]> projPeople = engine.rows(EcosystemQueries.projectPeople(from, to, selected, module));
        List<Object[]> all = engine.rows(EcosystemQueries.totals(from, to, selected, module));

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
            List<Object[]> life = engine.rows(EcosystemQueries.lifetimes(w.since(), until, before, selected, module));
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
        return new View(w.since(), w.until(), projectCommits.size(), total, unknown, contributors, orgs, projects, fresh, leaving,
                sel.release(), sel.module(), selected ? sel.leftOut() : null);
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
