package dev.tributary.identity;

import dev.tributary.model.Organizations;
import dev.tributary.model.Resolution;
import dev.tributary.model.Curated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitdmTest {
    @TempDir
    Path dir;

    static long day(String d) {
        return dev.tributary.model.Dates.parse(d);
    }

    @Test
    void a_config_brings_aliases_dated_maps_and_groups_with_gitdm_semantics() throws Exception {
        Files.writeString(dir.resolve("gitdm.config"), String.join("\n",
                "# gitdm configuration",
                "EmailAliases aliases",
                "EmailMap domain-map",
                "EmailMap email-map",
                "GroupMap interns Intern Program Inc",
                "FileTypeMap filetypes   # not about affiliations: ignored",
                ""));
        Files.writeString(dir.resolve("aliases"), "# alias canonical\nann@home.org ann@redhat.com\n\n");
        Files.writeString(dir.resolve("domain-map"), String.join("\n",
                "redhat.com   Red Hat",
                "cs.example.edu   Example University CS",
                "example.edu  Example University",
                "acme.com Acme < 2012-01-01",
                "acme.com Initech",
                "acme.com Acme Labs < 2015-06-30",
                "hp.com Hewlett-Packard < 2015-11-01",
                "hp.com Hewlett Packard Enterprise",
                "broken-line-without-employer",
                "foo.com Foo < 2012-13-45",
                ""));
        Files.writeString(dir.resolve("email-map"), "bob@gmail.com IBM < 2014-01-01\nbob@gmail.com Independent\n");
        Files.writeString(dir.resolve("interns"), "cy@gmail.com\n# comment\ndi@yahoo.com\nnot an address\n");

        Curated c = Gitdm.read(dir.resolve("gitdm.config"));

        assertEquals(List.of(new Curated.Alias("ann@home.org", "ann@redhat.com")), c.aliases());
        // acme.com: three lines, sorted by date, undated last: Acme until 2012, Acme Labs until mid-2015, then Initech
        Set<Curated.DomainRule> acme = c.domains().stream().filter(d -> d.domain().equals("acme.com")).collect(Collectors.toSet());
        assertEquals(Set.of(new Curated.DomainRule("acme.com", "Acme", null, day("2012-01-01")),
                new Curated.DomainRule("acme.com", "Acme Labs", day("2012-01-01"), day("2015-06-30")),
                new Curated.DomainRule("acme.com", "Initech", day("2015-06-30"), null)), acme);
        assertTrue(c.domains().contains(new Curated.DomainRule("hp.com", "Hewlett-Packard", null, day("2015-11-01"))));
        assertTrue(c.domains().contains(new Curated.DomainRule("hp.com", "Hewlett Packard Enterprise", day("2015-11-01"), null)));
        assertTrue(c.domains().contains(new Curated.DomainRule("cs.example.edu", "Example University CS", null, null)));
        // an address key is an enrollment of its individual; "Independent" is the Independent bucket
        assertEquals(Set.of(new Curated.Enrollment("bob@gmail.com", "IBM", null, day("2014-01-01")),
                        new Curated.Enrollment("bob@gmail.com", Organizations.INDEPENDENT, day("2014-01-01"), null),
                        new Curated.Enrollment("cy@gmail.com", "Intern Program Inc", null, null),
                        new Curated.Enrollment("di@yahoo.com", "Intern Program Inc", null, null)),
                Set.copyOf(c.enrollments()));
        // bad lines: reported with file and line, the rest imported
        List<String> problems = c.problems().stream().map(Curated.Problem::toString).toList();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.contains(dir.resolve("domain-map") + ":9: expected '[user@]domain Employer [< yyyy-mm-dd]', got 'broken-line-without-employer'"), problems.toString());
        assertTrue(problems.contains(dir.resolve("domain-map") + ":10: bad date '2012-13-45' (expected yyyy-mm-dd)"), problems.toString());
        assertTrue(problems.contains(dir.resolve("interns") + ":4: expected one email address, got 'not an address'"), problems.toString());
    }

    @Test
    void map_files_can_be_imported_directly_and_the_address_beats_the_longest_domain() throws Exception {
        Path map = dir.resolve("email-map");
        Files.writeString(map, "ibm.com IBM\nus.ibm.com IBM US\nann@us.ibm.com Red Hat\n");
        Curated c = Gitdm.read(map);
        Resolution r = Resolver.resolve(Set.of("ann@us.ibm.com", "joe@us.ibm.com", "kim@lab.ibm.com"),
                Set.of("ann@us.ibm.com", "joe@us.ibm.com", "kim@lab.ibm.com"), List.of(c), List.of());
        // joe: longest domain us.ibm.com; kim: ibm.com; ann: her address line, an enrollment (rank CURATED)
        // every matching domain is a candidate, ranked by length: us.ibm.com (rank DOMAIN) before ibm.com (DOMAIN + 1)
        assertTrue(r.emailAffiliations().contains(new Resolution.EmailAffiliation("joe@us.ibm.com", "IBM US", null, null, Resolution.DOMAIN)));
        assertTrue(r.emailAffiliations().contains(new Resolution.EmailAffiliation("joe@us.ibm.com", "IBM", null, null, Resolution.DOMAIN + 1)));
        assertTrue(r.emailAffiliations().contains(new Resolution.EmailAffiliation("kim@lab.ibm.com", "IBM", null, null, Resolution.DOMAIN + 1)));
        assertEquals(List.of(new Resolution.Enrollment("ann@us.ibm.com", "Red Hat", null, null, Resolution.CURATED, map.toString())),
                r.enrollments());
    }
}
