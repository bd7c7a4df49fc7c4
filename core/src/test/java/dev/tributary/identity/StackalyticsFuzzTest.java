package dev.tributary.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.Fuzz;
import java.nio.file.Path;

/** Fuzzes the Stackalytics reader with any bytes: it reads them or names the problem, never throws. */
class StackalyticsFuzzTest {
    private static final Path FILE = Fuzz.temp("default_data.json");

    @FuzzTest(maxDuration = "10s")
    void any_stackalytics_file_is_read_or_refused_with_a_clear_error(byte[] data) throws Exception {
        Fuzz.readOrRefused(FILE, data, Stackalytics::read);
    }
}
