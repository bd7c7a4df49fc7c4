package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import dev.tributary.model.Curated;
import dev.tributary.store.Store;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curated files of the wrong shape, size or encoding: a clear error or a warning, and nothing imported before is lost. */
class CuratedFilesTest {
    @TempDir
    Path dir;

    private static long count(Store store, String sql) throws Exception {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_stackalytics_file_of_the_wrong_shape_is_bad_input_and_keeps_the_earlier_import() throws Exception {
        Path f = dir.resolve("default_data.json");
        Files.writeString(f, "{\"users\": [{\"emails\": [\"ann@a.com\", \"ann@b.com\"], \"companies\": []}],"
                + " \"companies\": [{\"company_name\": \"A\", \"domains\": [\"a.com\"]}]}");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            ImportCurated.run(store, "stackalytics", f);
            assertEquals(1, count(store, "SELECT count(*) FROM curated_aliases"));
            for (String wrong : List.of("[]", "{\"users\": 5}", "{}", "{\"users\": [5]}", "{\"users\": [{\"emails\": \"a@b\"}]}", "\"x\"")) {
                Files.writeString(f, wrong);
                TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                        () -> ImportCurated.run(store, "stackalytics", f), wrong);
                assertEquals(3, e.exitCode());
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                assertEquals(1, count(store, "SELECT count(*) FROM curated_aliases"), "kept after " + wrong);
                assertEquals(1, count(store, "SELECT count(*) FROM curated_domains"), "kept after " + wrong);
            }
        }
    }

    @Test
    void a_curated_file_that_is_a_device_or_a_pseudo_file_is_refused_by_name() throws Exception {
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            String m = assertThrows(TributaryException.InvalidInput.class, () -> ImportCurated.run(store, "mailmap", Path.of("/dev/zero")))
                    .getMessage();
            assertEquals("mailmap: /dev/zero: not a regular file (a device, FIFO or socket)", m);
            m = assertThrows(TributaryException.InvalidInput.class,
                    () -> ImportCurated.run(store, "mailmap", Path.of("/proc/self/environ"))).getMessage();
            assertTrue(m.startsWith("mailmap: /proc/self/environ: holds more than"), m);
            assertEquals(0, count(store, "SELECT count(*) FROM curated_mailmaps"));
            Path config = dir.resolve("gitdm.config");
            Files.writeString(config, "EmailMap /proc/self/environ\n");
            Curated c = ImportCurated.run(store, "gitdm", config);
            assertTrue(c.problems().get(0).toString().contains("/proc/self/environ"), c.problems().toString());
            assertEquals(0, count(store, "SELECT count(*) FROM curated_enrollments"));
        }
    }

    @Test
    void one_non_utf8_line_of_a_gitdm_file_is_read_as_windows_1252_with_a_warning_and_the_others_as_utf8() throws Exception {
        Path map = dir.resolve("domain-map");
        byte[] utf8 = "uni.example Université de Montréal\n".getBytes(StandardCharsets.UTF_8);
        byte[] cp1252 = "ecole.example École Polytechnique\n".getBytes(Charset.forName("windows-1252"));
        byte[] all = new byte[utf8.length + cp1252.length];
        System.arraycopy(utf8, 0, all, 0, utf8.length);
        System.arraycopy(cp1252, 0, all, utf8.length, cp1252.length);
        Files.write(map, all);
        Curated c = dev.tributary.identity.Gitdm.read(map);
        assertEquals(List.of("Université de Montréal", "École Polytechnique"),
                c.domains().stream().map(Curated.DomainRule::organization).toList());
        assertEquals(1, c.problems().size());
        assertEquals(2, c.problems().get(0).line());
        assertTrue(c.problems().get(0).toString().contains("not UTF-8"), c.problems().toString());
    }
}
