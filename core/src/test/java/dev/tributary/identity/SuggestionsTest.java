package dev.tributary.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    static String[] id(String individual, String name) {
        return new String[] {individual, name, individual};
    }

    @Test
    void each_rule_finds_its_duplicates_and_roles_and_one_word_names_are_left_alone() {
        List<Suggestions.Suggestion> s = Suggestions.find(List.of(
                id("jose@a.com", "José García"),
                id("garcia@b.org", "garcia, JOSE"),
                id("12345+octo@users.noreply.github.com", "octo"),
                id("octo@corp.com", "Octo Cat"),
                id("janedoe1@x.com", "Jane D"),
                id("janedoe1@y.com", "J Doe"),
                id("admin@x.com", "Admin X"),
                id("admin@y.com", "Admin Y"),
                id("bob@p.com", "bob"),
                id("bob@q.com", "bob")));
        assertEquals(List.of(
                new Suggestions.Suggestion(List.of("garcia@b.org", "jose@a.com"),
                        "same name 'garcia jose' (case, accents, punctuation and word order ignored)", "same-name", 0.8),
                new Suggestions.Suggestion(List.of("12345+octo@users.noreply.github.com", "octo@corp.com"),
                        "GitHub noreply address of login 'octo'", "github-noreply", 0.85),
                new Suggestions.Suggestion(List.of("janedoe1@x.com", "janedoe1@y.com"), "same user name 'janedoe1' at several domains",
                        "same-user-name", 0.6)),
                s);
    }
}
