package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.identity.EmailRules;
import dev.tributary.identity.Mailmap;
import dev.tributary.model.Commit;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.GitSource;
import dev.tributary.source.git.ResolvedScope;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Collects one repository's scope into the store, incrementally: if the scope's tips are those of the
 * last completed run, nothing is read; otherwise the scope is walked and only commits not yet stored are
 * diffed. Batches are committed as they fill; the scope's membership and cursor are written last.
 */
public final class CollectGit {
    private static final int BATCH = 1000;

    private CollectGit() {
    }

    /**
     * What one collect did.
     *
     * @param peopleChanged whether the repository's people were re-resolved (new commits or a new .mailmap),
     *                      so the organization resolution needs rebuilding
     */
    public record Result(int repositoryId, String name, int reachable, int read, boolean upToDate, boolean peopleChanged) {
    }

    /** Collects one repository's scope, then brings the identity resolution up to date if it changed. */
    public static Result run(Store store, Path repository, GitScope scope, int threads, Progress progress) {
        Result r = collect(store, repository, scope, threads, progress);
        if (!Resolve.ifPolicyChanged(store) && r.peopleChanged()) {
            Resolve.run(store);
        }
        if (!r.upToDate()) {
            PatchReview.link(store); // new commits may be what mailed patches became
        }
        return r;
    }

    /**
     * Collects one repository's scope under the name a project file gives it (null: named after its folder),
     * then brings the identity resolution up to date if it changed.
     */
    public static Result run(Store store, Path repository, String name, GitScope scope, int threads, Progress progress) {
        Result r = collect(store, repository, name, scope, threads, progress);
        if (r.peopleChanged()) {
            Resolve.run(store);
        }
        return r;
    }

    /**
     * Collects without rebuilding the resolution: for callers collecting several scopes, who resolve once after.
     * Commits whose stored result is partial ({@link Store#partialCommits}) are read again, and replaced when
     * they now read whole (a restored blob) or when the scope's history changed (a deepened shallow clone).
     * Every use of the store is synchronized on it, so several repositories can be collected at once on one
     * store (one DuckDB connection), each reading its repository in parallel with the others' writes.
     */
    static Result collect(Store store, Path repository, GitScope scope, int threads, Progress progress) {
        return collect(store, repository, null, scope, threads, progress);
    }

    /**
     * As {@link #collect(Store, Path, GitScope, int, Progress)}, under the name a project file gives the
     * repository (null: its folder's name). The name is stored, so that two clones in folders both called
     * {@code repo} are told apart everywhere (reports, API, dashboard).
     */
    static Result collect(Store store, Path repository, String name, GitScope scope, int threads, Progress progress) {
        try (GitSource git = GitSource.open(repository)) {
            ResolvedScope resolved = null;
            Optional<ResolvedScope> byRefs = git.resolveFromRefs(scope);
            if (byRefs.isPresent()) {
                synchronized (store) {
                    Optional<Integer> known = store.repositoryAt(git.location());
                    if (known.isPresent() && store.cursor(known.get(), scope.key()).equals(Optional.of(byRefs.get().tips()))) {
                        resolved = byRefs.get(); // the refs still name what the cursor holds: no object is opened
                    }
                }
            }
            if (resolved == null) {
                resolved = git.resolve(scope);
            }
            String mailmapKey = git.mailmapKey();
            Set<String> shallow = new HashSet<>(resolved.shallow());
            int repo;
            Optional<List<String>> cursor;
            Set<String> partial;
            synchronized (store) {
                repo = store.repository(git.location(), name != null ? name : git.name());
                if (name != null) {
                    store.renameRepository(repo, name);
                }
                Optional<String> notesTip = git.reviewNotesTip();
                if (notesTip.isPresent() && !notesTip.equals(store.reviews().notesTip(repo))) {
                    // Gerrit's review notes move on their own ref: read whole again whenever its tip moved
                    store.reviews().replaceNotes(repo, git.reviewNotes());
                }
                cursor = store.cursor(repo, scope.key());
                partial = store.partialCommits(repo);
                if (cursor.isPresent() && cursor.get().equals(resolved.tips())) {
                    boolean changed = !partial.isEmpty() && rereadPartial(store, git, repo, partial, shallow, threads, progress);
                    if (changed || !store.mailmapDigest(repo).equals(Optional.of(mailmapKey))) { // or the .mailmap changed
                        resolvePeople(store, repo, git.mailmap().orElse(""), mailmapKey);
                        changed = true;
                    }
                    return new Result(repo, name != null ? name : git.name(), -1, 0, true, changed);
                }
            }
            Set<String> stored;
            synchronized (store) {
                stored = store.storedCommits(repo);
            }
            if (resolved.include().isEmpty() && cursor.isPresent() && !stored.isEmpty()) {
                // a source that looks empty never deletes what is stored
                throw new TributaryException.InvalidInput(git.name() + ": " + scope.key() + " reaches no commit now, while "
                        + stored.size() + " are stored from an earlier collect; nothing was collected or dropped");
            }
            List<ObjectId> reachable = git.walk(resolved, id -> !stored.contains(id.name()) || partial.contains(id.name()));
            List<ObjectId> todo = new ArrayList<>();
            List<String> members = new ArrayList<>(reachable.size());
            for (ObjectId id : reachable) {
                String sha = id.name();
                members.add(sha);
                if (!stored.contains(sha) || partial.contains(sha)) {
                    todo.add(id);
                }
            }
            List<Commit> batch = new ArrayList<>(BATCH);
            List<Warning> warnings = new ArrayList<>();
            git.read(todo, threads, (commit, w) -> {
                if (commit != null) {
                    batch.add(commit);
                    if (shallow.contains(commit.sha())) {
                        warnings.add(shallowWarning(commit.sha()));
                    }
                    long a = commit.author().epochSeconds();
                    if (a < 0 || a > System.currentTimeMillis() / 1000 + Store.POSSIBLE_AHEAD_SECONDS) {
                        warnings.add(new Warning("impossible-date", commit.sha(), "commit " + commit.sha() + ": author date " + a
                                + " is impossible (before 1970 or after it was collected): metrics count it at its committer date"
                                + " when that is possible, else at the nearest possible one"));
                    }
                }
                warnings.addAll(w);
                if (batch.size() >= BATCH) {
                    synchronized (store) {
                        store.writeBatch(repo, batch, warnings, partial);
                    }
                    batch.clear();
                    warnings.clear();
                }
            }, progress.labelled(name != null ? name : git.name()));
            String mailmap = git.mailmap().orElse("");
            synchronized (store) {
                store.writeBatch(repo, batch, warnings, partial);
                store.completeScope(repo, scope.key(), resolved.tips(), members);
                resolvePeople(store, repo, mailmap, mailmapKey);
            }
            return new Result(repo, name != null ? name : git.name(), reachable.size(), todo.size(), false, true);
        }
    }

    private static Warning shallowWarning(String sha) {
        return new Warning("shallow", sha, "commit " + sha + " is on the boundary of a shallow clone: its parents are not in the"
                + " repository, so its files are counted against an empty tree and the history behind it is missing;"
                + " it is read again once the history is fetched (git fetch --unshallow)");
    }

    /**
     * Reads the partial commits of an unchanged scope again and replaces those that now read whole.
     *
     * @return whether anything was replaced
     */
    private static boolean rereadPartial(Store store, GitSource git, int repo, Set<String> partial, Set<String> shallow,
            int threads, Progress progress) {
        List<ObjectId> ids = new ArrayList<>();
        for (String sha : partial) {
            if (ObjectId.isId(sha) && !shallow.contains(sha)) {
                ids.add(ObjectId.fromString(sha));
            }
        }
        if (ids.isEmpty()) {
            return false;
        }
        List<Commit> whole = new ArrayList<>();
        git.read(ids, threads, (commit, w) -> {
            if (commit != null && w.isEmpty()) {
                whole.add(commit);
            }
        }, progress);
        if (whole.isEmpty()) {
            return false;
        }
        store.writeBatch(repo, whole, List.of(), partial);
        return true;
    }

    /**
     * Asks that every stored commit of the repository at {@code repository} be read again by its next collect,
     * keeping the rest of the store (curation, audit log, other repositories): see {@link Store#requestReread}.
     *
     * @return how many commits will be read again (0 for a repository never collected)
     */
    public static int requestReread(Store store, Path repository) {
        try (GitSource git = GitSource.open(repository)) {
            return store.requestReread(store.repository(git.location(), git.name()));
        }
    }

    /**
     * Maps each raw author of the repository to a person: the lower-cased email after the repository's
     * .mailmap and then the curated ones (a later line wins, as in one file), shown under the mailmap's proper
     * name when it gives one.
     */
    static void resolvePeople(Store store, int repo, String repoMailmap, String mailmapKey) {
        // gitdm and Stackalytics never read a repository's .mailmap: under their rules it is kept but not applied
        StringBuilder text = new StringBuilder(store.curation().policy().mailmap() ? repoMailmap : "");
        for (String curated : store.curation().mailmaps()) {
            text.append('\n').append(curated);
        }
        Mailmap mailmap = Mailmap.parse(text.toString());
        List<Store.IdentityRow> rows = new ArrayList<>();
        for (String[] a : store.authors(repo)) {
            Mailmap.Mapping m = mailmap.map(a[0], a[1]);
            rows.add(new Store.IdentityRow(a[0], a[1], EmailRules.person(a[0], m.email()), m.name(),
                    EmailRules.bot(a[0], a[1])));
        }
        store.replaceIdentities(repo, rows, mailmapKey, repoMailmap);
    }

    /** Re-applies the mailmaps (each repository's as last read, and the curated ones) to every repository. */
    static void resolveAuthors(Store store) {
        for (var e : store.repositoryMailmaps().entrySet()) {
            resolvePeople(store, e.getKey(), e.getValue(), store.mailmapDigest(e.getKey()).orElse(""));
        }
    }
}
