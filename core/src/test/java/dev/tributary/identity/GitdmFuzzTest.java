package dev.tributary.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.Fuzz;
import java.nio.file.Path;

/** Fuzzes the gitdm reader (config, aliases and map files) with any bytes: it reads them or names the problem, never throws. */
class GitdmFuzzTest {
    private static final Path FILE = Fuzz.temp("domain-map");

    @FuzzTest(maxDuration = "10s")
    void any_gitdm_file_is_read_or_refused_with_a_clear_error(byte[] data) throws Exception {
        Fuzz.readOrRefused(FILE, data, f -> Gitdm.read(f).problems().forEach(p -> p.message().length()));
    }
}
