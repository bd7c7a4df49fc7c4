package dev.tributary.identity;

import dev.tributary.model.Curated;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzzes the gitdm reader (config, aliases and map files) with any bytes: it reads them or names the problem, never throws. */
class GitdmFuzzTest {
    private static final Path FILE = Fuzz.temp("domain-map");

    @FuzzTest(maxDuration = "10s")
    void any_gitdm_file_is_read_or_refused_with_a_clear_error(byte[] data) throws Exception {
        Files.write(FILE, data);
        try {
            Curated c = Gitdm.read(FILE);
            c.problems().forEach(p -> p.message().length());
        } catch (TributaryException.InvalidInput expected) {
            // a clear error is a fine answer
        }
    }
}
