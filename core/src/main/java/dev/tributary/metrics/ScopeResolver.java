package dev.tributary.metrics;

import dev.tributary.model.Kinds;
import dev.tributary.model.Scope;
import dev.tributary.TributaryException;
import dev.tributary.model.DateRange;
import dev.tributary.project.Project;
import dev.tributary.source.git.GitScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what a request names into a {@link Scope}, by the same rules for the CLI and the API: a release of
 * the project (its tag ranges per repository, or every repository's HEAD, within its window), a typed
 * window over it. The edges parse and name their own parameters; the rules live here. Stateless.
 */
public final class ScopeResolver {
    private ScopeResolver() {
    }

    /**
     * The scope of {@code release}: its ranges (or every repository's HEAD) within its window.
     *
     * @param repositories store ids of the project's repositories, by name
     * @throws TributaryException.InvalidInput naming the project file when it has no such release
     */
    public static Scope release(Project project, Map<String, Integer> repositories, String release, boolean includeBots) {
        Project.Release rel = project.requireRelease(release);
        List<Scope.Part> parts = new ArrayList<>();
        if (rel.ranges().isEmpty()) {
            repositories.values().forEach(id -> parts.add(new Scope.Part(id, GitScope.HEAD.key())));
        } else {
            rel.ranges().forEach((repo, range) -> parts.add(new Scope.Part(repositories.get(repo), GitScope.range(range).key())));
        }
        return new Scope(parts, rel.since(), rel.until(), includeBots);
    }

    /**
     * The contributions of {@code kind} ({@link Kinds}) for a request whose commits are {@code commits}: commits
     * keep that scope; every other kind takes its window (a release given as ranges only: the span of its
     * commits' dates, as the mail of a release does) over its family's containers: {@code lists} for
     * messages, every collected review container (or those the project names) for {@code change}, {@code review} and
     * {@code review_comment}, every tracker for {@code issue} and {@code issue_comment}; {@code all} takes the
     * commits' parts and every container of the other families that has one.
     *
     * @param lists the request's mailing lists (a project's, or every collected list), by store id
     * @throws TributaryException.InvalidInput for an unknown kind, or a kind nothing of which was collected
     */
    public static Scope ofKind(java.sql.Connection conn, Scope commits, String kind, List<Integer> lists) {
        return ofKind(conn, commits, kind, lists, List.of());
    }

    /**
     * {@link #ofKind(java.sql.Connection, Scope, String, List)} with the review containers restricted to
     * {@code reviewNames} (stored names, as {@link #reviewContainers} gives them) when it names any.
     */
    public static Scope ofKind(java.sql.Connection conn, Scope commits, String kind, List<Integer> lists, List<String> reviewNames) {
        Kinds.check(kind);
        if (kind.equals(Scope.COMMITS)) {
            return commits;
        }
        if (!commits.paths().isEmpty()) {
            throw new TributaryException.InvalidInput("a path or module filter applies to commits only, not to kind " + kind);
        }
        DateRange w = new MailMetrics(conn).window(commits);
        Map<String, List<Integer>> containers = new java.util.LinkedHashMap<>();
        containers.put(Kinds.LIST, lists);
        Map<String, Integer> reviews = new ReviewMetrics(conn).containers();
        containers.put(Kinds.REVIEW, reviewNames.isEmpty() ? List.copyOf(reviews.values())
                : reviewNames.stream().filter(reviews::containsKey).map(reviews::get).toList());
        containers.put(Kinds.TRACKER, new IssueMetrics(conn).trackerIds());
        if (kind.equals(Kinds.ALL)) {
            List<Scope.Part> parts = new ArrayList<>();
            commits.parts().forEach(p -> parts.add(Scope.Part.of(Kinds.REPOSITORY, p.repository(), p.scopeKey())));
            containers.forEach((family, ids) -> ids.forEach(id -> parts.add(Scope.Part.of(family, id, null))));
            return Scope.all(parts, w.since(), w.until(), commits.includeBots(), commits.includeMerges());
        }
        List<Integer> ids = containers.get(Kinds.family(kind));
        if (ids.isEmpty()) {
            throw new TributaryException.InvalidInput("kind " + kind + ": nothing of that kind was collected ("
                    + switch (Kinds.family(kind)) {
                        case Kinds.LIST -> "a project file's mailingLists, 'tributary collect mail'";
                        case Kinds.REVIEW -> "'tributary collect github' or 'collect gerrit'";
                        default -> "'tributary collect issues'";
                    } + ")");
        }
        return Scope.of(kind, ids, w.since(), w.until(), commits.includeBots());
    }

    /**
     * The stored names of the review containers a project file names ({@code github:} entries as
     * {@code github/OWNER/REPO}, {@code gerrit:} ones as {@code gerrit/HOST/PROJECT}); empty when it names none
     * (or there is no project file): then every collected container counts.
     */
    public static List<String> reviewContainers(Project project) {
        if (project == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        project.github().forEach(g -> out.add("github/" + g.repo()));
        project.gerrit().forEach(g -> out.add(dev.tributary.source.review.GerritChanges.container(
                g.host() != null ? g.host() : g.url().getHost(), g.project())));
        return out;
    }

    /** {@code release}'s parts over the typed window, each open end of which takes the release's own. */
    public static Scope release(Project project, Map<String, Integer> repositories, String release, DateRange typed,
            boolean includeBots) {
        Scope s = release(project, repositories, release, includeBots);
        return s.withWindow(typed.orElse(s.window()));
    }
}
