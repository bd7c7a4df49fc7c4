package dev.tributary.web;

import dev.tributary.TributaryException;
import dev.tributary.model.Scope;
import dev.tributary.metrics.ScopeResolver;
import dev.tributary.model.DateRange;
import dev.tributary.project.Project;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the scope parameters of a request ({@code repository}, {@code release}, {@code range}, {@code since},
 * {@code until}, {@code bots}) into a {@link Scope}, against the repositories and collected scopes the store
 * held when the server started, and the project file's releases. Immutable and thread-safe.
 */
final class Scopes {
    static final Set<String> PARAMETERS = Set.of("repository", "release", "range", "since", "until", "bots", "module", "path",
            "merges", "project");

    /** A stored repository and the collection scopes (cursor keys) it has. */
    record Repository(int id, String name, List<String> scopes) {
    }

    private final Map<String, Repository> byName;
    private final Project project;

    private Scopes(Map<String, Repository> byName, Project project) {
        this.byName = byName;
        this.project = project;
    }

    static Scopes load(java.sql.Connection c, Project project) {
        Map<String, Repository> byName = new LinkedHashMap<>();
        for (Store.Collected r : Store.collected(c)) {
            // two stored repositories with one name: the later is reachable by name#id
            byName.put(byName.containsKey(r.name()) ? r.name() + "#" + r.id() : r.name(), new Repository(r.id(), r.name(), r.scopes()));
        }
        return new Scopes(byName, project);
    }

    /**
     * These scopes with the project file read as its project {@code name} ({@code projects:}); these scopes
     * themselves when {@code name} is null.
     *
     * @throws ApiError (400) without a project file, or for a project the file does not have, naming the ones it has
     */
    Scopes in(String name) {
        if (name == null) {
            return this;
        }
        if (project == null) {
            throw ApiError.badParameter("project", "the server was started without --project: no projects");
        }
        try {
            return new Scopes(byName, project.select(name));
        } catch (TributaryException.InvalidInput e) {
            throw ApiError.badParameter("project", "'" + name + "' is not a project of the file" + (project.projects().isEmpty()
                    ? " (the server's project file has no 'projects:')"
                    : " (known: " + project.projects().stream().map(Project.Member::name).toList() + ")"));
        }
    }

    /** Each repository of the project file by name, and the project it belongs to ({@code projects:}), for the ecosystem view. */
    Map<String, String> projectOf() {
        Map<String, String> out = new LinkedHashMap<>();
        if (project != null) {
            project.repositories().forEach(r -> out.put(r.name(), r.group()));
        }
        return out;
    }

    /**
     * The ecosystem view's selection for {@code release} and {@code module} (either may be null: then that part is
     * every project's HEAD, or every file), within {@code typed}.
     *
     * @throws ApiError (400) naming {@code release} or {@code module} without a project file, or when no project has it
     */
    dev.tributary.metrics.Ecosystem.Selection ecosystem(String release, String module, dev.tributary.model.DateRange typed) {
        if (release == null && module == null) {
            return dev.tributary.metrics.Ecosystem.Selection.ALL;
        }
        String parameter = release != null ? "release" : "module";
        if (project == null) {
            throw ApiError.badParameter(parameter, "the server was started without --project: no releases or modules");
        }
        try {
            return dev.tributary.metrics.Ecosystem.select(project, projectOf(), release, module, typed);
        } catch (TributaryException.InvalidInput e) {
            throw ApiError.badParameter(parameter, e.getMessage());
        }
    }

    List<Repository> repositories() {
        return List.copyOf(byName.values());
    }

    /** The names of the project file's mailing lists (none without a project file). */
    List<String> listNames() {
        return project == null ? List.of() : project.mailingLists().stream().map(Project.MailingList::name).toList();
    }

    /** The review containers the project file names (none: every collected one counts). */
    List<String> reviewContainers() {
        return dev.tributary.metrics.ScopeResolver.reviewContainers(project);
    }

    List<Project.Release> releases() {
        return project == null ? List.of() : project.releases();
    }

    /**
     * The project's releases with their commits' scopes, in its order, for the issue metrics that date fixes; null
     * when the server has no project or its project lists no trackers (so those metrics stay out of today's answers).
     */
    List<dev.tributary.store.read.IssueReleases.Release> issueReleases() {
        if (project == null || project.trackers().isEmpty()) {
            return null;
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Project.Repository r : project.repositories()) {
            Repository stored = byName.get(r.name());
            if (stored != null) {
                ids.put(r.name(), stored.id());
            }
        }
        List<dev.tributary.store.read.IssueReleases.Release> out = new ArrayList<>();
        for (Project.Release r : project.releases()) {
            if (ids.keySet().containsAll(r.ranges().keySet())) {
                out.add(new dev.tributary.store.read.IssueReleases.Release(r.name(), ScopeResolver.release(project, ids, r.name(), true)));
            }
        }
        return out;
    }

    /** The names of the project file's trackers (none without a project file). */
    List<String> trackerNames() {
        return project == null ? List.of() : project.trackers().stream().map(Project.Tracker::name).toList();
    }

    /**
     * A release's scope for the issue metrics' window ({@code release=}): its date window, or its commits' dates.
     *
     * @throws ApiError without a project or for an unknown release
     */
    Scope issueRelease(String release) {
        requireRelease(release);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Project.Repository r : project.repositories()) {
            Repository stored = byName.get(r.name());
            if (stored != null) {
                ids.put(r.name(), stored.id());
            }
        }
        if (!ids.keySet().containsAll(project.release(release).orElseThrow().ranges().keySet())) {
            throw ApiError.notFound("release '" + release + "': its repositories are not in the store");
        }
        return ScopeResolver.release(project, ids, release, true);
    }

    /** @throws ApiError without a project (400) or for a release it does not name (404) */
    private void requireRelease(String release) {
        if (project == null) {
            throw ApiError.badParameter("release", "the server was started without --project: no releases");
        }
        if (project.release(release).isEmpty()) {
            throw ApiError.notFound("no release named '" + release + "'" + (project.selected() == null ? ""
                    : " in project '" + project.selected() + "'") + " (known: " + project.releases().stream().map(Project.Release::name).toList() + ")");
        }
    }

    /** The scope and a title for it. */
    record Resolved(Scope scope, String title) {
    }

    Resolved resolve(Params p) {
        Resolved r = resolveParts(p);
        List<String> globs = new ArrayList<>();
        for (String m : p.all("module")) {
            if (project == null) {
                throw ApiError.badParameter("module", "the server was started without --project: no modules");
            }
            List<String> g = project.modules().get(m);
            if (g == null) {
                throw ApiError.badParameter("module", "'" + m + "' is not a module of the project"
                        + (project.selected() == null ? "" : " '" + project.selected() + "'") + " (known: " + project.modules().keySet() + ")");
            }
            globs.addAll(g);
        }
        for (String glob : p.all("path")) {
            try {
                globs.add(dev.tributary.model.PathGlobs.check(glob));
            } catch (TributaryException.InvalidInput e) {
                throw ApiError.badParameter("path", e.getMessage());
            }
        }
        Scope s = r.scope().withPaths(globs).withMerges(p.bool("merges", false));
        List<String> named = new ArrayList<>(p.all("module"));
        named.addAll(p.all("path"));
        return new Resolved(s, r.title() + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")"));
    }

    /** The modules of the project file (none without one). */
    Map<String, List<String>> modules() {
        return project == null ? Map.of() : project.modules();
    }

    private Resolved resolveParts(Params p) {
        String release = p.one("release");
        String range = p.one("range");
        Long since = p.date("since");
        Long until = p.date("until");
        boolean bots = p.bool("bots", false);
        DateRange window;
        try {
            window = new DateRange(since, until);
        } catch (TributaryException.InvalidInput e) {
            throw ApiError.badParameter("until", "'" + p.one("until") + "' is before since '" + p.one("since") + "'");
        }
        if (release != null && range != null) {
            throw ApiError.badParameter("range", "give release or range, not both");
        }
        List<Repository> repos = new ArrayList<>();
        for (String name : p.all("repository")) {
            Repository r = byName.get(name);
            if (r == null) {
                throw ApiError.badParameter("repository", "'" + name + "' is not in the store (known: " + new TreeSet<>(byName.keySet()) + ")");
            }
            repos.add(r);
        }
        if (release != null) {
            requireRelease(release);
            Map<String, Integer> ids = new LinkedHashMap<>();
            for (Project.Repository r : project.repositories()) {
                Repository stored = byName.get(r.name());
                if (stored == null) {
                    throw new TributaryException.InvalidInput("release " + release + ": repository '" + r.name() + "' is not in the store");
                }
                ids.put(r.name(), stored.id());
            }
            Scope s = ScopeResolver.release(project, ids, release, bots);
            List<Scope.Part> parts = s.parts();
            if (!repos.isEmpty()) {
                Set<Integer> only = new java.util.HashSet<>();
                repos.forEach(r -> only.add(r.id()));
                parts = parts.stream().filter(x -> only.contains(x.repository())).toList();
                if (parts.isEmpty()) {
                    throw ApiError.badParameter("repository", "none of these repositories is in release '" + release + "'");
                }
            }
            for (Scope.Part part : parts) {
                check(part, "release");
            }
            DateRange w = window.orElse(s.window());
            return new Resolved(new Scope(parts, w.since(), w.until(), bots),
                    (project.name() + " " + release).trim());
        }
        if (repos.isEmpty()) {
            repos.addAll(byName.values());
        }
        String key = range != null ? GitScope.range(range).key() : GitScope.HEAD.key();
        List<Scope.Part> parts = new ArrayList<>();
        for (Repository r : repos) {
            if (r.scopes().contains(key)) {
                parts.add(new Scope.Part(r.id(), key));
            } else if (range != null || !p.all("repository").isEmpty()) {
                throw ApiError.badParameter(range != null ? "range" : "repository", "'" + (range != null ? range : r.name())
                        + "': scope " + key + " of " + r.name() + " was never collected");
            }
        }
        if (parts.isEmpty()) {
            throw ApiError.notFound("the store holds no collected history");
        }
        String title = project != null ? project.name() : String.join(", ", repos.stream().map(Repository::name).toList());
        return new Resolved(new Scope(parts, since, until, bots), title + (range != null ? " " + range : ""));
    }

    private void check(Scope.Part part, String parameter) {
        for (Repository r : byName.values()) {
            if (r.id() == part.repository() && !r.scopes().contains(part.scopeKey())) {
                throw ApiError.badParameter(parameter, r.name() + ": scope " + part.scopeKey() + " was never collected");
            }
        }
    }
}
