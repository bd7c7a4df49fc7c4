package dev.tributary.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tributary.TributaryException;
import dev.tributary.model.Dates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project file ({@code tributary.yaml}): the repositories of a project, its releases as tag ranges per
 * repository (or a date window), the curated affiliation files to import, and modules (a name for a set of
 * path globs, {@code dev.tributary.metrics.PathGlobs}). Relative paths resolve
 * against the file's folder. See {@code docs/project.md}.
 */
public record Project(Path file, String name, List<Repository> repositories, List<Release> releases,
        List<Affiliation> affiliations, List<MailingList> mailingLists, Map<String, List<String>> modules) {

    public Project {
        mailingLists = List.copyOf(mailingLists);
        modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** A project without modules. */
    public Project(Path file, String name, List<Repository> repositories, List<Release> releases,
            List<Affiliation> affiliations, List<MailingList> mailingLists) {
        this(file, name, repositories, releases, affiliations, mailingLists, Map.of());
    }

    public record Repository(String name, Path path) {
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
                    throw new TributaryException.InvalidInput("list '" + name + "': cannot list " + base + ": " + e.getMessage(), e);
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
    }

    private static final Set<String> KINDS = Set.of("gitdm", "stackalytics", "mailmap");

    /**
     * A list field: its items, each a mapping; none when absent.
     *
     * @throws TributaryException.InvalidInput naming the field when it is not a list of mappings (a fuzzed
     *         {@code releases:} holding a mapping once ended in a NullPointerException)
     */
    private static JsonNode list(Path file, JsonNode root, String key) {
        JsonNode n = root.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!n.isArray()) {
            throw bad(file, "'" + key + "' must be a list, not " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isObject()) {
                throw bad(file, key + "[" + i + "] must be a mapping, not " + n.get(i).getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return n;
    }

    /**
     * Reads and checks a project file.
     *
     * @throws TributaryException.InvalidInput naming the file and the field at fault
     */
    public static Project load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(dev.tributary.InputFiles.read(file, "project file",
                    dev.tributary.InputFiles.PROJECT_LIMIT));
        } catch (IOException e) {
            throw bad(file, "cannot read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "expected a mapping with name, repositories, releases, affiliations");
        }
        Path dir = file.toAbsolutePath().getParent();
        String name = root.path("name").asText(file.getFileName().toString());
        List<Repository> repos = new ArrayList<>();
        JsonNode rs = root.path("repositories");
        if (!rs.isArray() || rs.isEmpty()) {
            throw bad(file, "'repositories' must list at least one repository (name, path)");
        }
        for (int i = 0; i < rs.size(); i++) {
            JsonNode r = rs.get(i);
            String path = r.isTextual() ? r.asText() : r.path("path").asText("");
            if (path.isBlank()) {
                throw bad(file, "repositories[" + i + "] has no path");
            }
            Path p = dir.resolve(path).normalize();
            String rname = r.isTextual() ? p.getFileName().toString() : r.path("name").asText(p.getFileName().toString());
            if (repos.stream().anyMatch(x -> x.name().equals(rname))) {
                throw bad(file, "repositories[" + i + "]: the name '" + rname + "' is used twice");
            }
            repos.add(new Repository(rname, p));
        }
        List<Release> releases = new ArrayList<>();
        JsonNode rels = list(file, root, "releases");
        for (int i = 0; i < rels.size(); i++) {
            JsonNode r = rels.get(i);
            String rname = r.path("name").asText("");
            if (rname.isBlank()) {
                throw bad(file, "releases[" + i + "] has no name");
            }
            Map<String, String> ranges = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("ranges").fields(); it.hasNext(); ) {
                var e = it.next();
                if (repos.stream().noneMatch(x -> x.name().equals(e.getKey()))) {
                    throw bad(file, "release '" + rname + "': range for unknown repository '" + e.getKey() + "'");
                }
                String range = e.getValue().asText();
                if (!range.contains("..")) {
                    throw bad(file, "release '" + rname + "', " + e.getKey() + ": expected a range A..B, got '" + range + "'");
                }
                ranges.put(e.getKey(), range);
            }
            Long since;
            Long until;
            try {
                since = Dates.parseOptional(r.path("since").asText(null));
                until = Dates.parseOptional(r.path("until").asText(null));
            } catch (IllegalArgumentException e) {
                throw bad(file, "release '" + rname + "': " + e.getMessage());
            }
            if (ranges.isEmpty() && since == null && until == null) {
                throw bad(file, "release '" + rname + "' needs ranges or since/until");
            }
            releases.add(new Release(rname, ranges, since, until));
        }
        List<Affiliation> affiliations = new ArrayList<>();
        JsonNode as = list(file, root, "affiliations");
        for (int i = 0; i < as.size(); i++) {
            JsonNode a = as.get(i);
            Iterator<String> names = a.fieldNames();
            String kind = names.hasNext() ? names.next() : "";
            if (!KINDS.contains(kind) || names.hasNext()) {
                throw bad(file, "affiliations[" + i + "]: expected one of gitdm, stackalytics, mailmap with a path");
            }
            affiliations.add(new Affiliation(kind, dir.resolve(a.get(kind).asText()).normalize()));
        }
        List<MailingList> lists = new ArrayList<>();
        JsonNode ls = list(file, root, "mailingLists");
        for (int i = 0; i < ls.size(); i++) {
            JsonNode l = ls.get(i);
            String lname = l.path("name").asText("");
            if (lname.isBlank()) {
                throw bad(file, "mailingLists[" + i + "] has no name");
            }
            if (lists.stream().anyMatch(x -> x.name().equals(lname))) {
                throw bad(file, "mailingLists[" + i + "]: the name '" + lname + "' is used twice");
            }
            List<String> patterns = new ArrayList<>();
            JsonNode ps = l.has("paths") ? l.path("paths") : l.path("path");
            for (JsonNode p : ps.isArray() ? ps : List.of(ps)) {
                if (!p.isTextual() || p.asText().isBlank()) {
                    continue;
                }
                patterns.add(dir.resolve(p.asText()).normalize().toString());
            }
            if (patterns.isEmpty()) {
                throw bad(file, "list '" + lname + "' needs 'paths' (files, folders or globs)");
            }
            lists.add(new MailingList(lname, patterns));
        }
        Map<String, List<String>> modules = new LinkedHashMap<>();
        JsonNode ms = root.path("modules");
        if (!ms.isMissingNode() && !ms.isObject()) {
            throw bad(file, "'modules' must map each module name to a list of path globs");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode g = e.getValue();
            List<String> globs = new ArrayList<>();
            if (g.isTextual()) {
                globs.add(g.asText());
            } else if (g.isArray()) {
                g.forEach(x -> globs.add(x.isTextual() ? x.asText() : ""));
            }
            if (e.getKey().isBlank() || globs.isEmpty()) {
                throw bad(file, "module '" + e.getKey() + "' needs a list of path globs, e.g. [nova/compute/**]");
            }
            for (String glob : globs) {
                try {
                    dev.tributary.model.PathGlobs.check(glob);
                } catch (TributaryException.InvalidInput x) {
                    throw bad(file, "module '" + e.getKey() + "': " + x.getMessage());
                }
            }
            modules.put(e.getKey(), List.copyOf(globs));
        }
        return new Project(file, name, repos, releases, affiliations, lists, modules);
    }

    /**
     * The path globs of a module.
     *
     * @throws TributaryException.InvalidInput naming the module and the ones the file declares
     */
    public List<String> module(String name) {
        List<String> globs = modules.get(name);
        if (globs == null) {
            throw new TributaryException.InvalidInput(file + ": no module '" + name + "'"
                    + (modules.isEmpty() ? " (the file declares none)" : "; modules: " + String.join(", ", modules.keySet())));
        }
        return globs;
    }

    public Optional<MailingList> mailingList(String name) {
        return mailingLists.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Release> release(String name) {
        return releases.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static TributaryException.InvalidInput bad(Path file, String message) {
        return new TributaryException.InvalidInput(file + ": " + message);
    }
}
