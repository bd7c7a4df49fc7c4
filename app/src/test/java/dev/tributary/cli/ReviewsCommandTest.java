package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewsCommandTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("s.duckdb").toString();
    }

    private static String backup() throws Exception {
        return Path.of(ReviewsCommandTest.class.getResource("/github-backup/small").toURI()).toString();
    }

    @Test
    void collect_github_from_a_backup_then_reviews_prints_the_figures_as_json_with_null_for_undefined() throws Exception {
        AnalyzeCommandTest.Run collect = AnalyzeCommandTest.tributary("collect", "github", "o/r", "--backup", backup(), "--db", db(), "-q");
        assertEquals(0, collect.code(), collect.err());
        assertTrue(collect.out().contains("3 stored"), collect.out());
        assertTrue(collect.err().contains("warning: pulls/5.json"), collect.err());
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.tributary("reviews", "change-requests-accepted", "duration-median-hours",
                "--since", "2024-02-01", "--db", db(), "--format", "json");
        assertEquals(0, run.code(), run.err());
        Map<String, JsonNode> v = new HashMap<>();
        new ObjectMapper().readTree(run.out()).forEach(p -> v.put(p.get("metric").asText(), p.get("value")));
        assertEquals(0, v.get("change-requests-accepted").asInt()); // #1 was merged in January
        assertTrue(v.get("duration-median-hours").isNull());
    }

    @Test
    void reviewers_and_matrix_tables_name_people_and_organizations() throws Exception {
        AnalyzeCommandTest.tributary("collect", "github", "o/r", "--backup", backup(), "--db", db(), "-q");
        AnalyzeCommandTest.Run reviewers = AnalyzeCommandTest.tributary("reviews", "--reviewers", "--db", db());
        assertEquals(0, reviewers.code(), reviewers.err());
        assertTrue(reviewers.out().lines().skip(1).findFirst().orElse("").startsWith("bob"), reviewers.out());
        AnalyzeCommandTest.Run matrix = AnalyzeCommandTest.tributary("reviews", "--matrix", "--db", db(), "--format", "csv");
        assertTrue(matrix.out().contains("\"corp.com\",\"acme.org\",1"), matrix.out());
    }

    @Test
    void bad_input_is_exit_3_and_usage_errors_exit_2() throws Exception {
        assertEquals(3, AnalyzeCommandTest.tributary("collect", "github", "not a repo", "--backup", backup(), "--db", db()).code());
        assertEquals(3, AnalyzeCommandTest.tributary("collect", "github", "o/r", "--backup", dir.toString(), "--db", db()).code());
        assertEquals(3, AnalyzeCommandTest.tributary("reviews", "no-such-metric", "--db", db()).code());
        assertEquals(3, AnalyzeCommandTest.tributary("reviews", "--repo", "x/y", "--db", db()).code());
        assertEquals(2, AnalyzeCommandTest.tributary("reviews", "--by", "module", "--db", db()).code());
        assertEquals(2, AnalyzeCommandTest.tributary("collect", "gerrit", "--db", db()).code());
        AnalyzeCommandTest.Run list = AnalyzeCommandTest.tributary("reviews", "--list");
        assertTrue(list.out().contains("CHAOSS: Time to First Response"), list.out());
    }
}
