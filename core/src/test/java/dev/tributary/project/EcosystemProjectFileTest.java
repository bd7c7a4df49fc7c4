package dev.tributary.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcosystemProjectFileTest {
    @TempDir
    Path dir;

    @Test
    void projects_group_repositories_named_by_path_or_url_and_a_url_reads_from_the_cache() throws Exception {
        Path f = dir.resolve("tributary.yaml");
        Files.writeString(f, "ecosystem: OpenStack\nprojects:\n  - name: compute\n    repositories:\n"
                + "      - {url: \"https://github.com/openstack/nova\"}\n      - {name: novaclient, path: clients/nova}\n"
                + "repositories:\n  - {name: glance, url: \"git@github.com:openstack/glance.git\"}\n");
        Project p = Project.load(f);
        assertEquals("OpenStack", p.name());
        assertEquals(3, p.repositories().size());
        Project.Repository glance = p.repositories().get(0);
        assertEquals("glance", glance.group());
        assertTrue(glance.path().endsWith(Path.of("github.com", "openstack", "glance.git")), glance.path().toString());
        Project.Repository nova = p.repositories().get(1);
        assertEquals("nova", nova.name(), "named after the URL's last segment");
        assertEquals("compute", nova.group());
        assertEquals("https://github.com/openstack/nova", nova.url());
        assertEquals(dir.resolve("clients/nova"), p.repositories().get(2).path());
        assertEquals("compute", p.repositories().get(2).group());
    }

    @Test
    void a_repository_with_both_a_path_and_a_url_or_a_url_that_is_none_is_refused_with_its_place() throws Exception {
        Path f = dir.resolve("tributary.yaml");
        Files.writeString(f, "repositories:\n  - {path: a, url: \"https://example.org/a\"}\n");
        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class, () -> Project.load(f));
        assertTrue(e.getMessage().contains("both a path and a url") && e.getMessage().contains(":2:"), e.getMessage());
        Files.writeString(f, "repositories:\n  - {url: \"ext::sh -c evil\"}\n");
        e = assertThrows(TributaryException.InvalidInput.class, () -> Project.load(f));
        assertTrue(e.getMessage().contains("is not a repository URL"), e.getMessage());
    }

    @Test
    void each_project_has_its_own_releases_and_modules_and_one_name_in_two_projects_stays_two() throws Exception {
        Path f = dir.resolve("tributary.yaml");
        Files.writeString(f, "ecosystem: OpenStack\nprojects:\n"
                + "  - name: compute\n    repositories: [{name: nova, path: nova}]\n"
                + "    releases: [{name: essex, ranges: {nova: 2011.3..2012.1}}]\n    modules: {virt: [nova/virt/**]}\n"
                + "  - name: storage\n    repositories: [{name: swift, path: swift}]\n"
                + "    releases: [{name: essex, ranges: {swift: 1.4.3..1.4.8}}, {name: y2013, since: 2013-01-01}]\n"
                + "    modules: {virt: [swift/obj/**]}\n"
                + "releases: [{name: all2012, since: 2012-01-01, until: 2013-01-01}]\n");
        Project whole = Project.load(f);
        assertEquals(List.of("all2012"), whole.releases().stream().map(Project.Release::name).toList(), "the file's own releases");
        assertEquals(List.of("compute", "storage"), whole.projects().stream().map(Project.Member::name).toList());
        assertEquals(List.of("all2012", "essex", "essex", "y2013"), whole.everyRelease().stream().map(Project.Release::name).toList(),
                "collected: the file's and every project's");

        Project compute = whole.select("compute");
        assertEquals("compute", compute.name());
        assertEquals("compute", compute.selected());
        assertEquals(List.of("nova"), compute.repositories().stream().map(Project.Repository::name).toList());
        assertEquals(java.util.Map.of("nova", "2011.3..2012.1"), compute.requireRelease("essex").ranges());
        assertEquals(List.of("nova/virt/**"), compute.module("virt"));
        assertEquals(compute.releases(), compute.everyRelease(), "a project read alone collects its own releases");
        Project storage = whole.select("storage");
        assertEquals(java.util.Map.of("swift", "1.4.3..1.4.8"), storage.requireRelease("essex").ranges());
        assertEquals(List.of("swift/obj/**"), storage.module("virt"));
        assertEquals(whole.affiliations(), storage.affiliations(), "what the file shares, each project shares");

        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class, () -> compute.requireRelease("y2013"));
        assertEquals(f + ": project 'compute': no release named 'y2013' (known: [essex])", e.getMessage());
        e = assertThrows(TributaryException.InvalidInput.class, () -> whole.requireRelease("essex"));
        assertEquals(f + ": no release named 'essex' (known: [all2012]); 'essex' is a release of projects compute, storage: "
                + "choose the project (--in NAME; project= in the API)", e.getMessage());
        e = assertThrows(TributaryException.InvalidInput.class, () -> whole.module("virt"));
        assertTrue(e.getMessage().contains("no module 'virt' (the file declares none); 'virt' is a module of projects compute, storage"),
                e.getMessage());
        e = assertThrows(TributaryException.InvalidInput.class, () -> storage.module("docs"));
        assertEquals(f + ": project 'storage': no module 'docs'; modules: virt", e.getMessage());
        e = assertThrows(TributaryException.InvalidInput.class, () -> whole.select("image"));
        assertEquals(f + ": no project named 'image' (known: [compute, storage])", e.getMessage());
    }

    /** The message of loading {@code f} written with {@code yaml}, which must be refused as bad input. */
    private static String refused(Path f, String yaml) throws Exception {
        Files.writeString(f, yaml);
        return assertThrows(TributaryException.InvalidInput.class, () -> Project.load(f)).getMessage();
    }

    @Test
    void a_projects_release_may_range_only_over_its_own_repositories_and_project_names_are_unique() throws Exception {
        Path f = dir.resolve("tributary.yaml");
        assertEquals(f + ":5:9: release 'essex' of project 'compute': range for unknown repository 'swift' "
                + "('swift' is a repository of project 'storage')", refused(f, "projects:\n  - name: compute\n    repositories: [{name: nova, path: nova}]\n"
                + "    releases:\n      - {name: essex, ranges: {swift: 1.4.3..1.4.8}}\n"
                + "  - name: storage\n    repositories: [{name: swift, path: swift}]\n"));
        String m = refused(f, "projects:\n  - name: compute\n    repositories: [{name: nova, path: nova}]\n"
                + "    releases:\n      - {name: essex, ranges: {novaa: a..b}}\n");
        assertTrue(m.endsWith("range for unknown repository 'novaa' (did you mean 'nova'?)"), m);
        m = refused(f, "projects:\n  - name: compute\n    repositories: [nova]\n    releases: [{name: r, ranges: {nova: a}}]\n");
        assertTrue(m.contains("release 'r' of project 'compute', nova: expected a range A..B, got 'a'"), m);
        m = refused(f, "projects:\n  - name: c\n    repositories: [nova]\n    modules: {m: [\"a/**\"], n: []}\n");
        assertTrue(m.contains("module 'n' of project 'c' needs a list of path globs"), m);
        m = refused(f, "projects:\n  - name: c\n    repositories: [nova]\n  - name: c\n    repositories: [swift]\n");
        assertTrue(m.contains(":4:5: projects[1]: the name 'c' is used twice"), m);
        m = refused(f, "projects:\n  - name: c\n    repositories: [nova]\n    relases: []\n");
        assertTrue(m.contains("unknown key 'relases'") && m.contains("did you mean 'releases'?"), m);
    }
}
