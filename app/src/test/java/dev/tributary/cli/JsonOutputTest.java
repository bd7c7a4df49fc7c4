package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format json} of the audit log and of the write commands, over the widgets project. */
class JsonOutputTest {
    @TempDir
    Path dir;

    @Test
    void the_audit_log_is_json_with_iso_instants() throws Exception {
        dev.tributary.web.Widgets w = dev.tributary.web.Widgets.create(dir);
        var run = tributary("affiliations", "enroll", "--db", w.db.toString(), "cy@initech.com", "Acme Labs");
        assertEquals(0, run.code(), run.err());
        run = tributary("log", "--format", "json", "--db", w.db.toString());
        assertEquals(0, run.code(), "was exit 1: Java 8 date/time type java.time.Instant not supported: " + run.err());
        JsonNode log = new ObjectMapper().readTree(run.out());
        JsonNode last = log.get(log.size() - 1);
        assertEquals("ENROLL", last.get("kind").asText());
        assertTrue(Instant.parse(last.get("at").asText()).isAfter(Instant.parse("2026-01-01T00:00:00Z")), last.toString());
    }

    @Test
    void every_write_command_answers_json_with_the_operation_it_logged() throws Exception {
        dev.tributary.web.Widgets w = dev.tributary.web.Widgets.create(dir);
        String db = w.db.toString();
        String[][] commands = {
                {"affiliations", "enroll", "cy@initech.com", "Acme Labs"},
                {"identities", "merge", "ann@acme.com", "cy@initech.com"},
                {"identities", "split", "cy@initech.com"},
                {"organizations", "rename", "Initech", "Initech Corp"},
                {"organizations", "alias", "initech.example", "Initech Corp"},
                {"organizations", "domain", "Initech Corp", "initech.example"},
                {"undo"},
        };
        for (String[] c : commands) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 3);
            args[c.length] = "--db";
            args[c.length + 1] = db;
            args[c.length + 2] = "--format=json";
            var run = tributary(args);
            assertEquals(0, run.code(), String.join(" ", c) + ": " + run.err());
            JsonNode op = new ObjectMapper().readTree(run.out());
            assertTrue(op.get("id").asLong() > 0 && op.has("kind") && op.has("operation") && op.has("arguments"), run.out());
        }
        var run = tributary("affiliations", "import", "--db", db, "--format", "json", "--gitdm", dir.resolve("curated/gitdm.config").toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(2, new ObjectMapper().readTree(run.out()).get("enrollments").asInt(), run.out());
    }
}
