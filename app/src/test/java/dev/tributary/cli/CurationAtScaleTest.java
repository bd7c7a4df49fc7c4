package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suggest, review, apply as one group, undo as one group; curation that would change nothing says so. */
class CurationAtScaleTest {
    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    String db() {
        return dir.resolve("s.duckdb").toString();
    }

    void collect() throws Exception {
        Path repo = dir.resolve("r");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commits("Ann Lee", "ann@acme.com", "a", "2020-01-01T10:00:00Z");
            r.commits("Ann Lee", "ann@gmail.com", "a", "2020-02-01T10:00:00Z");
            r.commits("José García", "jose@initech.com", "b", "2020-03-01T10:00:00Z");
            r.commits("garcia, jose", "jgarcia@gmail.com", "b", "2020-04-01T10:00:00Z");
            r.commits("jaypipes@gmail.com", "", "c", "2020-05-01T10:00:00Z");
        }
        assertEquals(0, AnalyzeCommandTest.tributary("analyze", "--quiet", "--db", db(), repo.toString()).code());
        Path mbox = dir.resolve("dev.mbox");
        Files.writeString(mbox, MailCommandTest.message("Poster Only <poster.only@gmail.com>", "Mon, 6 Jan 2020 10:00:00 +0000", "a@x", null));
        AnalyzeCommandTest.Run mail = AnalyzeCommandTest.tributary("collect", "mail", "--quiet", "--db", db(), "--list", "dev", mbox.toString());
        assertEquals(0, mail.code(), mail.err());
    }

    @Test
    void suggestions_are_reviewed_applied_as_one_group_and_undone_as_one() throws Exception {
        collect();
        AnalyzeCommandTest.Run s = AnalyzeCommandTest.tributary("identities", "suggest", "--format", "json", "--db", db());
        assertEquals(0, s.code(), s.err());
        JsonNode merges = JSON.readTree(s.out()).get("merges");
        assertEquals(2, merges.size(), s.out());
        for (JsonNode m : merges) {
            assertTrue(m.get("confidence").asDouble() > 0 && m.has("reason") && m.has("rule"), m.toString());
        }
        // the same name written the same way is surer than one up to accents and word order
        JsonNode ann = merges.get(0).get("into").asText().contains("ann") ? merges.get(0) : merges.get(1);
        JsonNode jose = ann == merges.get(0) ? merges.get(1) : merges.get(0);
        assertTrue(ann.get("confidence").asDouble() > jose.get("confidence").asDouble(), s.out());

        Path reviewed = dir.resolve("reviewed.json");
        Files.writeString(reviewed, "{\"merges\": " + merges + ", \"enrollments\": [{\"person\": \"ann@gmail.com\","
                + " \"organization\": \"Acme\", \"from\": \"2020-01-15\", \"until\": null}]}");
        AnalyzeCommandTest.Run a = AnalyzeCommandTest.tributary("identities", "apply", reviewed.toString(), "--db", db());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("2 merges, 0 splits, 1 enrollments"), a.out());
        assertEquals(3, people().size(), "Ann, José, and the author without an address (the poster only posts)");

        AnalyzeCommandTest.Run u = AnalyzeCommandTest.tributary("undo", "--db", db());
        assertEquals(0, u.code(), u.err());
        assertEquals(3, u.out().lines().count(), u.out());
        assertEquals(5, people().size());
        // undoing the undo restores the whole group
        long undoId = Long.parseLong(u.out().lines().findFirst().orElseThrow().replaceAll("^#(\\d+).*", "$1"));
        assertEquals(0, AnalyzeCommandTest.tributary("undo", Long.toString(undoId), "--db", db()).code());
        assertEquals(3, people().size());
    }

    JsonNode people() throws Exception {
        AnalyzeCommandTest.Run l = AnalyzeCommandTest.tributary("identities", "list", "--format", "json", "--db", db());
        assertEquals(0, l.code(), l.err());
        JsonNode all = JSON.readTree(l.out());
        com.fasterxml.jackson.databind.node.ArrayNode committers = JSON.createArrayNode();
        all.forEach(p -> {
            if (p.get("commits").asLong() > 0) {
                committers.add(p);
            }
        });
        return committers;
    }

    @Test
    void a_file_naming_an_address_not_in_the_store_applies_nothing_and_names_the_entry() throws Exception {
        collect();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"merges\": [{\"into\": \"ann@acme.com\", \"others\": [\"ann@gmail.com\"]},"
                + " {\"into\": \"ann@acme.com\", \"others\": [\"nobody@nowhere.org\"]}]}");
        AnalyzeCommandTest.Run a = AnalyzeCommandTest.tributary("identities", "apply", bad.toString(), "--db", db());
        assertEquals(3, a.code());
        assertTrue(a.err().contains("bad.json: merges[1]: no identity with the address 'nobody@nowhere.org'"), a.err());
        assertTrue(AnalyzeCommandTest.tributary("log", "--db", db()).out().isBlank(), "nothing logged");
        Files.writeString(bad, "{\"merges\": [], \"enrolments\": []}");
        a = AnalyzeCommandTest.tributary("identities", "apply", bad.toString(), "--db", db());
        assertEquals(3, a.code());
        assertTrue(a.err().contains("unknown field 'enrolments'"), a.err());
    }

    @Test
    void people_who_only_post_are_listed_shown_and_unknown() throws Exception {
        collect();
        AnalyzeCommandTest.Run l = AnalyzeCommandTest.tributary("identities", "list", "--format", "json", "--db", db());
        assertTrue(l.out().contains("poster.only@gmail.com"), l.out());
        AnalyzeCommandTest.Run show = AnalyzeCommandTest.tributary("identities", "show", "poster.only@gmail.com", "--db", db());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("Poster Only"), show.out());
        // webmail gives no employer: Unknown, to be fixed like any committer
        AnalyzeCommandTest.Run unknown = AnalyzeCommandTest.tributary("affiliations", "unknown", "--db", db());
        assertTrue(unknown.out().contains("poster.only@gmail.com") || unknown.out().contains("Poster Only"), unknown.out());
        // the author without an address has one, from the name
        assertEquals(0, AnalyzeCommandTest.tributary("identities", "show", "jaypipes@gmail.com", "--db", db()).code());
    }

    @Test
    void renaming_to_an_existing_alias_or_renaming_a_missing_organization_is_exit_3() throws Exception {
        collect();
        assertEquals(0, AnalyzeCommandTest.tributary("organizations", "alias", "NTT DATA", "acme.com", "--db", db()).code());
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.tributary("organizations", "rename", "acme.com", "NTT DATA", "--db", db());
        assertEquals(3, r.code(), r.out());
        assertTrue(r.err().contains("one organization already"), r.err());
        r = AnalyzeCommandTest.tributary("organizations", "rename", "No Such Org", "Other", "--db", db());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("no organization named 'No Such Org'"), r.err());
        assertEquals(1, AnalyzeCommandTest.tributary("log", "--db", db()).out().lines().count());
    }
}
