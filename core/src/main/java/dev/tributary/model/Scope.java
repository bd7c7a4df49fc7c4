package dev.tributary.model;

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
        List<String> paths, String kind) {
    /** The kind of contribution a scope counts unless told otherwise: today's figures are commit figures. */
    public static final String COMMITS = "commit";

    public Scope {
        if (kind == null || !kind.matches("[a-z][a-z_]{0,31}")) {
            throw new dev.tributary.TributaryException.InvalidInput("bad kind of contribution '" + kind
                    + "' (a lower-case name: commit, message, ...)");
        }
        if (!kind.equals(COMMITS) && !paths.isEmpty()) {
            throw new dev.tributary.TributaryException.InvalidInput("a path filter applies to commits only, not to kind '" + kind + "'");
        }
        parts = List.copyOf(parts);
        paths = List.copyOf(paths);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one repository");
        }
        for (Part p : parts) {
            if (kind.equals(Kinds.ALL) ? p.family() == null : p.family() != null && !p.family().equals(Kinds.family(kind))) {
                throw new IllegalArgumentException("part " + p + " of a scope of kind " + kind);
            }
        }
        new DateRange(since, until); // the one window rule: throws if it ends before it starts
        paths.forEach(PathGlobs::check);
    }

    /** Commits. */
    public Scope(List<Part> parts, Long since, Long until, boolean includeBots, boolean includeMerges, List<String> paths) {
        this(parts, since, until, includeBots, includeMerges, paths, COMMITS);
    }

    /** No path filter, merges left out. */
    public Scope(List<Part> parts, Long since, Long until, boolean includeBots) {
        this(parts, since, until, includeBots, false, List.of());
    }

    /** Several repositories under the same scope key. */
    public Scope(List<Integer> repositories, String scopeKey, Long since, Long until, boolean includeBots) {
        this(repositories.stream().map(r -> new Part(r, scopeKey)).toList(), since, until, includeBots);
    }

    /**
     * A container's contributions: for commits, one repository (by store id) under one collection scope key;
     * for other kinds, the container (a list, a tracker project) whole, with a null key.
     */
    public record Part(int repository, String scopeKey, String family) {
        /** A part of the scope's own kind (its family implied by the kind). */
        public Part(int repository, String scopeKey) {
            this(repository, scopeKey, null);
        }

        /** A part of a scope of every kind ({@link Kinds#ALL}): a container of {@code family}; repositories under a key. */
        public static Part of(String family, int container, String scopeKey) {
            if (family.equals(Kinds.REPOSITORY) != (scopeKey != null)) {
                throw new IllegalArgumentException("a repository part has a scope key, other containers none: " + family);
            }
            return new Part(container, scopeKey, family);
        }
    }

    /** The contributions of {@code kind} in these containers (lists, projects) over a window. */
    public static Scope of(String kind, List<Integer> containers, Long since, Long until, boolean includeBots) {
        return new Scope(containers.stream().map(c -> new Part(c, null)).toList(), since, until, includeBots, false, List.of(), kind);
    }

    /**
     * Contributions of every kind ({@link Kinds#ALL}) in {@code parts} (each naming its family), merges left out
     * (or in, when {@code includeMerges}).
     */
    public static Scope all(List<Part> parts, Long since, Long until, boolean includeBots, boolean includeMerges) {
        return new Scope(parts, since, until, includeBots, includeMerges, List.of(), Kinds.ALL);
    }

    /** Whether this scope counts commits (the kind with scopes, merges, paths and lines). */
    public boolean commits() {
        return kind.equals(COMMITS);
    }

    /** Whether this scope counts contributions of every kind. */
    public boolean allKinds() {
        return kind.equals(Kinds.ALL);
    }

    /** The store ids of the repositories in scope, in order, without repeats. */
    public List<Integer> repositories() {
        return parts.stream().map(Part::repository).distinct().toList();
    }

    /** This scope restricted to files matching any of {@code globs} (replacing any earlier path filter). */
    public Scope withPaths(List<String> globs) {
        return new Scope(parts, since, until, includeBots, includeMerges, globs, kind);
    }

    public Scope withMerges(boolean merges) {
        return new Scope(parts, since, until, includeBots, merges, paths, kind);
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
        return new Scope(parts, from, to, includeBots, includeMerges, paths, kind);
    }
}
