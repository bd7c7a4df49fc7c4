package dev.tributary.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailRulesTest {
    @Test
    void webmail_of_the_vendored_free_mail_list_gives_no_organization() {
        // the leaks seen with Stackalytics' data on OpenStack Essex
        for (String e : new String[] {"a@freemail.hu", "b@ya.ru", "c@yahoo.in", "d@gmail.com", "e@qq.com", "f@users.noreply.github.com"}) {
            assertEquals(Optional.empty(), EmailRules.organization(e), e);
        }
        assertEquals(Optional.of("ibm.com"), EmailRules.organization("x@us.ibm.com"));
        assertEquals(Optional.of("redhat.com"), EmailRules.organization("x@redhat.com"));
        assertTrue(EmailRules.webmailDomain("gmail.com"));
    }

    @Test
    void an_empty_address_takes_the_address_its_name_ends_with_else_the_name() {
        assertEquals("jaypipes@gmail.com", EmailRules.person("jaypipes@gmail.com", ""));
        assertEquals("bmcconne@rackspace.com", EmailRules.person("Brad McConnell bmcconne@rackspace.com", ""));
        assertEquals("name:ann lee", EmailRules.person("Ann  Lee", ""));
        assertEquals("ann@acme.com", EmailRules.person("Ann", "Ann@Acme.com"));
    }
}
