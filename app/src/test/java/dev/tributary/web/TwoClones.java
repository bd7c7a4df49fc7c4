package dev.tributary.web;

import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two bare clones whose folders are both called {@code repo} ({@code nova/repo} and {@code keystone/repo}),
 * named {@code nova} and {@code keystone} by the project file, with release {@code epoxy} ranging over both:
 * nova v1..v2 holds Ann's 2 changesets, keystone k1..k2 Bob's 1. Not collected: tests run what they check.
 */
public final class TwoClones {
    public final Path project;

    private TwoClones(Path project) {
        this.project = project;
    }

    public static TwoClones create(Path dir) throws Exception {
        Path src = dir.resolve("src");
        try (TestRepo r = TestRepo.init(src.resolve("nova"))) {
            r.tag("v1", r.commit().by("Ann", "ann@acme.com", "2024-01-10T10:00:00Z").put("a", "1\n").create());
            r.commit().by("Ann", "ann@acme.com", "2024-02-10T10:00:00Z").put("a", "1\n2\n").create();
            r.tag("v2", r.commit().by("Ann", "ann@acme.com", "2024-03-10T10:00:00Z").put("b", "1\n").create());
        }
        try (TestRepo r = TestRepo.init(src.resolve("keystone"))) {
            r.tag("k1", r.commit().by("Bob", "bob@initech.com", "2024-01-11T10:00:00Z").put("k", "1\n").create());
            r.tag("k2", r.commit().by("Bob", "bob@initech.com", "2024-02-11T10:00:00Z").put("k", "1\n2\n3\n").create());
        }
        for (String name : new String[] {"nova", "keystone"}) {
            Files.createDirectories(dir.resolve(name));
            GitCli.run(dir, "clone", "-q", "--bare", src.resolve(name).toString(), dir.resolve(name).resolve("repo").toString());
        }
        Path project = Files.writeString(dir.resolve("tributary.yaml"), """
                name: openstack
                repositories:
                  - name: nova
                    path: nova/repo
                  - name: keystone
                    path: keystone/repo
                releases:
                  - name: epoxy
                    ranges: { nova: v1..v2, keystone: k1..k2 }
                """);
        return new TwoClones(project);
    }
}
