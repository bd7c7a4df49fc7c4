package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import dev.tributary.model.Curated;
import dev.tributary.identity.Stackalytics;
import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curated state out to the peers' formats and back: import, export, import again loses nothing. */
class RoundTripTest {
    @TempDir
    Path dir;

    /** SortingHat's own shape (sortinghat/parsing/sh.py), with its 1900/2100 open ends and a profile. */
    static final String SORTINGHAT = """
            {
              "time": "2024-01-20 20:10:56.133378",
              "blacklist": [],
              "source": null,
              "organizations": {
                "Bitergia": [{"domain": "bitergia.com", "is_top": true}, {"domain": "api.bitergia.com", "is_top": false}],
                "Example": []
              },
              "uidentities": {
                "03e12d00e37fd45593c49a5a5a1652deca4cf302": {
                  "uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302",
                  "profile": {"uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302", "name": "John Smith", "email": "jsmith@example.com",
                              "gender": null, "gender_acc": null, "is_bot": false, "country": null},
                  "identities": [
                    {"email": "jsmith@example.com", "id": "a1", "name": "John Smith", "source": "scm", "username": "jsmith",
                     "uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302"},
                    {"email": "john@home.org", "id": "a2", "name": "John", "source": "mls", "username": null,
                     "uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302"},
                    {"email": null, "id": "a3", "name": null, "source": "github", "username": "jsmith-gh",
                     "uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302"}
                  ],
                  "enrollments": [
                    {"start": "1900-01-01T00:00:00", "end": "2014-06-01T00:00:00", "organization": "Example",
                     "uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302"},
                    {"start": "2014-06-01T00:00:00", "end": "2100-01-01T00:00:00", "organization": "Bitergia",
                     "uuid": "03e12d00e37fd45593c49a5a5a1652deca4cf302"}
                  ]
                },
                "b2": {
                  "uuid": "b2",
                  "identities": [{"email": "solo@bitergia.com", "id": "b", "name": "Solo", "source": "scm", "username": null, "uuid": "b2"}],
                  "enrollments": []
                }
              }
            }
            """;

    String exportAfterImport(Path file, String kind, String name) {
        try (Store store = Store.open(dir.resolve(name + ".duckdb"))) {
            ImportCurated.run(store, kind, file);
            return ExportCurated.sortingHat(store);
        }
    }

    @Test
    void sortinghat_import_export_import_is_lossless() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), SORTINGHAT);
        String b = exportAfterImport(a, "sortinghat", "one");
        Path bFile = Files.writeString(dir.resolve("b.json"), b);
        String c = exportAfterImport(bFile, "sortinghat", "two");
        assertEquals(b, c);
        // and b says what a said: two individuals, John's three... two addresses (the username-only identity is
        // reported: it cannot be addressed), his enrollments with open ends, Bitergia's domains
        JsonNode root = new ObjectMapper().readTree(b);
        assertEquals(2, root.get("uidentities").size());
        JsonNode john = null;
        for (JsonNode u : root.get("uidentities")) {
            if (u.get("profile").get("email").asText().equals("jsmith@example.com")) {
                john = u;
            }
        }
        assertEquals(2, john.get("identities").size());
        assertEquals("1900-01-01T00:00:00 2014-06-01T00:00:00 Example", line(john.get("enrollments").get(0)));
        assertEquals("2014-06-01T00:00:00 2100-01-01T00:00:00 Bitergia", line(john.get("enrollments").get(1)));
        assertEquals(2, root.get("organizations").get("Bitergia").size());
        Curated read = dev.tributary.identity.SortingHat.read(a);
        assertEquals(1, read.problems().size(), read.problems().toString());
        assertTrue(read.problems().get(0).toString().contains("jsmith-gh"));
    }

    static String line(JsonNode e) {
        return e.get("start").asText() + " " + e.get("end").asText() + " " + e.get("organization").asText();
    }

    @Test
    void a_sortinghat_file_with_an_unknown_field_is_refused_naming_the_entry_and_nothing_stored_is_lost() throws Exception {
        Path good = Files.writeString(dir.resolve("sh.json"), SORTINGHAT);
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            ImportCurated.run(store, "sortinghat", good);
            String before = ExportCurated.sortingHat(store);
            Files.writeString(good, SORTINGHAT.replace("\"enrollments\": []", "\"enrolments\": []"));
            TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                    () -> ImportCurated.run(store, "sortinghat", good));
            assertTrue(e.getMessage().contains("sh.json: uidentities.b2: unknown field 'enrolments'"), e.getMessage());
            assertEquals(before, ExportCurated.sortingHat(store));
        }
    }

    @Test
    void gitdm_and_stackalytics_exports_read_back_as_the_same_state() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), SORTINGHAT);
        Map<String, String> gitdm;
        String stackalytics;
        String sortinghat;
        try (Store store = Store.open(dir.resolve("one.duckdb"))) {
            ImportCurated.run(store, "sortinghat", a);
            gitdm = ExportCurated.gitdm(store);
            stackalytics = ExportCurated.stackalytics(store);
            sortinghat = ExportCurated.sortingHat(store);
        }
        Path g = Files.createDirectories(dir.resolve("gitdm"));
        for (var f : gitdm.entrySet()) {
            Files.writeString(g.resolve(f.getKey()), f.getValue());
        }
        assertTrue(gitdm.get("email-map").contains("jsmith@example.com Example < 2014-06-01\njsmith@example.com Bitergia\n"),
                gitdm.get("email-map"));
        assertTrue(gitdm.get("aliases").contains("john@home.org jsmith@example.com"), gitdm.get("aliases"));
        try (Store store = Store.open(dir.resolve("two.duckdb"))) {
            ImportCurated.run(store, "gitdm", g.resolve("gitdm.config"));
            assertEquals(gitdm, ExportCurated.gitdm(store));
        }
        Path s = Files.writeString(dir.resolve("default_data.json"), stackalytics);
        Curated c = Stackalytics.read(s);
        assertEquals(0, c.problems().size(), c.problems().toString());
        try (Store store = Store.open(dir.resolve("three.duckdb"))) {
            ImportCurated.run(store, "stackalytics", s);
            assertEquals(stackalytics, ExportCurated.stackalytics(store));
        }
        assertTrue(sortinghat.contains("solo@bitergia.com"));
    }
}
