package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.web.TwoClones;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in a folder, as a user runs it: a subprocess whose working folder holds a tributary.yaml. */
public class WorkingFolderTest {
    @TempDir
    Path dir;

    public static String[] run(Path cwd, String... args) throws Exception {
        return run(cwd, Map.of(), args);
    }

    /** The CLI run in {@code cwd} with {@code env} added to this process's environment: exit code, stdout, stderr. */
    public static String[] run(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(cwd.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {String.valueOf(p.exitValue()), out, Files.readString(cwd.resolve("err.txt"))};
    }

    @Test
    void the_tributary_yaml_of_the_working_folder_is_used_when_no_path_is_given() throws Exception {
        TwoClones.create(dir);
        String[] r = run(dir, "analyze", "--quiet", "--format", "json", "--db", dir.resolve("t.duckdb").toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(3 + 2, new ObjectMapper().readTree(r[1]).get("commits").asInt(), "nova's 3 and keystone's 2 commits at HEAD");
    }
}
