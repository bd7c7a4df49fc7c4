package dev.tributary.project;

import dev.tributary.TributaryException;
import dev.tributary.model.Policy;
import dev.tributary.model.Dates;
import dev.tributary.source.issues.TrackerKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project file ({@code tributary.yaml}): the repositories of a project, its releases as tag ranges per
 * repository (or a date window), the curated affiliation files to import, and modules (a name for a set of
 * path globs, {@code dev.tributary.metrics.PathGlobs}). Relative paths resolve
 * against the file's folder. See {@code docs/project.md}.
 *
 * <p>An ecosystem file also lists {@link #projects()} ({@code projects:}), each with its repositories, releases and
 * modules; read as a whole, the project has every repository and the file's own releases and modules, and
 * {@link #select} reads it as one of its projects ({@link #selected()} then names it). Immutable.
 */
public record Project(Path file, String name, List<Repository> repositories, List<Release> releases,
        List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules,
        Masthead masthead, List<GitHub> github, List<Gerrit> gerrit, Policy.Overrides identities, List<Tracker> trackers,
        List<Member> projects, String selected) {

    public Project {
        projects = projects == null ? List.of() : List.copyOf(projects);
        trackers = trackers == null ? List.of() : List.copyOf(trackers);
        github = github == null ? List.of() : List.copyOf(github);
        gerrit = gerrit == null ? List.of() : List.copyOf(gerrit);
        repositories = List.copyOf(repositories);
        releases = List.copyOf(releases);
        affiliations = List.copyOf(affiliations);
        mailingLists = List.copyOf(mailingLists);
        modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
        masthead = masthead == null ? Masthead.NONE : masthead;
        identities = identities == null ? Policy.Overrides.NONE : identities;
    }

    /** A project file without {@code projects:}, read as a whole. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules,
            Masthead masthead, List<GitHub> github, List<Gerrit> gerrit, Policy.Overrides identities, List<Tracker> trackers) {
        this(file, name, repositories, releases, affiliations, mailingLists, modules, masthead, github, gerrit, identities, trackers,
                List.of(), null);
    }

    /**
     * A project of an ecosystem file ({@code projects:}): its name, the names of its repositories, and its own
     * releases (ranges over its repositories only, or windows) and modules. {@link #select} reads the file as that
     * project.
     */
    public record Member(String name, List<String> repositories, List<Release> releases, Map<String, List<String>> modules) {
        public Member {
            repositories = List.copyOf(repositories);
            releases = List.copyOf(releases);
            modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
        }
    }

    /**
     * The file read as one of its ecosystem's projects: that project's name, repositories, releases and modules;
     * what the file shares (affiliation files, identity rules, mailing lists, review sources, trackers, the
     * masthead) as the file has it. {@link #selected()} then names the project, and {@link #projects()} still lists
     * every project of the file.
     *
     * @throws TributaryException.InvalidInput when the file has no project of that name, naming the ones it has
     */
    public Project select(String project) {
        Member m = projects.stream().filter(x -> x.name().equals(project)).findFirst().orElseThrow(() ->
                new TributaryException.InvalidInput(file + ": no project named '" + project + "'" + (projects.isEmpty()
                        ? " (the file has no 'projects:')"
                        : " (known: " + projects.stream().map(Member::name).toList() + ")")));
        List<Repository> repos = repositories.stream().filter(r -> m.repositories().contains(r.name())).toList();
        return new Project(file, m.name(), repos, m.releases(), affiliations, mailingLists, m.modules(), masthead, github, gerrit,
                identities, trackers, projects, m.name());
    }

    /** Every release to collect: the file's own and, when it is read as a whole, every project's. */
    public List<Release> everyRelease() {
        if (selected != null || projects.isEmpty()) {
            return releases;
        }
        List<Release> out = new ArrayList<>(releases);
        projects.forEach(m -> out.addAll(m.releases()));
        return out;
    }

    /** A project without issue trackers. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules,
            Masthead masthead, List<GitHub> github, List<Gerrit> gerrit, Policy.Overrides identities) {
        this(file, name, repositories, releases, affiliations, mailingLists, modules, masthead, github, gerrit, identities, List.of());
    }

    /**
     * An issue tracker ({@code trackers:} in the file): its name in the store and its kind, then either
     * {@code project} to collect live from {@code apiUrl} (null: the kind's public server) with the credential
     * named by {@code tokenEnv} (an environment variable) or {@code tokenFile}, or the saved responses of
     * {@code patterns} (absolute paths or globs, expanded by {@link #paths()}). The credential itself is never
     * in the file. See docs/issues.md.
     */
    public record Tracker(String name, TrackerKind kind, String project, java.net.URI apiUrl, List<String> patterns,
            String tokenEnv, Path tokenFile) {
        public Tracker {
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
        }

        /** Whether it is collected from the network ({@code project}) rather than from saved files. */
        public boolean live() {
            return project != null;
        }

        /** The API root: {@code apiUrl}, else the kind's public server. */
        public java.net.URI api() {
            return apiUrl != null ? apiUrl : java.net.URI.create(kind.defaultApi());
        }

        /** The saved files, globs expanded (as a mailing list's: a glob matching nothing is kept, for the collect to name). */
        public List<Path> paths() {
            return expand("tracker '" + name + "'", patterns);
        }

        /**
         * The credential: of {@code tokenFile}, else of the variable {@code tokenEnv} (which must then be set),
         * else of the kind's usual variable ({@code $GITHUB_TOKEN}, ...) if set, else none (anonymous).
         *
         * @throws TributaryException.InvalidInput naming the tracker and the key when the named file or variable gives none
         */
        public java.util.Optional<dev.tributary.source.http.Token> token(Map<String, String> environment) {
            if (tokenFile != null) {
                return java.util.Optional.of(dev.tributary.source.http.Token.fromFile(tokenFile));
            }
            if (tokenEnv != null) {
                String v = environment.get(tokenEnv);
                if (v == null || v.isBlank()) {
                    throw new TributaryException.InvalidInput("tracker '" + name + "': tokenEnv names $" + tokenEnv
                            + ", which is not set");
                }
                return java.util.Optional.of(dev.tributary.source.http.Token.bearer(v.strip(), "$" + tokenEnv));
            }
            return dev.tributary.source.http.Token.find(null, environment, kind.tokenVariable());
        }
    }

    /** A project that overrides no identity rule. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules,
            Masthead masthead, List<GitHub> github, List<Gerrit> gerrit) {
        this(file, name, repositories, releases, affiliations, mailingLists, modules, masthead, github, gerrit, Policy.Overrides.NONE);
    }

    /** A project without review sources. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules, Masthead masthead) {
        this(file, name, repositories, releases, affiliations, mailingLists, modules, masthead, List.of(), List.of());
    }

    /**
     * A GitHub repository whose pull requests are collected ({@code github:} in the file): {@code OWNER/REPO},
     * optionally a {@code github-metadata-backup} folder to import instead of the API, and an API root
     * (GitHub Enterprise). See docs/reviews.md.
     */
    public record GitHub(String repo, Path backup, java.net.URI apiUrl) {
    }

    /**
     * A Gerrit project ({@code gerrit:} in the file): a server {@code url} and {@code project} for REST, or a
     * {@code dump} of {@code gerrit query --format=JSON} with the server's {@code host}.
     */
    public record Gerrit(java.net.URI url, String project, Path dump, String host) {
    }

    /** A project without a masthead of its own. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules) {
        this(file, name, repositories, releases, affiliations, mailingLists, modules, Masthead.NONE);
    }

    /**
     * The report's masthead ({@code report:} in the file): a title, a subtitle and a logo image; each may be
     * null (the report then uses the project's name, no subtitle, no logo).
     */
    public record Masthead(String title, String subtitle, Path logo) {
        public static final Masthead NONE = new Masthead(null, null, null);
    }

    /**
     * The project file to use when none is named: {@code tributary.yaml} in {@code dir} (the working folder)
     * if it is there, as git finds its config without being told.
     */
    public static Optional<Path> defaultFile(Path dir) {
        Path f = dir.resolve("tributary.yaml");
        return java.nio.file.Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** A project without modules. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists) {
        this(file, name, repositories, releases, affiliations, mailingLists, Map.of());
    }

    /**
     * A repository: its name, where it is read, and for one named by URL that URL ({@code path} is then its
     * clone in the repository cache, made or fetched before collecting); {@code group} is the ecosystem
     * project it belongs to ({@code projects:}), or its own name.
     */
    public record Repository(String name, Path path, String url, String group) {
        public Repository {
            group = group == null ? name : group;
        }

        public Repository(String name, Path path) {
            this(name, path, null, null);
        }
    }

    /** A release: per repository a git range {@code A..B}, and/or an author-date window [since, until). */
    public record Release(String name, Map<String, String> ranges, Long since, Long until) {
    }

    /** A curated file and its format: {@code gitdm}, {@code stackalytics} or {@code mailmap}. */
    public record Affiliation(String kind, Path path) {
    }

    /**
     * A mailing list: its name and its archives as paths or globs ({@code archives/dev/*.txt.gz}), absolute,
     * expanded by {@link #paths()} when collecting so that a new month is picked up.
     */
    public record MailingList(String name, List<String> patterns) {
        public MailingList {
            patterns = List.copyOf(patterns);
        }

        /**
         * The archive paths: a glob gives the files it matches, sorted (none if none match); a plain path is
         * given as it is, so that a missing file is reported by the collect.
         */
        public List<Path> paths() {
            return expand("list '" + name + "'", patterns);
        }
    }

    /**
     * Paths and globs: a glob gives the files it matches, sorted (a glob matching nothing is kept as it is); a
     * plain path is given as it is, so that a missing file is reported by the collect.
     */
    static List<Path> expand(String what, List<String> patterns) {
        List<Path> out = new ArrayList<>();
        for (String p : patterns) {
            int glob = firstGlobChar(p);
            if (glob < 0) {
                out.add(Path.of(p));
                continue;
            }
            Path base = Path.of(p.substring(0, p.lastIndexOf(java.io.File.separatorChar, glob) + 1));
            java.nio.file.PathMatcher m = base.getFileSystem().getPathMatcher("glob:" + p);
            if (!java.nio.file.Files.isDirectory(base)) {
                out.add(Path.of(p)); // reported by the collect as missing
                continue;
            }
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(base)) {
                List<Path> matched = s.filter(m::matches).sorted().toList();
                if (matched.isEmpty()) {
                    out.add(Path.of(p)); // a glob that matches nothing is reported by the collect, not ignored
                }
                out.addAll(matched);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new TributaryException.InvalidInput(what + ": cannot list " + base + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static int firstGlobChar(String p) {
        for (int i = 0; i < p.length(); i++) {
            if ("*?[{".indexOf(p.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads and checks a project file: bound to records by {@link ProjectYaml} (which refuses unknown keys,
     * duplicate keys, wrong types, anchors and second documents), then checked for meaning here.
     *
     * @throws TributaryException.InvalidInput naming the file, the line and column, and the field at fault
     */
    public static Project load(Path file) {
        ProjectYaml.Bound b = ProjectYaml.read(file);
        ProjectYaml.Root root = b.root();
        Path dir = file.toAbsolutePath().getParent();
        String name = root.name() != null && !root.name().isBlank() ? root.name()
                : root.ecosystem() != null && !root.ecosystem().isBlank() ? root.ecosystem() : file.getFileName().toString();
        List<Repository> repos = new ArrayList<>();
        List<ProjectYaml.RepositoryEntry> entries = new ArrayList<>(root.repositories() == null ? List.of() : root.repositories());
        List<String> groups = new ArrayList<>(java.util.Collections.nCopies(entries.size(), (String) null));
        List<Integer> memberOf = new ArrayList<>(java.util.Collections.nCopies(entries.size(), -1));
        List<ProjectYaml.ProjectEntry> pes = root.projects() == null ? List.of() : root.projects();
        for (int k = 0; k < pes.size(); k++) {
            ProjectYaml.ProjectEntry pe = pes.get(k);
            if (pe == null || pe.name() == null || pe.name().isBlank()) {
                throw b.bad(pe == null ? root : pe, "projects: every project needs a name");
            }
            if (pe.repositories() == null || pe.repositories().isEmpty()) {
                throw b.bad(pe, "project '" + pe.name() + "' lists no repositories");
            }
            for (int j = 0; j < k; j++) {
                if (pes.get(j).name().equals(pe.name())) {
                    throw b.bad(pe, "projects[" + k + "]: the name '" + pe.name() + "' is used twice");
                }
            }
            for (ProjectYaml.RepositoryEntry r : pe.repositories()) {
                entries.add(r);
                groups.add(pe.name());
                memberOf.add(k);
            }
        }
        if (entries.isEmpty()) {
            throw b.bad(root, "'repositories' must list at least one repository (name, path or url), or 'projects' their repositories");
        }
        dev.tributary.source.git.RepositoryCache cache = new dev.tributary.source.git.RepositoryCache(
                dev.tributary.source.git.RepositoryCache.defaultRoot());
        for (int i = 0; i < entries.size(); i++) {
            ProjectYaml.RepositoryEntry r = entries.get(i);
            boolean hasPath = r != null && r.path() != null && !r.path().isBlank();
            boolean hasUrl = r != null && r.url() != null && !r.url().isBlank();
            if (!hasPath && !hasUrl) {
                throw b.bad(r == null ? root : r, "repositories[" + i + "] has no path or url");
            }
            if (hasPath && hasUrl) {
                throw b.bad(r, "repositories[" + i + "] has both a path and a url: give one");
            }
            Path p;
            if (hasUrl) {
                if (!dev.tributary.source.git.RepositoryCache.isUrl(r.url())) {
                    throw b.bad(r, "repositories[" + i + "]: '" + dev.tributary.source.git.RepositoryCache.redacted(r.url())
                            + "' is not a repository URL (https://, ssh://, git://, file://, user@host:path)");
                }
                p = cache.pathFor(r.url());
            } else {
                p = dir.resolve(r.path()).normalize();
            }
            String rname = r.name() != null && !r.name().isBlank() ? r.name()
                    : p.getFileName().toString().replaceFirst("\\.git$", "");
            if (repos.stream().anyMatch(x -> x.name().equals(rname))) {
                throw b.bad(r, "repositories[" + i + "]: the name '" + rname + "' is used twice"
                        + (r.name() == null ? " (a bare path is named after its folder: give each a name)" : ""));
            }
            repos.add(new Repository(rname, p, hasUrl ? r.url() : null, groups.get(i)));
        }
        Map<String, String> ownerOf = new LinkedHashMap<>();
        for (int i = 0; i < repos.size(); i++) {
            ownerOf.put(repos.get(i).name(), memberOf.get(i) < 0 ? null : pes.get(memberOf.get(i)).name());
        }
        List<Release> releases = releases(b, root.releases(), repos, null, ownerOf);
        List<Member> members = new ArrayList<>();
        for (int k = 0; k < pes.size(); k++) {
            ProjectYaml.ProjectEntry pe = pes.get(k);
            List<Repository> own = new ArrayList<>();
            for (int i = 0; i < repos.size(); i++) {
                if (memberOf.get(i) == k) {
                    own.add(repos.get(i));
                }
            }
            members.add(new Member(pe.name(), own.stream().map(Repository::name).toList(),
                    releases(b, pe.releases(), own, pe.name(), ownerOf), modules(b, pe.modules(), pe.name())));
        }
        List<Affiliation> affiliations = new ArrayList<>();
        List<ProjectYaml.AffiliationEntry> as = root.affiliations() == null ? List.of() : root.affiliations();
        for (int i = 0; i < as.size(); i++) {
            ProjectYaml.AffiliationEntry a = as.get(i);
            Map<String, String> set = new LinkedHashMap<>();
            if (a != null) {
                if (a.gitdm() != null) {
                    set.put("gitdm", a.gitdm());
                }
                if (a.stackalytics() != null) {
                    set.put("stackalytics", a.stackalytics());
                }
                if (a.mailmap() != null) {
                    set.put("mailmap", a.mailmap());
                }
                if (a.sortinghat() != null) {
                    set.put("sortinghat", a.sortinghat());
                }
            }
            if (set.size() != 1 || set.values().iterator().next().isBlank()) {
                throw b.bad(a, "affiliations[" + i + "]: expected one of gitdm, stackalytics, mailmap, sortinghat with a path");
            }
            var e = set.entrySet().iterator().next();
            affiliations.add(new Affiliation(e.getKey(), dir.resolve(e.getValue()).normalize()));
        }
        List<MailingList> lists = new ArrayList<>();
        List<ProjectYaml.ListEntry> ls = root.mailingLists() == null ? List.of() : root.mailingLists();
        for (int i = 0; i < ls.size(); i++) {
            ProjectYaml.ListEntry l = ls.get(i);
            String lname = l == null || l.name() == null ? "" : l.name();
            if (lname.isBlank()) {
                throw b.bad(l, "mailingLists[" + i + "] has no name");
            }
            if (lists.stream().anyMatch(x -> x.name().equals(lname))) {
                throw b.bad(l, "mailingLists[" + i + "]: the name '" + lname + "' is used twice");
            }
            if (l.paths() != null && l.path() != null) {
                throw b.bad(l, "list '" + lname + "': give 'paths' or 'path', not both");
            }
            ProjectYaml.Strings ps = l.paths() != null ? l.paths() : l.path();
            List<String> patterns = new ArrayList<>();
            for (String p : ps == null ? List.<String>of() : ps.values()) {
                if (!p.isBlank()) {
                    patterns.add(dir.resolve(p).normalize().toString());
                }
            }
            if (patterns.isEmpty()) {
                throw b.bad(l, "list '" + lname + "' needs 'paths' (files, folders or globs)");
            }
            lists.add(new MailingList(lname, patterns));
        }
        Map<String, List<String>> modules = modules(b, root.modules(), null);
        Masthead masthead = Masthead.NONE;
        if (root.report() != null) {
            ProjectYaml.ReportEntry r = root.report();
            Path logo = r.logo() == null || r.logo().isBlank() ? null : dir.resolve(r.logo()).normalize();
            masthead = new Masthead(r.title(), r.subtitle(), logo);
        }
        List<GitHub> github = new ArrayList<>();
        List<ProjectYaml.GitHubEntry> gh = root.github() == null ? List.of() : root.github();
        for (int i = 0; i < gh.size(); i++) {
            ProjectYaml.GitHubEntry g = gh.get(i);
            String repo = g == null || g.repo() == null ? "" : g.repo().strip();
            if (!repo.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}") || repo.contains("..")) {
                throw b.bad(g, "github[" + i + "]: 'repo' must be OWNER/REPO, not '" + repo + "'");
            }
            java.net.URI api = null;
            if (g.apiUrl() != null && !g.apiUrl().isBlank()) {
                api = url(b, g, "github[" + i + "].apiUrl", g.apiUrl());
            }
            Path backup = g.backup() == null || g.backup().isBlank() ? null : dir.resolve(g.backup()).normalize();
            if (github.stream().anyMatch(x -> x.repo().equalsIgnoreCase(repo))) {
                throw b.bad(g, "github[" + i + "]: '" + repo + "' is listed twice");
            }
            github.add(new GitHub(repo, backup, api));
        }
        List<Gerrit> gerrit = new ArrayList<>();
        List<ProjectYaml.GerritEntry> gr = root.gerrit() == null ? List.of() : root.gerrit();
        for (int i = 0; i < gr.size(); i++) {
            ProjectYaml.GerritEntry g = gr.get(i);
            boolean rest = g != null && g.url() != null && !g.url().isBlank();
            boolean dump = g != null && g.dump() != null && !g.dump().isBlank();
            if (rest == dump) {
                throw b.bad(g, "gerrit[" + i + "]: give 'url' with 'project', or 'dump' (with 'host')");
            }
            if (rest && (g.project() == null || g.project().isBlank())) {
                throw b.bad(g, "gerrit[" + i + "]: 'url' needs 'project'");
            }
            gerrit.add(new Gerrit(rest ? url(b, g, "gerrit[" + i + "].url", g.url()) : null, rest ? g.project().strip() : null,
                    dump ? dir.resolve(g.dump()).normalize() : null, g.host() == null || g.host().isBlank() ? null : g.host().strip()));
        }
        return new Project(file, name, repos, releases, affiliations, lists, modules, masthead, github, gerrit,
                identities(b, root.identities()), trackers(b, dir, root.trackers()), members, null);
    }

    /**
     * {@code releases:} of the file ({@code project} null) or of one of its projects, whose ranges may name only
     * {@code own} repositories; {@code ownerOf} gives each repository of the file its project (null: the top level),
     * to say where a repository of another project is.
     */
    private static List<Release> releases(ProjectYaml.Bound b, List<ProjectYaml.ReleaseEntry> entries, List<Repository> own,
            String project, Map<String, String> ownerOf) {
        String of = project == null ? "" : " of project '" + project + "'";
        String at = project == null ? "" : "project '" + project + "': ";
        List<Release> releases = new ArrayList<>();
        List<ProjectYaml.ReleaseEntry> rels = entries == null ? List.of() : entries;
        for (int i = 0; i < rels.size(); i++) {
            ProjectYaml.ReleaseEntry r = rels.get(i);
            String rname = r == null || r.name() == null ? "" : r.name();
            if (rname.isBlank()) {
                throw b.bad(r, at + "releases[" + i + "] has no name");
            }
            if (releases.stream().anyMatch(x -> x.name().equals(rname))) {
                throw b.bad(r, at + "releases[" + i + "]: the name '" + rname + "' is used twice");
            }
            Map<String, String> ranges = new LinkedHashMap<>();
            for (var e : ProjectYaml.ordered(r.ranges()).entrySet()) {
                if (own.stream().noneMatch(x -> x.name().equals(e.getKey()))) {
                    String elsewhere = !ownerOf.containsKey(e.getKey()) ? "" : " ('" + e.getKey() + "' is a repository of "
                            + (ownerOf.get(e.getKey()) == null ? "the file's top level" : "project '" + ownerOf.get(e.getKey()) + "'") + ")";
                    throw b.bad(r, "release '" + rname + "'" + of + ": range for unknown repository '" + e.getKey() + "'"
                            + (!elsewhere.isEmpty() ? elsewhere : dev.tributary.model.Names.closest(e.getKey(),
                                    own.stream().map(Repository::name).toList()).map(n -> " (did you mean '" + n + "'?)").orElse("")));
                }
                String range = e.getValue() == null ? "" : e.getValue();
                if (!range.contains("..")) {
                    throw b.bad(r, "release '" + rname + "'" + of + ", " + e.getKey() + ": expected a range A..B, got '" + range + "'");
                }
                ranges.put(e.getKey(), range);
            }
            Long since;
            Long until;
            try {
                since = Dates.parseOptional(r.since());
                until = Dates.parseOptional(r.until());
            } catch (IllegalArgumentException e) {
                throw b.bad(r, "release '" + rname + "'" + of + ": " + e.getMessage());
            }
            if (ranges.isEmpty() && since == null && until == null) {
                throw b.bad(r, "release '" + rname + "'" + of + " needs ranges or since/until");
            }
            if (since != null && until != null && until < since) {
                throw b.bad(r, "release '" + rname + "'" + of + ": until " + r.until() + " is before since " + r.since());
            }
            releases.add(new Release(rname, ranges, since, until));
        }
        return releases;
    }

    /** {@code modules:} of the file ({@code project} null) or of one of its projects: names for lists of path globs. */
    private static Map<String, List<String>> modules(ProjectYaml.Bound b, Map<String, ProjectYaml.Strings> entries, String project) {
        String of = project == null ? "" : " of project '" + project + "'";
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (var e : ProjectYaml.ordered(entries).entrySet()) {
            ProjectYaml.Strings g = e.getValue();
            List<String> globs = g == null ? List.of() : g.values();
            if (e.getKey().isBlank() || globs.isEmpty()) {
                throw b.bad(g, "module '" + e.getKey() + "'" + of + " needs a list of path globs, e.g. [nova/compute/**]");
            }
            for (String glob : globs) {
                try {
                    dev.tributary.model.PathGlobs.check(glob);
                } catch (TributaryException.InvalidInput x) {
                    throw b.bad(g, "module '" + e.getKey() + "'" + of + ": " + x.getMessage());
                }
            }
            modules.put(e.getKey(), List.copyOf(globs));
        }
        return modules;
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** {@code trackers:}: each checked, every error naming the entry and the key at fault. */
    private static List<Tracker> trackers(ProjectYaml.Bound b, Path dir, List<ProjectYaml.TrackerEntry> entries) {
        List<Tracker> out = new ArrayList<>();
        List<ProjectYaml.TrackerEntry> ts = entries == null ? List.of() : entries;
        for (int i = 0; i < ts.size(); i++) {
            ProjectYaml.TrackerEntry t = ts.get(i);
            String at = "trackers[" + i + "]";
            if (t == null || t.name() == null || t.name().isBlank()) {
                throw b.bad(t, at + " has no name (the tracker's name in the store, e.g. rust-lang/rust or ZOOKEEPER)");
            }
            String tname = t.name().strip();
            at = at + " '" + tname + "'";
            if (tname.length() > 200 || tname.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw b.bad(t, at + ".name: at most 200 printable characters");
            }
            if (out.stream().anyMatch(x -> x.name().equals(tname))) {
                throw b.bad(t, at + ": the name '" + tname + "' is used twice");
            }
            for (String[] secret : new String[][] {{"token", t.token()}, {"apiKey", t.apiKey()}, {"password", t.password()}}) {
                if (secret[1] != null) {
                    throw b.bad(t, at + "." + secret[0] + ": a credential never goes in the project file; name the "
                            + "environment variable that holds it (tokenEnv) or a file (tokenFile)");
                }
            }
            if (t.kind() == null || t.kind().isBlank()) {
                throw b.bad(t, at + ".kind is missing: github, jira, launchpad or bugzilla");
            }
            TrackerKind kind;
            try {
                kind = TrackerKind.of(t.kind());
            } catch (TributaryException.InvalidInput e) {
                throw b.bad(t, at + ".kind: " + e.getMessage());
            }
            if (t.paths() != null && t.path() != null) {
                throw b.bad(t, at + ": give 'paths' or 'path', not both");
            }
            ProjectYaml.Strings ps = t.paths() != null ? t.paths() : t.path();
            List<String> patterns = new ArrayList<>();
            for (String p : ps == null ? List.<String>of() : ps.values()) {
                if (!p.isBlank()) {
                    patterns.add(dir.resolve(p).normalize().toString());
                }
            }
            boolean live = t.project() != null && !t.project().isBlank();
            if (live == !patterns.isEmpty()) {
                throw b.bad(t, at + ": give 'project' (collected live) or 'paths' (saved responses), "
                        + (live ? "not both" : "one of them"));
            }
            if (!live && (t.apiUrl() != null || t.tokenEnv() != null || t.tokenFile() != null)) {
                throw b.bad(t, at + ": " + (t.apiUrl() != null ? "apiUrl" : t.tokenEnv() != null ? "tokenEnv" : "tokenFile")
                        + " is for a live tracker (with 'project'); saved responses need none");
            }
            java.net.URI api = t.apiUrl() == null || t.apiUrl().isBlank() ? null : url(b, t, at + ".apiUrl", t.apiUrl());
            if (api != null && api.getUserInfo() != null) {
                throw b.bad(t, at + ".apiUrl: a credential never goes in the project file (the URL holds user info); "
                        + "use tokenEnv or tokenFile");
            }
            if (t.tokenEnv() != null && t.tokenFile() != null) {
                throw b.bad(t, at + ": give 'tokenEnv' or 'tokenFile', not both");
            }
            if (t.tokenEnv() != null && !VARIABLE.matcher(t.tokenEnv()).matches()) {
                throw b.bad(t, at + ".tokenEnv: expected the name of an environment variable (letters, digits, _), such as "
                        + kind.tokenVariable());
            }
            if (t.tokenFile() != null && t.tokenFile().isBlank()) {
                throw b.bad(t, at + ".tokenFile is empty");
            }
            if (live) {
                try {
                    kind.checkProject(t.project().strip());
                } catch (TributaryException.InvalidInput e) {
                    throw b.bad(t, at + ".project: " + e.getMessage());
                }
            }
            out.add(new Tracker(tname, kind, live ? t.project().strip() : null, api, patterns, t.tokenEnv(),
                    t.tokenFile() == null ? null : dir.resolve(t.tokenFile()).normalize()));
        }
        return out;
    }

    public Optional<Tracker> tracker(String name) {
        return trackers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static java.net.URI url(ProjectYaml.Bound b, Object at, String field, String text) {
        try {
            java.net.URI u = new java.net.URI(text.strip());
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw b.bad(at, field + ": '" + text + "' is not an http(s) URL");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw b.bad(at, field + ": '" + text + "' is not a URL");
        }
    }

    /**
     * {@code identities: {rules: gitdm, mailmap: false, mergeByName: true, unmatched: independent}}: overrides of the
     * rules the curated files bring (docs/identities.md).
     */
    private static Policy.Overrides identities(ProjectYaml.Bound b, ProjectYaml.IdentitiesEntry n) {
        if (n == null) {
            return Policy.Overrides.NONE;
        }
        Policy.Rules rules = null;
        if (n.rules() != null) {
            try {
                rules = Policy.Rules.valueOf(n.rules().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw b.bad(n, "identities.rules: expected tributary, gitdm or stackalytics, got '" + n.rules() + "'");
            }
        }
        Policy.Unmatched unmatched = null;
        if (n.unmatched() != null) {
            try {
                unmatched = Policy.Unmatched.parse(n.unmatched(), "identities.unmatched");
            } catch (IllegalArgumentException e) {
                throw b.bad(n, e.getMessage());
            }
        }
        return new Policy.Overrides(rules, n.mailmap(), n.mergeByName(), unmatched);
    }

    /**
     * The path globs of a module.
     *
     * @throws TributaryException.InvalidInput naming the module and the ones the file declares
     */
    public List<String> module(String name) {
        List<String> globs = modules.get(name);
        if (globs == null) {
            throw new TributaryException.InvalidInput(where() + "no module '" + name + "'"
                    + (modules.isEmpty() ? (selected == null ? " (the file declares none)" : " (the project declares none)")
                            : "; modules: " + String.join(", ", modules.keySet()))
                    + elsewhere(name, m -> m.modules().containsKey(name), "module"));
        }
        return globs;
    }

    /**
     * The release of that name.
     *
     * @throws TributaryException.InvalidInput naming the file (and the project read) and the releases it has; for a
     *                                         file read as a whole, also the projects that have a release of that name
     */
    public Release requireRelease(String name) {
        return release(name).orElseThrow(() -> new TributaryException.InvalidInput(where() + "no release named '" + name
                + "' (known: " + releases.stream().map(Release::name).toList() + ")"
                + elsewhere(name, m -> m.releases().stream().anyMatch(r -> r.name().equals(name)), "release")));
    }

    /** {@code FILE: } or {@code FILE: project 'P': }, the start of a message about what the file read as this has. */
    private String where() {
        return file + ": " + (selected == null ? "" : "project '" + selected + "': ");
    }

    /** For a file read as a whole: the projects that have what was asked for, so the user can choose one. */
    private String elsewhere(String name, java.util.function.Predicate<Member> has, String what) {
        if (selected != null) {
            return "";
        }
        List<String> in = projects.stream().filter(has).map(Member::name).toList();
        return in.isEmpty() ? "" : "; '" + name + "' is a " + what + " of project" + (in.size() == 1 ? " " : "s ")
                + String.join(", ", in) + ": choose the project (--in NAME; project= in the API)";
    }

    public Optional<MailingList> mailingList(String name) {
        return mailingLists.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Release> release(String name) {
        return releases.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
