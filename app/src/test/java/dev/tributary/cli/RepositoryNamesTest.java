package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.web.TwoClones;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project file's repository names are the names used everywhere, whatever the folders are called. */
class RepositoryNamesTest {
    @TempDir
    Path dir;

    @Test
    void two_clones_in_folders_called_repo_keep_the_names_the_project_file_gives_them() throws Exception {
        TwoClones t = TwoClones.create(dir);
        String db = dir.resolve("t.duckdb").toString();
        var run = AnalyzeCommandTest.tributary("report", "--quiet", "--db", db, "--project", t.project.toString(),
                "--release", "epoxy", "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        List<String> names = new ArrayList<>();
        j.get("repositories").forEach(n -> names.add(n.asText()));
        assertEquals(List.of("keystone", "nova"), names.stream().sorted().toList(), "was [repo, repo]: the folders' names");
        assertEquals(2 + 1, j.get("changesets").asInt(), "v1..v2 holds 2 of nova, k1..k2 1 of keystone");
        run = AnalyzeCommandTest.tributary("report", "--quiet", "--no-collect", "--db", db, "--project", t.project.toString(),
                "--release", "epoxy", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(3, new ObjectMapper().readTree(run.out()).get("changesets").asInt(), "found by name without collecting");
    }
}
