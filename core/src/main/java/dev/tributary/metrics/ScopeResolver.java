package dev.tributary.metrics;

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
        Project.Release rel = project.release(release).orElseThrow(() -> new TributaryException.InvalidInput(
                project.file() + ": no release named '" + release + "' (known: "
                        + project.releases().stream().map(Project.Release::name).toList() + ")"));
        List<Scope.Part> parts = new ArrayList<>();
        if (rel.ranges().isEmpty()) {
            repositories.values().forEach(id -> parts.add(new Scope.Part(id, GitScope.HEAD.key())));
        } else {
            rel.ranges().forEach((repo, range) -> parts.add(new Scope.Part(repositories.get(repo), GitScope.range(range).key())));
        }
        return new Scope(parts, rel.since(), rel.until(), includeBots);
    }

    /** {@code release}'s parts over the typed window, each open end of which takes the release's own. */
    public static Scope release(Project project, Map<String, Integer> repositories, String release, DateRange typed,
            boolean includeBots) {
        Scope s = release(project, repositories, release, includeBots);
        return s.withWindow(typed.orElse(s.window()));
    }
}
