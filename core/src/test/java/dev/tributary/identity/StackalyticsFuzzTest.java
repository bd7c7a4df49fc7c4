package dev.tributary.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzzes the Stackalytics reader with any bytes: it reads them or names the problem, never throws. */
class StackalyticsFuzzTest {
    private static final Path FILE = Fuzz.temp("default_data.json");

    @FuzzTest(maxDuration = "10s")
    void any_stackalytics_file_is_read_or_refused_with_a_clear_error(byte[] data) throws Exception {
        Files.write(FILE, data);
        try {
            Stackalytics.read(FILE);
        } catch (TributaryException.InvalidInput expected) {
            // a clear error is a fine answer
        }
    }
}
