package dev.tributary.metrics;

import java.util.List;

/**
 * What a metric looks at: parts (a repository, by store id, under one collection scope key such as
 * {@code HEAD} or {@code RANGE:v1..v2}), an optional author-date window [since, until) in epoch seconds
 * (null: open), and whether bots count as people.
 */
public record Scope(List<Part> parts, Long since, Long until, boolean includeBots) {
    public Scope {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one repository");
        }
        if (since != null && until != null && until < since) {
            throw new IllegalArgumentException("window ends before it starts: since " + since + ", until " + until);
        }
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
}
