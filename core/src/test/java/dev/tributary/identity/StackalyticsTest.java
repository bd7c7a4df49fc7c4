package dev.tributary.identity;

import dev.tributary.model.Organizations;
import dev.tributary.model.Curated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackalyticsTest {
    @TempDir
    Path dir;

    @Test
    void users_companies_in_end_date_order_with_null_last_and_company_domains() throws Exception {
        Path f = dir.resolve("default_data.json");
        Files.writeString(f, """
                {
                  "users": [
                    {"launchpad_id": "ann", "user_name": "Ann Lee", "emails": ["ann@mirantis.com", "ann@gmail.com"],
                     "companies": [
                       {"company_name": "*independent", "end_date": null},
                       {"company_name": "Mirantis", "end_date": "2013-Jun-01"},
                       {"company_name": "Rackspace", "end_date": "2011-Jan-15"}
                     ]},
                    {"launchpad_id": "nomail", "emails": [], "companies": []},
                    {"launchpad_id": "bad", "emails": ["bad@x.org"], "companies": [{"company_name": "X", "end_date": "June 2013"}]}
                  ],
                  "companies": [
                    {"company_name": "Mirantis", "domains": ["mirantis.com", "mirantis.ru"], "aliases": ["Mirantis Inc"]},
                    {"domains": ["nameless.org"]}
                  ]
                }
                """);
        Curated c = Stackalytics.read(f);
        assertEquals(List.of(new Curated.Alias("ann@gmail.com", "ann@mirantis.com")), c.aliases());
        long jan2011 = dev.tributary.model.Dates.parse("2011-01-15");
        long jun2013 = dev.tributary.model.Dates.parse("2013-06-01");
        assertEquals(List.of(new Curated.Enrollment("ann@mirantis.com", "Rackspace", null, jan2011),
                new Curated.Enrollment("ann@mirantis.com", "Mirantis", jan2011, jun2013),
                new Curated.Enrollment("ann@mirantis.com", Organizations.INDEPENDENT, jun2013, null)), c.enrollments());
        assertEquals(Set.of(new Curated.DomainRule("mirantis.com", "Mirantis", null, null),
                new Curated.DomainRule("mirantis.ru", "Mirantis", null, null)), Set.copyOf(c.domains()));
        assertEquals(List.of(new Curated.OrgAlias("Mirantis Inc", "Mirantis")), c.orgAliases());
        assertEquals(3, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).toString().contains("users[1] (nomail): no emails"), c.problems().toString());
        assertTrue(c.problems().get(1).toString().contains("users[2] (bad): bad end_date 'June 2013'"), c.problems().toString());
        assertTrue(c.problems().get(2).toString().contains("companies[1]: no company_name"), c.problems().toString());
    }
}
