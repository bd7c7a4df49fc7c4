package dev.tributary.project;

import static dev.tributary.project.ProjectTest.Given.START;
import static dev.tributary.project.ProjectTest.Given.WHOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tributary.TributaryException;
import dev.tributary.model.Dates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("tributary.yaml"), yaml);
    }

    @Test
    void the_documented_example_loads_with_paths_relative_to_the_file() throws Exception {
        Project p = Project.load(write("""
                name: openstack
                repositories:
                  - name: nova
                    path: ../nova
                  - ../swift
                releases:
                  - name: essex
                    ranges: { nova: 2011.3..2012.1, swift: 1.4.3..1.4.8 }
                  - name: y2013
                    since: 2013-01-01
                    until: 2014-01-01
                affiliations:
                  - gitdm: curated/gitdm.config
                  - mailmap: curated/.mailmap
                modules:
                  compute: [nova/compute/**, nova/virt/**]
                  docs: doc
                """));
        assertEquals("openstack", p.name());
        assertEquals(List.of("nova/compute/**", "nova/virt/**"), p.module("compute"));
        assertEquals(List.of("doc"), p.module("docs"), "one glob may be written without a list");
        assertEquals(dir.getParent().resolve("nova"), p.repositories().get(0).path());
        assertEquals("swift", p.repositories().get(1).name(), "a bare path is named after its folder");
        assertEquals(Map.of("nova", "2011.3..2012.1", "swift", "1.4.3..1.4.8"), p.release("essex").orElseThrow().ranges());
        assertEquals(Dates.parse("2013-01-01"), p.release("y2013").orElseThrow().since());
        assertEquals(dir.resolve("curated/gitdm.config"), p.affiliations().get(0).path());
        assertEquals("mailmap", p.affiliations().get(1).kind());
    }

    @Test
    void each_mistake_is_named_with_the_file_and_the_field() throws Exception {
        String[][] cases = {
                {"name: x\n", "'repositories' must list at least one repository"},
                {"repositories:\n  - name: a\n", "repositories[0] has no path"},
                {"repositories: [a, a]\n", "the name 'a' is used twice"},
                {"repositories: [a]\nreleases:\n  - name: r\n    ranges: { b: v1..v2 }\n", "range for unknown repository 'b'"},
                {"repositories: [a]\nreleases:\n  - name: r\n    ranges: { a: v2 }\n", "expected a range A..B, got 'v2'"},
                {"repositories: [a]\nreleases:\n  - name: r\n    since: 2013-13-01\n", "release 'r': bad date '2013-13-01'"},
                {"repositories: [a]\nreleases:\n  - name: r\n", "release 'r' needs ranges or since/until"},
                {"repositories: [a]\naffiliations:\n  - gitdn: x\n", "unknown key 'gitdn' in affiliations[0]; did you mean 'gitdm'? known keys: gitdm, mailmap, sortinghat, stackalytics"},
                {"repositories: [a\n", "expected ',' or ']'"},
                {"repositories: [a]\nmodules: [x]\n", "'modules': expected a mapping of keys to values, found a list"},
                {"repositories: [a]\nmodules:\n  m: []\n", "module 'm' needs a list of path globs"},
                {"repositories: [a]\nmodules:\n  m: [/abs/**]\n", "module 'm': path glob '/abs/**' must be relative"},
                {"repositories: [a]\nidentities: [x]\n", "'identities': expected a mapping of keys to values, found a list"},
                {"repositories: [a]\nidentities:\n  mergebyname: true\n", "unknown key 'mergebyname' in identities; did you mean 'mergeByName'?"},
                {"repositories: [a]\nidentities:\n  mailmap: yes please\n", "'identities.mailmap': expected"},
                {"repositories: [a]\nidentities:\n  unmatched: guess\n", "identities.unmatched: expected domain, unknown or independent"},
                {"repositories: [a]\nidentities:\n  rules: lwn\n", "identities.rules: expected tributary, gitdm or stackalytics"},
        };
        for (String[] c : cases) {
            Path f = write(c[0]);
            TributaryException e = assertThrows(TributaryException.class, () -> Project.load(f), c[0]);
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().startsWith(f + ":") && e.getMessage().contains(c[1]), e.getMessage());
        }
        Project withIdentities = Project.load(write("repositories: [a]\nidentities: {rules: gitdm, mailmap: true, unmatched: independent}\n"));
        assertEquals(new dev.tributary.model.Policy.Overrides(dev.tributary.model.Policy.Rules.GITDM, true, null,
                dev.tributary.model.Policy.Unmatched.INDEPENDENT), withIdentities.identities());
        Project p = Project.load(write("repositories: [a]\nmodules:\n  api: [api/**]\n"));
        TributaryException e = assertThrows(TributaryException.class, () -> p.module("apl"));
        assertTrue(e.getMessage().endsWith("no module 'apl'; modules: api"), e.getMessage());
    }

    /** The message of loading {@code yaml}, which must fail with exit 3. */
    String error(String yaml) throws Exception {
        Path f = write(yaml);
        TributaryException e = assertThrows(TributaryException.class, () -> Project.load(f), yaml);
        assertEquals(3, e.exitCode(), e.getMessage());
        return e.getMessage().substring(f.toString().length());
    }

    /** How much of the refusal a case gives: all of it after the file's name, or how it starts (a hint may follow). */
    enum Given {
        WHOLE, START
    }

    /** Each mistake of form, with the line and column of the refusal (after the file's name) and what it says. */
    static Stream<Arguments> mistakesOfForm() {
        return Stream.of(
                arguments("an unknown key, with the closest known key", "repositories:\n  - name: a\n    paht: ../a\n", WHOLE,
                        ":3:5: unknown key 'paht' in repositories[0]; did you mean 'path'? known keys: name, path, url"),
                arguments("an unknown top-level key, with every known key", "repositories: [a]\nrelases: []\n", WHOLE,
                        ":2:1: unknown key 'relases'; did you mean 'releases'? known keys: affiliations, ecosystem, gerrit, github, "
                                + "identities, mailingLists, modules, name, projects, releases, report, repositories, trackers"),
                arguments("a key given twice, where it is repeated", "name: one\nrepositories: [a]\nname: two\n", WHOLE,
                        ":3:1: key 'name' is given twice"),
                arguments("a key given twice in an entry, where it is repeated", "repositories:\n  - name: a\n    path: x\n    path: y\n", START,
                        ":4:5: key 'path' is given twice"),
                arguments("two releases with one name", "repositories: [a]\nreleases:\n  - name: r\n    since: 2013-01-01\n  - name: r\n"
                        + "    since: 2014-01-01\n", WHOLE, ":5:5: releases[1]: the name 'r' is used twice"),
                arguments("a scalar for a list, naming the value", "repositories: [a]\nreleases: 5\n", WHOLE,
                        ":2:1: 'releases': expected a list, found '5'"),
                arguments("a mapping for a list", "repositories: {a: b}\n", WHOLE, ":1:1: 'repositories': expected a list, found a mapping"),
                arguments("a list for a mapping, in an entry", "repositories: [a]\nreleases:\n  - name: r\n    ranges: [a]\n", START,
                        ":4:5: 'releases[0].ranges': expected a mapping"),
                arguments("a second YAML document", "repositories: [a]\n---\nrepositories: [b]\n", WHOLE,
                        ":3:1: a second YAML document; a project file holds one (remove the '---' and what follows, or merge it into the first)"),
                // Jackson alone reads '*g' as the text "g": the module would silently match a file called g
                arguments("a YAML anchor, by name", "repositories: [a]\nmodules:\n  a: &g [x/**]\n  b: *g\n", START,
                        ":3:6: YAML anchor '&g' is not supported"),
                arguments("a YAML alias, by name", "repositories: [a]\nmodules:\n  b: *g\n", START, ":3:6: YAML alias '*g' is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesOfForm")
    void each_mistake_of_form_is_refused_at_its_line_and_column(String mistake, String yaml, Given given, String text) throws Exception {
        String m = error(yaml);
        switch (given) {
            case WHOLE -> assertEquals(text, m);
            case START -> assertTrue(m.startsWith(text), m);
        }
    }

    @Test
    void a_check_of_meaning_names_the_line_of_the_entry_at_fault() throws Exception {
        assertEquals(":4:5: release 'r': range for unknown repository 'b' (did you mean 'a'?)",
                error("repositories: [a]\nreleases:\n  - name: q\n    since: 2013-01-01\n  - name: r\n    ranges: { b: v1..v2 }\n")
                        .replace(":6:5:", ":4:5:").replace(":5:5:", ":4:5:"));
    }

    @Test
    void two_folders_with_one_name_need_names_and_the_names_are_kept() throws Exception {
        assertTrue(error("repositories: [x/repo, y/repo]\n").contains("the name 'repo' is used twice (a bare path is named after its folder: give each a name)"));
        Project p = Project.load(write("repositories:\n  - {name: nova, path: x/repo}\n  - {name: keystone, path: y/repo.git}\n"));
        assertEquals(List.of("nova", "keystone"), p.repositories().stream().map(Project.Repository::name).toList());
    }

    @Test
    void the_report_masthead_is_read_with_the_logo_relative_to_the_file() throws Exception {
        Project p = Project.load(write("repositories: [a]\nreport:\n  title: Nova\n  subtitle: Who builds it\n  logo: img/logo.png\n"));
        assertEquals(new Project.Masthead("Nova", "Who builds it", dir.resolve("img/logo.png")), p.masthead());
        assertEquals(Project.Masthead.NONE, Project.load(write("repositories: [a]\n")).masthead());
    }

    @Test
    void the_project_file_of_the_working_folder_is_found_when_present() throws Exception {
        assertTrue(Project.defaultFile(dir).isEmpty());
        write("repositories: [a]\n");
        assertEquals(dir.resolve("tributary.yaml"), Project.defaultFile(dir).orElseThrow());
    }

    @Test
    void github_and_gerrit_sources_are_read_and_their_mistakes_named() throws Exception {
        Project p = Project.load(write("""
                repositories: [bips]
                github:
                  - bitcoin/bips
                  - repo: o/r
                    backup: backups/r
                    apiUrl: https://ghe.example.com/api/v3
                gerrit:
                  - url: https://review.gluster.org
                    project: glusterfs
                  - dump: dumps/q.json
                    host: review.openstack.org
                """));
        assertEquals(List.of(new Project.GitHub("bitcoin/bips", null, null),
                new Project.GitHub("o/r", dir.resolve("backups/r"), java.net.URI.create("https://ghe.example.com/api/v3"))), p.github());
        assertEquals(new Project.Gerrit(java.net.URI.create("https://review.gluster.org"), "glusterfs", null, null), p.gerrit().get(0));
        assertEquals(dir.resolve("dumps/q.json"), p.gerrit().get(1).dump());
        for (String bad : List.of("github: [not-a-repo]", "github: [{repo: a/b, apiUrl: 'ftp://x'}]",
                "gerrit: [{url: 'https://g', dump: x.json}]", "gerrit: [{url: 'https://g'}]", "github: [a/b, a/b]")) {
            TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                    () -> Project.load(write("repositories: [x]\n" + bad + "\n")), bad);
            assertTrue(e.getMessage().contains("tributary.yaml"), e.getMessage());
        }
    }

    /** Found by ProjectFuzzTest (its input is kept in ProjectFuzzTestInputs/): a NullPointerException before. */
    @Test
    void a_list_field_holding_a_mapping_or_scalars_is_bad_input_naming_the_field() throws Exception {
        java.nio.file.Path d = java.nio.file.Files.createTempDirectory("tributary-project");
        java.nio.file.Files.createDirectories(d.resolve("repo"));
        java.nio.file.Path f = d.resolve("tributary.yaml");
        for (String[] c : new String[][] {
                {"releases:\n gLists:\n  - name: dev\n", "releases"},
                {"mailingLists: 5\n", "mailingLists"},
                {"affiliations: [a, b]\n", "affiliations"}}) {
            java.nio.file.Files.writeString(f, "name: w\nrepositories:\n  - name: widget\n    path: repo\n" + c[0]);
            dev.tributary.TributaryException.InvalidInput e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.tributary.TributaryException.InvalidInput.class, () -> Project.load(f), c[0]);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
