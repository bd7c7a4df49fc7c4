package dev.tributary.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import dev.tributary.model.Dates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                {"repositories: [a]\naffiliations:\n  - gitdn: x\n", "affiliations[0]: expected one of gitdm, stackalytics, mailmap"},
                {"repositories: [a\n", "cannot read"},
                {"repositories: [a]\nmodules: [x]\n", "'modules' must map each module name to a list of path globs"},
                {"repositories: [a]\nmodules:\n  m: []\n", "module 'm' needs a list of path globs"},
                {"repositories: [a]\nmodules:\n  m: [/abs/**]\n", "module 'm': path glob '/abs/**' must be relative"},
        };
        for (String[] c : cases) {
            Path f = write(c[0]);
            TributaryException e = assertThrows(TributaryException.class, () -> Project.load(f), c[0]);
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(c[1]), e.getMessage());
        }
        Project p = Project.load(write("repositories: [a]\nmodules:\n  api: [api/**]\n"));
        TributaryException e = assertThrows(TributaryException.class, () -> p.module("apl"));
        assertTrue(e.getMessage().endsWith("no module 'apl'; modules: api"), e.getMessage());
    }

    /** Found by ProjectFuzzTest (its input is kept in ProjectFuzzTestInputs/): a NullPointerException before. */
    @Test
    void a_list_field_holding_a_mapping_or_scalars_is_bad_input_naming_the_field() throws Exception {
        java.nio.file.Path d = java.nio.file.Files.createTempDirectory("tributary-project");
        java.nio.file.Files.createDirectories(d.resolve("repo"));
        java.nio.file.Path f = d.resolve("tributary.yaml");
        for (String[] c : new String[][] {
                {"releases:\n gLists:\n  - name: dev\n", "'releases' must be a list, not object"},
                {"mailingLists: 5\n", "'mailingLists' must be a list, not number"},
                {"affiliations: [a, b]\n", "affiliations[0] must be a mapping, not string"}}) {
            java.nio.file.Files.writeString(f, "name: w\nrepositories:\n  - name: widget\n    path: repo\n" + c[0]);
            dev.tributary.TributaryException.InvalidInput e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.tributary.TributaryException.InvalidInput.class, () -> Project.load(f), c[0]);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
