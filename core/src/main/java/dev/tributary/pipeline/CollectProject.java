package dev.tributary.pipeline;

import dev.tributary.model.Curated;
import dev.tributary.project.Project;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a project up to date: imports its curated affiliation files, collects every repository's history
 * (HEAD) and every release's ranges, and its mailing lists, incrementally. Returns what it did, for the
 * scopes that follow.
 */
public final class CollectProject {
    private CollectProject() {
    }

    /** Store ids by repository name, the problems the curated files had, and what each mailing list's collect did. */
    public record Result(Map<String, Integer> repositories, List<Curated.Problem> problems, List<CollectMail.Result> mail,
            List<Tracked> trackers) {
        /** Without mailing lists (a store read as it is). */
        public Result(Map<String, Integer> repositories, List<Curated.Problem> problems) {
            this(repositories, problems, List.of(), List.of());
        }

        public Result(Map<String, Integer> repositories, List<Curated.Problem> problems, List<CollectMail.Result> mail) {
            this(repositories, problems, mail, List.of());
        }
    }

    /**
     * What collecting one of the project's issue trackers did: issues and comments stored (a rerun with nothing new
     * stores none), or the failure that stopped it (what was stored before it stays; the next run resumes).
     */
    public record Tracked(String name, String kind, boolean live, int issues, int comments, String failure) {
    }

    public static Result run(Store store, Project project, int threads, Progress progress) {
        return run(store, project, null, threads, progress);
    }

    /**
     * Like {@link #run(Store, Project, int, Progress)}; with {@code release} given as ranges, collects those ranges
     * only (no repository's whole history): what the release's table needs, in a fraction of the time on a fresh
     * store. A release given as a date window needs every repository's HEAD, which is collected.
     */
    public static Result run(Store store, Project project, String release, int threads, Progress progress) {
        List<Curated.Problem> problems = new ArrayList<>();
        boolean curatedChanged = false;
        boolean mailmapChanged = false;
        if (!project.affiliations().isEmpty()) {
            progress.start("importing curated files", project.affiliations().size());
        }
        int imported = 0;
        for (Project.Affiliation a : project.affiliations()) {
            progress.advance(imported++);
            ImportCurated.Stored s = ImportCurated.storeIfChanged(store, a.kind(), a.path());
            problems.addAll(s.curated().problems());
            curatedChanged |= s.changed();
            mailmapChanged |= s.changed() && a.kind().equals("mailmap");
        }
        if (!project.affiliations().isEmpty()) {
            progress.advance(imported);
            progress.finish();
        }
        curatedChanged |= store.curation().setOverrides(project.identities());
        Project.Release scoped = release == null ? null : project.release(release).filter(r -> !r.ranges().isEmpty()).orElse(null);
        boolean peopleChanged = false;
        Map<String, Integer> ids = new LinkedHashMap<>();
        java.util.Set<String> skipped = new java.util.HashSet<>();
        for (Project.Repository r : project.repositories()) {
            boolean wanted = scoped == null || scoped.ranges().containsKey(r.name());
            if (wanted && r.url() != null) { // clone or fetch it into the cache first; a failure skips this repository alone
                try {
                    var a = new dev.tributary.source.git.RepositoryCache(dev.tributary.source.git.RepositoryCache.defaultRoot()).acquire(r.url(), true);
                    if (a.warning() != null) {
                        problems.add(new Curated.Problem("repository '" + r.name() + "'", 0, a.warning()));
                    }
                } catch (dev.tributary.TributaryException.InvalidInput e) {
                    problems.add(new Curated.Problem("repository '" + r.name() + "'", 0, e.getMessage() + "; skipped"));
                    skipped.add(r.name());
                    continue;
                }
            }
            if (scoped != null) {
                if (wanted) {
                    store.findRepository(r.path(), r.name()).ifPresent(id -> ids.put(r.name(), id));
                }
                continue;
            }
            CollectGit.Result c = CollectGit.collect(store, r.path(), r.name(), GitScope.HEAD, threads, progress);
            ids.put(r.name(), c.repositoryId());
            peopleChanged |= c.peopleChanged();
        }
        for (Project.Release rel : project.everyRelease()) {
            if (scoped != null && rel != scoped) {
                continue;
            }
            for (var e : rel.ranges().entrySet()) {
                Project.Repository r = project.repositories().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                        .orElseThrow();
                if (skipped.contains(r.name())) {
                    continue;
                }
                CollectGit.Result c = CollectGit.collect(store, r.path(), r.name(), GitScope.range(e.getValue()), threads, progress);
                ids.putIfAbsent(r.name(), c.repositoryId());
                peopleChanged |= c.peopleChanged();
            }
        }
        if (Resolve.ifPolicyChanged(store)) {
            mailmapChanged = false;
            curatedChanged = false;
            peopleChanged = false;
        }
        if (mailmapChanged) {
            Resolve.people(store); // a curated .mailmap changed: every repository's people, nothing re-read
        }
        if (curatedChanged || peopleChanged) {
            Resolve.run(store); // once for the whole project, not once per repository and range
        }
        boolean gitChanged = peopleChanged;
        // the project's mailing lists, incrementally (an unchanged archive is skipped); a path that cannot be
        // read is reported with the rest collected
        List<CollectMail.Result> mail = new ArrayList<>();
        for (Project.MailingList l : project.mailingLists()) {
            CollectMail.Result m = CollectMail.run(store, l.name(), l.paths(), progress);
            mail.add(m);
            m.failures().forEach(f -> problems.add(new Curated.Problem("mailing list '" + l.name() + "'", 0, f)));
        }
        if (gitChanged && mail.stream().noneMatch(m -> m.archives().stream().anyMatch(a -> !a.status().equals("unchanged")
                && !a.status().equals("failed")))) {
            PatchReview.link(store); // new commits, no new mail: the mail collect did not link them
        }
        List<Tracked> tracked = trackers(store, project, threads, progress, problems);
        return new Result(ids, problems, mail, tracked);
    }

    /**
     * The project's issue trackers, incrementally: saved files whose size and time are unchanged are not read again; a
     * live tracker is asked only for what changed since its mark, every answer kept in the raw archive beside the
     * store. A tracker that fails (a refused credential, a server that keeps failing, a missing file) is a problem
     * naming it; the others are still collected. Then the links to code are brought up to date.
     */
    private static List<Tracked> trackers(Store store, Project project, int threads, Progress progress, List<Curated.Problem> problems) {
        List<Tracked> out = new ArrayList<>();
        if (project.trackers().isEmpty()) {
            return out;
        }
        for (Project.Tracker t : project.trackers()) {
            String where = "tracker '" + t.name() + "'";
            try {
                if (t.live()) {
                    dev.tributary.source.http.Http http = new dev.tributary.source.http.Http(
                            dev.tributary.source.http.Http.Options.live(t.kind().credential(t.token(System.getenv())),
                                    new dev.tributary.source.http.RawArchive(java.nio.file.Path.of(store.path() + ".raw"))),
                            dev.tributary.source.http.Pause.sleeping(progress));
                    CollectTracker.Result r = CollectTracker.run(store, http, t.name(),
                            new CollectTracker.Target(t.kind(), t.api(), t.project()), progress);
                    r.warnings().forEach(w -> problems.add(new Curated.Problem(where, 0, w.location() + ": " + w.message())));
                    out.add(new Tracked(t.name(), t.kind().id(), true, r.issues(), r.comments(), null));
                } else {
                    CollectIssues.Result r = CollectIssues.run(store, t.name(), t.kind(), t.paths(),
                            new CollectIssues.Options(false, Math.max(1, threads)), progress);
                    r.warnings().forEach(w -> problems.add(new Curated.Problem(where, 0, w.location() + ": " + w.message())));
                    out.add(new Tracked(t.name(), t.kind().id(), false, r.issues(), r.comments(), null));
                }
            } catch (dev.tributary.TributaryException.StoreFailure e) {
                throw e;
            } catch (dev.tributary.TributaryException e) {
                problems.add(new Curated.Problem(where, 0, e.getMessage() + "; what was stored stays, the next run resumes"));
                out.add(new Tracked(t.name(), t.kind().id(), t.live(), 0, 0, e.getMessage()));
            }
        }
        LinkIssues.refresh(store);
        return out;
    }
}
