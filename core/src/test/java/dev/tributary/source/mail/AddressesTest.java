package dev.tributary.source.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sender and message-id forms met in real archives and in RFC 5322, each worked out by hand. */
class AddressesTest {
    static void sender(String value, String name, String email) {
        assertEquals(new Addresses.Sender(name, email), Addresses.sender(value), value);
    }

    @Test
    void every_common_and_obsolete_sender_form_gives_the_name_and_address() {
        sender("Ann Smith <Ann@Example.COM>", "Ann Smith", "ann@example.com");
        sender("\"Smith, Ann\" <ann@example.com>", "Smith, Ann", "ann@example.com");
        sender("ann@example.com (Ann Smith)", "Ann Smith", "ann@example.com");
        sender("ann at example.com (Ann Smith)", "Ann Smith", "ann@example.com");
        sender("ann@example.com", "", "ann@example.com");
        sender("Ruixin Wang wangruixin@CAICT.AC.CN", "Ruixin Wang", "wangruixin@caict.ac.cn");
        sender("\"Rodriguez-Herrera, Alfonso\"              Alfonso.Rodriguez-Herrera@SPIRENT.COM", "Rodriguez-Herrera, Alfonso",
                "alfonso.rodriguez-herrera@spirent.com");
        sender("Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>", "Pete", "pete@silly.test");
        sender("\"Joe Q. Public\" <john.q.public@example.com>", "Joe Q. Public", "john.q.public@example.com");
        sender("Mary Smith <mary@\n x.test>", "Mary Smith", "mary@x.test");
        sender("\"a <b>\" <c@d.test>", "a <b>", "c@d.test");
    }

    @Test
    void text_without_an_address_is_kept_as_a_name_with_no_email() {
        sender("undisclosed-recipients:;", "undisclosed-recipients:;", "");
        sender("Just A Name", "Just A Name", "");
        sender("(only a comment", "only a comment", "");
        sender("", "", "");
    }

    @Test
    void one_rule_reads_ids_in_brackets_folded_or_bare() {
        assertEquals(List.of("a@b.test", "c@d.test"), Addresses.ids("<a@b.test> <c@d.test>"));
        assertEquals(List.of("a@b.test"), Addresses.ids("<a\r\n @b.test>"));
        assertEquals(List.of("a@b.test", "c@d.test"), Addresses.ids("a@b.test\n c@d.test"));
        assertEquals(List.of("a@b.test"), Addresses.ids("<a@b.test> (Ann's message of Monday)"));
        assertEquals(List.of(), Addresses.ids("Your message of \"Mon, 09 Jul 2012 08:00:00 -0000.\""));
        assertEquals(List.of(), Addresses.ids("message from ann@example.com"), "not every word is an id");
        assertEquals(List.of("x@y.test"), Addresses.ids("Your message of Monday <x@y.test>"));
        assertEquals("00c601d579a2$51e3e3d0$f5abab70$@vivo.com", Addresses.messageId("00c601d579a2$51e3e3d0$f5abab70$@vivo.com"));
        assertEquals("", Addresses.messageId("<>"));
    }
}
