package dev.tributary.source.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sender and message-id forms met in real archives and in RFC 5322, each worked out by hand. */
class AddressesTest {
    /** Each sender form with the name and (lower-cased) address it gives. */
    static Stream<Arguments> senderForms() {
        return Stream.of(
                arguments("Ann Smith <Ann@Example.COM>", "Ann Smith", "ann@example.com"),
                arguments("\"Smith, Ann\" <ann@example.com>", "Smith, Ann", "ann@example.com"),
                arguments("ann@example.com (Ann Smith)", "Ann Smith", "ann@example.com"),
                arguments("ann at example.com (Ann Smith)", "Ann Smith", "ann@example.com"),
                arguments("ann@example.com", "", "ann@example.com"),
                arguments("Ruixin Wang wangruixin@CAICT.AC.CN", "Ruixin Wang", "wangruixin@caict.ac.cn"),
                arguments("\"Rodriguez-Herrera, Alfonso\"              Alfonso.Rodriguez-Herrera@SPIRENT.COM",
                        "Rodriguez-Herrera, Alfonso", "alfonso.rodriguez-herrera@spirent.com"),
                arguments("Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>", "Pete", "pete@silly.test"),
                arguments("\"Joe Q. Public\" <john.q.public@example.com>", "Joe Q. Public", "john.q.public@example.com"),
                arguments("Mary Smith <mary@\n x.test>", "Mary Smith", "mary@x.test"),
                arguments("\"a <b>\" <c@d.test>", "a <b>", "c@d.test"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senderForms")
    void every_common_and_obsolete_sender_form_gives_the_name_and_address(String value, String name, String email) {
        assertEquals(new Addresses.Sender(name, email), Addresses.sender(value), value);
    }

    /** Each text with no address in it, with the name it is kept as. */
    static Stream<Arguments> textsWithoutAnAddress() {
        return Stream.of(
                arguments("undisclosed-recipients:;", "undisclosed-recipients:;"),
                arguments("Just A Name", "Just A Name"),
                arguments("(only a comment", "only a comment"),
                arguments("", ""));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("textsWithoutAnAddress")
    void text_without_an_address_is_kept_as_a_name_with_no_email(String value, String name) {
        assertEquals(new Addresses.Sender(name, ""), Addresses.sender(value), value);
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
