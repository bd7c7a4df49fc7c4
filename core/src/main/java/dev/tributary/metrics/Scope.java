package dev.tributary.metrics;

import java.util.List;

/**
 * What a metric looks at: repositories (store ids) under one collection scope key, an optional author-date
 * window [since, until) in epoch seconds (null: open), and whether bots count as people.
 */
public record Scope(List<Integer> repositories, String scopeKey, Long since, Long until, boolean includeBots) {
    public Scope {
        repositories = List.copyOf(repositories);
        if (repositories.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one repository");
        }
        if (since != null && until != null && until < since) {
            throw new IllegalArgumentException("window ends before it starts: since " + since + ", until " + until);
        }
    }
}
