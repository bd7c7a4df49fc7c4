package dev.tributary.report;

import java.util.List;

/**
 * The typed models of the report's sections. Each is rendered by the small jte template it names
 * ({@code src/main/jte/report/*.jte}), which escapes every value by its HTML context; the page
 * ({@code report/page.jte}) lays the rendered sections out in order.
 *
 * <p>To add a section (reviews, issues, patches, ...): build one of these records from your metrics'
 * typed results — {@link Figures}, {@link Chart} and {@link Table} cover most — or add a record implementing
 * {@link Section} with its own template, and add it to the list {@link HtmlReport} renders. Values are shown
 * as they are given: mask addresses before (see {@code HtmlReport.shown}). Public only because jte's
 * generated template classes live in another package. Immutable.
 */
public final class Sections {
    private Sections() {
    }

    /** One section of the page: its model, rendered by {@link #template()}. */
    public interface Section {
        /** The template's name under {@code src/main/jte}, e.g. {@code report/table.jte}. */
        String template();
    }

    /** One headline figure: {@code id} becomes {@code fig-<id>} in the page. */
    public record Figure(String id, String label, String value) {
        /** A figure's value: {@code v} in {@code format} ({@code "%.1f h"}), or a dash when there is none. */
        static String shown(Double v, String format) {
            return v == null ? "\u2014" : String.format(java.util.Locale.ROOT, format, v);
        }
    }

    /** A row of headline figures with an optional note (null: none). */
    public record Figures(String id, String heading, List<Figure> figures, String note) implements Section {
        public Figures {
            figures = List.copyOf(figures);
        }

        @Override
        public String template() {
            return "report/figures.jte";
        }
    }

    /**
     * A chart drawn by the report's script from the embedded data: {@code id} names the drawing function
     * ({@code data-chart}). {@code empty} is shown instead when there is nothing to draw (null: always draw).
     */
    public record Chart(String id, String heading, String note, String empty) implements Section {
        @Override
        public String template() {
            return "report/chart.jte";
        }
    }

    /** A table cell: its text, and for numbers the value it sorts by. */
    public record Cell(String text, String sortKey) {
        public boolean numeric() {
            return sortKey != null;
        }

        public static Cell text(String s) {
            return new Cell(s == null ? "" : s, null);
        }

        public static Cell num(long n) {
            return new Cell(HtmlReport.num(n), Long.toString(n));
        }

        public static Cell share(double v) {
            return new Cell(HtmlReport.pct(v), String.format(java.util.Locale.ROOT, "%.6f", v));
        }
    }

    /** A sortable table; {@code empty} is shown when there are no rows. */
    public record Table(String id, String heading, String note, List<String> columns, List<List<Cell>> rows, String empty)
            implements Section {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }

        @Override
        public String template() {
            return "report/table.jte";
        }
    }

    /** The data-quality notes: plain statements, then the collection warnings (as code), and how many more. */
    public record Notes(List<String> items, List<String> warnings, long moreWarnings) implements Section {
        public Notes {
            items = List.copyOf(items);
            warnings = List.copyOf(warnings);
        }

        @Override
        public String template() {
            return "report/notes.jte";
        }
    }

    /**
     * The page around the sections: masthead, footer, and the inlined styles, data and scripts (with the CSP
     * that lets exactly those run).
     *
     * @param logo   a {@code data:} URI of the logo image, or null
     * @param footer lines of the footer: generated, data as of, version, scope
     */
    public record Page(String title, String subtitle, String logo, String scopeLine, List<String> footer, String csp,
            String css, String data, String echarts, String script) {
        public Page {
            footer = List.copyOf(footer);
        }
    }
}
