package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the command line answers mistakes: one line, a "did you mean", and where the help is. */
class CommandLineMannersTest {
    @TempDir
    Path dir;

    @Test
    void a_mistyped_metric_is_named_with_the_metric_it_was_meant_to_be_not_read_as_a_path() {
        var run = tributary("metrics", "comits", "--db", dir.resolve("t.duckdb").toString(), "-q");
        assertEquals(3, run.code(), run.err());
        assertEquals("tributary: 'comits' is neither a metric nor a repository (did you mean 'commits'?); "
                + "'tributary metrics --list' lists the metrics\n", run.err());
    }

    @Test
    void a_usage_error_is_one_line_and_a_hint_to_help_not_the_whole_help() {
        var run = tributary("report", "--top");
        assertEquals(2, run.code());
        assertEquals(2, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("tributary: Missing required parameter for option '--top'"), run.err());
        assertTrue(run.err().endsWith("Try 'tributary report --help' for more information.\n"), run.err());
    }

    @Test
    void a_mistyped_command_or_option_gets_a_did_you_mean() {
        var run = tributary("anlyze");
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("tributary: 'anlyze' is not a tributary command (did you mean 'analyze'?)\n"), run.err());
        run = tributary("report", "--fromat", "json");
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("tributary: Unknown option: '--fromat' (did you mean '--format'?)"), run.err());
    }

    @Test
    void a_shell_completion_script_is_generated_from_the_commands() {
        var run = tributary("completion");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("complete -F _complete_tributary"), "a bash completion function");
        assertTrue(run.out().contains("analyze") && run.out().contains("--show-emails"), "commands and their options");
    }

    @Test
    void table_columns_line_up_with_cjk_names_by_display_width() throws Exception {
        Path repo = dir.resolve("cjk");
        try (dev.tributary.testkit.TestRepo r = dev.tributary.testkit.TestRepo.init(repo)) {
            r.commit().by("山田太郎", "taro@example.jp", "2024-01-01T10:00:00Z").put("a", "1\n").create();
            r.commit().by("Ann", "ann@acme.com", "2024-01-02T10:00:00Z").put("b", "1\n").create();
        }
        var run = tributary("analyze", "--quiet", "--db", dir.resolve("t.duckdb").toString(), repo.toString());
        assertEquals(0, run.code(), run.err());
        java.util.List<String> rows = run.out().lines().dropWhile(l -> !l.equals("Top contributors")).skip(1).limit(3).toList();
        // every column has a fixed width, so every row takes the same terminal columns; 山田太郎 is 4 characters, 8 columns
        java.util.Set<Integer> ends = new java.util.HashSet<>();
        for (String row : rows) {
            ends.add(Text.width(row));
        }
        assertEquals(1, ends.size(), "misaligned: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.contains("山田太郎")), rows.toString());
    }
}
