package dev.tributary.metrics;

import dev.tributary.model.DateRange;
import dev.tributary.model.PathGlobs;
import java.util.List;

/**
 * What a metric looks at: parts (a repository, by store id, under one collection scope key such as
 * {@code HEAD} or {@code range:v1..v2}), an optional author-date window [since, until) in epoch seconds
 * (null: open), whether bots count as people, whether merge commits count, and optional path globs.
 *
 * <p>With paths, only commits touching at least one matching file count, and their lines are those of the
 * matching files only; merges, which carry no file changes, drop out. Glob syntax: {@link PathGlobs}.
 */
public record Scope(List<Part> parts, Long since, Long until, boolean includeBots, boolean includeMerges,
        List<String> paths) {
    public Scope {
        parts = List.copyOf(parts);
        paths = List.copyOf(paths);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one repository");
        }
        new DateRange(since, until); // the one window rule: throws if it ends before it starts
        paths.forEach(PathGlobs::check);
    }

    /** No path filter, merges left out. */
    public Scope(List<Part> parts, Long since, Long until, boolean includeBots) {
        this(parts, since, until, includeBots, false, List.of());
    }

    /** Several repositories under the same scope key. */
    public Scope(List<Integer> repositories, String scopeKey, Long since, Long until, boolean includeBots) {
        this(repositories.stream().map(r -> new Part(r, scopeKey)).toList(), since, until, includeBots);
    }

    /** One repository's commits under one collection scope. */
    public record Part(int repository, String scopeKey) {
    }

    /** The store ids of the repositories in scope, in order, without repeats. */
    public List<Integer> repositories() {
        return parts.stream().map(Part::repository).distinct().toList();
    }

    /** This scope restricted to files matching any of {@code globs} (replacing any earlier path filter). */
    public Scope withPaths(List<String> globs) {
        return new Scope(parts, since, until, includeBots, includeMerges, globs);
    }

    public Scope withMerges(boolean merges) {
        return new Scope(parts, since, until, includeBots, merges, paths);
    }

    /** The window, [since, until). */
    public DateRange window() {
        return new DateRange(since, until);
    }

    /** The same scope over another window. */
    public Scope withWindow(DateRange w) {
        return withWindow(w.since(), w.until());
    }

    /** The same scope over another window. */
    public Scope withWindow(Long from, Long to) {
        return new Scope(parts, from, to, includeBots, includeMerges, paths);
    }
}
