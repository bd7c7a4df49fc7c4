package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.model.Policy;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReportQuery;
import dev.tributary.model.Scope;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gitdm as the oracle, in small: one fixture repository with one case of each of gitdm's rules, one gitdm
 * configuration, and the tables gitdm itself printed for them, recorded below.
 *
 * <p>How the recorded output was made: run this class with {@code -Dgitdm.fixture=DIR} (the fixture is then
 * also written to {@code DIR/repo} and {@code DIR/config}), then, with gitdm from openstack-infra/gitdm (python 2):
 * <pre>
 * git -C DIR/repo log --no-use-mailmap --no-merges --numstat -M | python2 gitdm -n -z -c DIR/config/gitdm.config
 * git -C DIR/repo log --use-mailmap --no-merges --numstat -M | python2 gitdm -n -z -c DIR/config/gitdm.config
 * </pre>
 * gitdm reads no .mailmap, but git 2.29 and later apply one in {@code git log} by default: the first
 * command is gitdm as it ran in 2012, the second gitdm as it runs on today's git.
 */
class GitdmRulesTest {
    @TempDir
    Path dir;

    /** gitdm's "Developers with the most changesets" on the fixture (first command). */
    static final Map<String, Integer> GITDM_DEVELOPERS = Map.of("Greg Holt", 2, "Zhongyue Luo", 2, "Kim", 2,
            "Josh Kearney", 1, "Lu", 1, "Sam", 1, "Unknown hacker", 1);
    /** gitdm's "Top changeset contributors by employer" (first command); an unmatched address is its own employer. */
    static final Map<String, Integer> GITDM_EMPLOYERS = Map.of("Rackspace", 3, "Intel", 1, "lzyeval@gmail.com", 1,
            "Initech", 1, "Globex", 1, "Acme", 1, "sam@samhome.net", 1, "unknown@hacker.net", 1);
    /** The same with the .mailmap applied by git log (second command): Josh Kearney moves to Piston Cloud. */
    static final Map<String, Integer> GITDM_EMPLOYERS_MAILMAPPED = Map.of("Rackspace", 2, "Piston Cloud", 1, "Intel", 1,
            "lzyeval@gmail.com", 1, "Initech", 1, "Globex", 1, "Acme", 1, "sam@samhome.net", 1, "unknown@hacker.net", 1);

    static void fixture(Path repo, Path config) throws Exception {
        try (TestRepo r = TestRepo.init(repo)) {
            // the repository's .mailmap of "today": gitdm never reads it
            String mailmap = "Josh Kearney <josh.kearney@pistoncloud.com> <josh@jk0.org>\n";
            r.commit().by("Greg Holt", "gholt@brim.net", "2011-10-01T10:00:00Z").put(".mailmap", mailmap).put("a", "1\n").create();
            r.commit().by("Greg Holt", "gholt@rackspace.com", "2011-11-01T10:00:00Z").put("a", "2\n").create();
            r.commit().by("Josh Kearney", "josh@jk0.org", "2011-10-02T10:00:00Z").put("b", "1\n").create();
            r.commit().by("Zhongyue Luo", "lzyeval@gmail.com", "2011-10-03T10:00:00Z").put("c", "1\n").create();
            r.commit().by("Zhongyue Luo", "zhongyue.nah@intel.com", "2012-01-03T10:00:00Z").put("c", "2\n").create();
            r.commit().by("Kim", "kim@acme.com", "2011-03-01T10:00:00Z").put("d", "1\n").create();
            r.commit().by("Kim", "kim@acme.com", "2011-09-01T10:00:00Z").put("d", "2\n").create();
            r.commit().by("Lu", "lu@lab.acme.com", "2011-10-05T10:00:00Z").put("e", "1\n").create();
            r.commit().by("paul@openstack.org", "", "2011-10-06T10:00:00Z").put("f", "1\n").create();
            r.commit().by("Jenkins", "jenkins@openstack.org", "2011-10-07T10:00:00Z").put("g", "1\n").create();
            r.commit().by("Sam", "sam@samhome.net", "2011-10-08T10:00:00Z").put("h", "1\n").create();
            Files.writeString(repo.resolve(".mailmap"), mailmap);
        }
        Files.createDirectories(config.resolve("groups"));
        Files.writeString(config.resolve("gitdm.config"), "EmailAliases aliases\nEmailMap domain-map\nEmailMap email-map\n"
                + "GroupMap groups/rackspace Rackspace\n");
        Files.writeString(config.resolve("aliases"), "gholt@brim.net gholt@rackspace.com\n");
        Files.writeString(config.resolve("domain-map"), "rackspace.com Rackspace\nintel.com Intel\nacme.com Acme\n"
                + "lab.acme.com Acme Labs\npistoncloud.com Piston Cloud\n");
        Files.writeString(config.resolve("email-map"), "kim@acme.com Initech < 2011-06-01\nkim@acme.com Globex\n");
        Files.writeString(config.resolve("groups/rackspace"), "josh@jk0.org\n");
    }

    Report report(Policy.Overrides overrides) throws Exception {
        String out = System.getProperty("gitdm.fixture");
        Path base = out != null ? Path.of(out) : dir;
        Path repo = base.resolve("repo");
        Path config = base.resolve("config");
        if (!Files.exists(repo)) {
            fixture(repo, config);
        }
        try (Store store = Store.open(dir.resolve(overrides.hashCode() + ".duckdb"))) {
            store.curation().setOverrides(overrides);
            ImportCurated.run(store, "gitdm", config.resolve("gitdm.config"));
            int id = CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE).repositoryId();
            store.deriveStale();
            return new ReportQuery(store.connection()).run("fixture", new Scope(List.of(id), GitScope.HEAD.key(), null, null, false), 100);
        }
    }

    /** gitdm's employer table with its unmatched addresses (employers named after the address) as Unknown. */
    static Map<String, Long> gitdmEmployers(Map<String, Integer> gitdm) {
        return gitdm.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().contains("@") ? "Unknown" : e.getKey(),
                TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
    }

    static Map<String, Long> employers(Report r) {
        return r.byOrganization().stream().collect(Collectors.toMap(Report.Organization::name, Report.Organization::changesets,
                Long::sum, TreeMap::new));
    }

    @Test
    void a_gitdm_configuration_gives_gitdms_employer_table() throws Exception {
        Report r = report(Policy.Overrides.NONE);
        assertEquals(gitdmEmployers(GITDM_EMPLOYERS), employers(r));
        assertEquals(GITDM_DEVELOPERS.values().stream().mapToLong(Integer::longValue).sum(), r.changesets());
    }

    @Test
    void a_gitdm_configuration_gives_gitdms_developers_with_the_empty_address_filed_under_the_name_it_gives() throws Exception {
        Report r = report(Policy.Overrides.NONE);
        Map<String, Long> developers = r.byDeveloper().stream().collect(Collectors.toMap(Report.Developer::name,
                Report.Developer::changesets, Long::sum, TreeMap::new));
        // gitdm files an author without an address as 'Unknown hacker'; Tributary takes the address the name gives
        Map<String, Long> expected = new TreeMap<>();
        GITDM_DEVELOPERS.forEach((k, v) -> expected.put(k.equals("Unknown hacker") ? "paul@openstack.org" : k, (long) v));
        assertEquals(expected, developers);
        assertEquals(GITDM_DEVELOPERS.size(), r.developers());
    }

    @Test
    void gitdm_on_a_git_that_applies_the_mailmap_is_matched_with_mailmap_true() throws Exception {
        Report r = report(new Policy.Overrides(true, null, null));
        assertEquals(gitdmEmployers(GITDM_EMPLOYERS_MAILMAPPED), employers(r));
    }

    @Test
    void unmatched_domain_names_the_organization_after_the_registrable_domain() throws Exception {
        Map<String, Long> e = employers(report(new Policy.Overrides(null, null, Policy.Unmatched.DOMAIN)));
        assertEquals(1L, e.get("samhome.net"));
        assertEquals(null, e.get("gmail.com")); // webmail gives no organization, even so
        assertEquals(2L, e.get("Unknown")); // lzyeval@gmail.com, and the author without an address
    }

    @Test
    void without_merge_by_name_the_two_addresses_of_one_name_are_two_developers() throws Exception {
        Report r = report(new Policy.Overrides(null, false, null));
        assertEquals(GITDM_DEVELOPERS.size() + 1, r.developers());
    }

    @Test
    void an_alias_cycle_is_refused_naming_the_file_and_line_and_nothing_stored_is_lost() throws Exception {
        report(Policy.Overrides.NONE);
        Path config = dir.resolve("config");
        try (Store store = Store.open(dir.resolve(Policy.Overrides.NONE.hashCode() + ".duckdb"))) {
            String before = ExportCurated.sortingHat(store);
            Files.writeString(config.resolve("aliases"), "gholt@brim.net gholt@rackspace.com\ngholt@rackspace.com gholt@brim.net\n");
            dev.tributary.TributaryException.InvalidInput e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.tributary.TributaryException.InvalidInput.class, () -> ImportCurated.run(store, "gitdm", config.resolve("gitdm.config")));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("aliases:1: alias gholt@brim.net -> gholt@rackspace.com is part"
                    + " of a cycle"), e.getMessage());
            assertEquals(before, ExportCurated.sortingHat(store));
        }
    }

    @Test
    void an_alias_whose_address_has_another_employer_is_reported_and_takes_its_targets() throws Exception {
        Path config = dir.resolve("config");
        fixture(dir.resolve("repo"), config);
        Files.writeString(config.resolve("email-map"), "kim@acme.com Initech < 2011-06-01\nkim@acme.com Globex\n"
                + "gholt@brim.net Brim\n");
        dev.tributary.model.Curated c = dev.tributary.identity.Gitdm.read(config.resolve("gitdm.config"));
        assertEquals(1, c.problems().size(), c.problems().toString());
        org.junit.jupiter.api.Assertions.assertTrue(c.problems().get(0).toString().endsWith("aliases:1: alias gholt@brim.net -> "
                + "gholt@rackspace.com: gholt@brim.net is mapped to Brim but gholt@rackspace.com has no email-map line; as in gitdm,"
                + " the changes of gholt@brim.net take gholt@rackspace.com's employer"), c.problems().toString());
    }
}
