package dev.tributary.cli;

import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ecosystem file of two projects, each with one repository, a release named {@code r1} of its own ranges and a
 * module named {@code docs} of its own globs, and the same two projects written as single-project files (the oracle:
 * an ecosystem's project must give what its single-project file gives). Hand-worked:
 *
 * <pre>
 * alpha/a1: 1 ann@ibm.com 2020-01-05 doc/intro.md, src/x.c        tag v1
 *           2 bob@redhat.com 2020-02-05 doc/intro.md (+1)
 *           3 ann@ibm.com 2020-03-05 src/x.c (+1)                  tag v2
 *           4 cy@intel.com 2020-04-05 doc/b.md
 *   r1 = v1..v2: commits 2, 3 (2 changesets, 2 developers); docs (doc/**) in r1: commit 2 only; alphaonly20 = [2020-03-01, 2020-06-01)
 * beta/b1:  1 di@intel.com 2021-01-05 README.md, lib.c              tag v1
 *           2 di@intel.com 2021-02-05 README.md (+1)
 *           3 ed@ibm.com 2021-03-05 lib.c (+1)
 *           4 ed@ibm.com 2021-04-05 README.md (+1)                 tag v2
 *   r1 = v1..v2: commits 2, 3, 4 (3 changesets, 2 developers); docs (README*) at HEAD: commits 1, 2, 4
 * </pre>
 */
public record EcosystemFixture(Path ecosystem, Path alpha, Path beta) {

    public static EcosystemFixture create(Path dir) throws Exception {
        try (TestRepo r = TestRepo.init(dir.resolve("a1"))) {
            String c1 = r.commit().by("ann", "ann@ibm.com", "2020-01-05T10:00:00Z").put("doc/intro.md", "intro\n")
                    .put("src/x.c", "x\n").message("one").create();
            r.tag("v1", c1);
            r.commit().by("bob", "bob@redhat.com", "2020-02-05T10:00:00Z").put("doc/intro.md", "intro\nmore\n").message("two").create();
            String c3 = r.commit().by("ann", "ann@ibm.com", "2020-03-05T10:00:00Z").put("src/x.c", "x\ny\n").message("three").create();
            r.tag("v2", c3);
            r.commit().by("cy", "cy@intel.com", "2020-04-05T10:00:00Z").put("doc/b.md", "b\n").message("four").create();
        }
        try (TestRepo r = TestRepo.init(dir.resolve("b1"))) {
            String c1 = r.commit().by("di", "di@intel.com", "2021-01-05T10:00:00Z").put("README.md", "readme\n")
                    .put("lib.c", "l\n").message("one").create();
            r.tag("v1", c1);
            r.commit().by("di", "di@intel.com", "2021-02-05T10:00:00Z").put("README.md", "readme\n2\n").message("two").create();
            r.commit().by("ed", "ed@ibm.com", "2021-03-05T10:00:00Z").put("lib.c", "l\nm\n").message("three").create();
            String c4 = r.commit().by("ed", "ed@ibm.com", "2021-04-05T10:00:00Z").put("README.md", "readme\n2\n3\n").message("four").create();
            r.tag("v2", c4);
        }
        String alphaProject = "    repositories: [{name: a1, path: a1}]\n"
                + "    releases:\n      - {name: r1, ranges: {a1: v1..v2}}\n      - {name: alphaonly20, since: 2020-03-01, until: 2020-06-01}\n"
                + "    modules:\n      docs: [doc/**]\n";
        String betaProject = "    repositories: [{name: b1, path: b1}]\n"
                + "    releases:\n      - {name: r1, ranges: {b1: v1..v2}}\n"
                + "    modules:\n      docs: [README*]\n";
        Path eco = dir.resolve("eco.yaml");
        Files.writeString(eco, "ecosystem: eco\nprojects:\n  - name: alpha\n" + alphaProject + "  - name: beta\n" + betaProject);
        Path alpha = dir.resolve("alpha.yaml");
        Files.writeString(alpha, "name: alpha\n" + alphaProject.replace("\n    ", "\n").strip() + "\n");
        Path beta = dir.resolve("beta.yaml");
        Files.writeString(beta, "name: beta\n" + betaProject.replace("\n    ", "\n").strip() + "\n");
        return new EcosystemFixture(eco, alpha, beta);
    }
}
