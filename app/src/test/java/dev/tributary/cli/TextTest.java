package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void csv_cells_a_spreadsheet_would_read_as_formulas_stay_text() {
        assertEquals("\"'=1+1\"", Text.csvField("=1+1"));
        assertEquals("\"'@SUM(A1)\"", Text.csvField("@SUM(A1)"));
        assertEquals("\"'\t=cmd\"", Text.csvField("\t=cmd"), "a leading TAB");
        assertEquals("\"'\r=cmd\"", Text.csvField("\r=cmd"), "a leading CR");
        assertEquals("\"Ann \"\"the\"\" dev\"", Text.csvField("Ann \"the\" dev"));
        assertEquals("\"\"", Text.csvField(null));
    }
}
