package dev.tributary.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmailMaskTest {
    @Test
    void everything_but_a_public_registrable_domain_is_hidden() {
        assertEquals("…@example.com", EmailMask.address("ann@example.com"));
        assertEquals("…@example.edu", EmailMask.address("Ann@Mail.CS.Example.EDU"), "only the registrable domain");
        assertEquals("…@bücher.de", EmailMask.address("uni@bücher.de"), "an IDN under .de is public");
        for (String leak : new String[] {"jdoe@jdoe-laptop", "root@localhost", "ipv6@[::1]", "dup@@double.org", "plainuser", "@example.com",
                "x@co.uk", "x@192.168.0.1", "a@b@c.com", "x@.com"}) {
            assertEquals("…", EmailMask.address(leak), leak);
        }
        assertEquals("", EmailMask.address(""));
    }

    @Test
    void words_with_an_at_sign_in_free_text_are_masked_by_the_same_rule() {
        assertEquals("Ann <…@example.com> and … (…)", EmailMask.text("Ann <ann@example.com> and root@localhost (jdoe@jdoe-laptop)"));
        assertEquals("no address here", EmailMask.text("no address here"));
        assertEquals("…@example.com", EmailMask.text(EmailMask.text("ann@example.com")), "masking twice changes nothing");
    }
}
