package dev.tributary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    static String refused(Path p, long limit) {
        return assertThrows(TributaryException.InvalidInput.class, () -> InputFiles.read(p, "mailmap", limit)).getMessage();
    }

    @Test
    void only_regular_files_of_a_sane_size_are_read_and_each_refusal_names_the_file() throws Exception {
        String m = refused(Path.of("/dev/zero"), InputFiles.CURATED_LIMIT);
        assertTrue(m.startsWith("mailmap: /dev/zero: not a regular file"), m);
        m = refused(Path.of("/proc/self/environ"), InputFiles.CURATED_LIMIT);
        assertTrue(m.contains("holds more than the 0 bytes its size says"), m);
        m = refused(dir, InputFiles.CURATED_LIMIT);
        assertTrue(m.contains("is a folder"), m);
        m = refused(dir.resolve("missing"), InputFiles.CURATED_LIMIT);
        assertTrue(m.contains("no such file"), m);
        Path big = dir.resolve("big");
        Files.write(big, new byte[2048]);
        m = refused(big, 1024);
        assertTrue(m.contains("2,048 bytes, over the limit of 1,024"), m);
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, big);
        assertArrayEquals(new byte[2048], InputFiles.read(link, "mailmap", 4096), "a link to a regular file is read");
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        m = refused(fifo, InputFiles.CURATED_LIMIT);
        assertTrue(m.contains("not a regular file"), m);
    }
}
