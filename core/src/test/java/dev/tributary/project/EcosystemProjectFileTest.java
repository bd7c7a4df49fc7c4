package dev.tributary.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
