package dev.tributary.cli;

import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReviewMetrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders a {@link Report} as terminal tables, Markdown, CSV or JSON. Computes nothing. */
final class ReportText {
    private ReportText() {
    }

    enum Format { table, json, csv, markdown, html }

    /** One table of the report: a title, column names, rows of cells. */
    private record Table(String title, List<String> columns, List<List<String>> rows, String coverage) {
    }

    static void write(Report r, Format format, PrintWriter out) {
        write(r, null, format, out);
    }

    /**
     * The report with its review columns when {@code rv} is not null (a project with review sources): the change
     * requests, reviews and marks of each organization after the organization tables' columns, the totals after
     * the summary line, and a {@code reviews} member in JSON.
     */
    static void write(Report r, ReviewMetrics.ReleaseReviews rv, Format format, PrintWriter out) {
        switch (format) {
            case json:
                out.println(rv == null ? Json.write(r) : Json.writeWith(r, "reviews", rv));
                return;
            case csv:
                csv(r, rv, out);
                return;
            case html:
                throw new IllegalStateException("html is written by dev.tributary.report.HtmlReport");
            default:
                List<Table> tables = tables(r, rv);
                boolean md = format == Format.markdown;
                out.println(md ? "# " + Text.md(r.title()) : r.title());
                out.println();
                out.printf(Locale.ROOT, "%s%,d changesets from %,d developers at %,d organizations (%,d developers of Unknown "
                                + "organization); +%,d -%,d lines%s%n", md ? "" : "", r.changesets(), r.developers(),
                        r.organizations(), r.unknownDevelopers(), r.linesAdded(), r.linesRemoved(),
                        (r.botChangesets() > 0 ? String.format(Locale.ROOT, "; %,d bot changesets %s", r.botChangesets(),
                                r.botsIncluded() ? "included" : "left out") : "")
                        + (rv == null ? "" : String.format(Locale.ROOT, "; %,d change requests, %,d reviews (%,d marks)",
                                rv.changes(), rv.reviews(), rv.marks())));
                for (Table t : tables) {
                    out.println();
                    if (md) {
                        markdown(t, out);
                    } else {
                        terminal(t, out);
                    }
                }
        }
    }

    private static List<Table> tables(Report r, ReviewMetrics.ReleaseReviews rv) {
        List<Table> out = new ArrayList<>();
        Report.Coverage c = r.coverage();
        out.add(developers("Top developers by changesets", r.byDeveloper(), c.developersByChangesets()));
        out.add(developers("Top developers by lines changed", r.byDeveloperLinesChanged(), c.developersByLinesChanged()));
        out.add(developers("Top developers by lines removed", r.byDeveloperLinesRemoved(), c.developersByLinesRemoved()));
        out.add(organizations("Top organizations by changesets", r.byOrganization(), c.organizationsByChangesets(), rv));
        out.add(organizations("Top organizations by lines changed", r.byOrganizationLinesChanged(), c.organizationsByLinesChanged(), rv));
        out.add(organizations("Top organizations by developers", r.byOrganizationDevelopers(), c.organizationsByDevelopers(), rv));
        for (String kind : r.credits().stream().map(Report.Credit::kind).distinct().toList()) {
            out.add(credits(kind + " credits by developer", r.credits(), kind, true));
            out.add(credits(kind + " credits by organization", r.creditsByOrganization(), kind, false));
        }
        return out;
    }

    private static Table developers(String title, List<Report.Developer> rows, double coverage) {
        return new Table(title, List.of("developer", "organization", "changesets", "added", "removed", "share"),
                rows.stream().map(d -> List.of(d.name(), d.organization(), num(d.changesets()), num(d.linesAdded()),
                        num(d.linesRemoved()), pct(d.share()))).toList(), pct(coverage));
    }

    private static Table organizations(String title, List<Report.Organization> rows, double coverage, ReviewMetrics.ReleaseReviews rv) {
        List<String> columns = new ArrayList<>(List.of("organization", "changesets", "developers", "added", "removed", "share"));
        if (rv != null) {
            columns.addAll(REVIEW_COLUMNS);
        }
        return new Table(title, columns, rows.stream().map(o -> {
            List<String> cells = new ArrayList<>(List.of(o.name(), num(o.changesets()), num(o.developers()), num(o.linesAdded()),
                    num(o.linesRemoved()), pct(o.share())));
            if (rv != null) {
                ReviewMetrics.OrganizationReviews x = rv.of(o.name());
                cells.addAll(List.of(num(x.changes()), num(x.reviews()), num(x.marks())));
            }
            return List.copyOf(cells);
        }).toList(), pct(coverage));
    }

    /** The review columns, after the organization tables' own. */
    private static final List<String> REVIEW_COLUMNS = List.of("changes", "reviews", "marks");

    private static Table credits(String title, List<Report.Credit> all, String kind, boolean people) {
        List<Report.Credit> rows = all.stream().filter(x -> x.kind().equals(kind)).toList();
        double coverage = rows.stream().mapToDouble(Report.Credit::share).sum();
        return new Table(title, people ? List.of("developer", "organization", "credits", "share") : List.of("organization", "credits", "share"),
                rows.stream().map(x -> people ? List.of(x.name(), x.organization(), num(x.count()), pct(x.share()))
                        : List.of(x.name(), num(x.count()), pct(x.share()))).toList(), pct(coverage));
    }

    private static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static void terminal(Table t, PrintWriter out) {
        out.println(t.title() + " (these rows: " + t.coverage() + ")");
        int[] width = new int[t.columns().size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = t.columns().get(i).length();
            for (List<String> row : t.rows()) {
                width[i] = Math.min(Math.max(width[i], Text.width(Text.printable(row.get(i)))), i < 2 ? 32 : 14);
            }
        }
        Function<List<String>, String> line = cells -> {
            StringBuilder b = new StringBuilder(" ");
            for (int i = 0; i < cells.size(); i++) {
                boolean left = i == 0 || i == 1 && !cells.get(1).matches("[0-9,.%]+");
                b.append(' ').append(Text.cell(cells.get(i), width[i], !left)); // display columns, so CJK names line up
            }
            return b.toString().stripTrailing();
        };
        out.println(line.apply(t.columns()));
        t.rows().forEach(r -> out.println(line.apply(r)));
    }

    private static void markdown(Table t, PrintWriter out) {
        out.println("## " + Text.md(t.title()));
        out.println();
        out.println("| " + String.join(" | ", t.columns()) + " |");
        out.println("|" + " --- |".repeat(t.columns().size()));
        for (List<String> row : t.rows()) {
            out.println("| " + String.join(" | ", row.stream().map(Text::md).toList()) + " |");
        }
        out.println();
        out.println("These rows: " + t.coverage() + ".");
    }

    /** One CSV: {@code table,name,organization,changesets,developers,linesAdded,linesRemoved,count,share}. */
    private static void csv(Report r, ReviewMetrics.ReleaseReviews rv, PrintWriter out) {
        // with review sources, three columns after the others: empty on the rows they do not apply to
        String none = rv == null ? "" : ",,,";
        out.println("table,name,organization,changesets,developers,linesAdded,linesRemoved,credits,share"
                + (rv == null ? "" : ",changeRequests,reviews,marks"));
        out.printf(Locale.ROOT, "total,%s,,%d,%d,%d,%d,,1%s%n", Text.csvField(r.title()), r.changesets(), r.developers(),
                r.linesAdded(), r.linesRemoved(), rv == null ? "" : "," + rv.changes() + "," + rv.reviews() + "," + rv.marks());
        devCsv("developers-by-changesets", r.byDeveloper(), none, out);
        devCsv("developers-by-lines-changed", r.byDeveloperLinesChanged(), none, out);
        devCsv("developers-by-lines-removed", r.byDeveloperLinesRemoved(), none, out);
        orgCsv("organizations-by-changesets", r.byOrganization(), rv, out);
        orgCsv("organizations-by-lines-changed", r.byOrganizationLinesChanged(), rv, out);
        orgCsv("organizations-by-developers", r.byOrganizationDevelopers(), rv, out);
        for (Report.Credit c : r.credits()) {
            out.printf(Locale.ROOT, "credits-%s,%s,%s,,,,,%d,%.6f%s%n", c.kind(), Text.csvField(c.name()), Text.csvField(c.organization()),
                    c.count(), c.share(), none);
        }
        for (Report.Credit c : r.creditsByOrganization()) {
            out.printf(Locale.ROOT, "credits-%s-by-organization,%s,,,,,,%d,%.6f%s%n", c.kind(), Text.csvField(c.name()), c.count(), c.share(),
                    none);
        }
    }

    private static void devCsv(String table, List<Report.Developer> rows, String none, PrintWriter out) {
        for (Report.Developer d : rows) {
            out.printf(Locale.ROOT, "%s,%s,%s,%d,1,%d,%d,,%.6f%s%n", table, Text.csvField(d.name()), Text.csvField(d.organization()),
                    d.changesets(), d.linesAdded(), d.linesRemoved(), d.share(), none);
        }
    }

    private static void orgCsv(String table, List<Report.Organization> rows, ReviewMetrics.ReleaseReviews rv, PrintWriter out) {
        for (Report.Organization o : rows) {
            String extra = "";
            if (rv != null) {
                ReviewMetrics.OrganizationReviews x = rv.of(o.name());
                extra = "," + x.changes() + "," + x.reviews() + "," + x.marks();
            }
            out.printf(Locale.ROOT, "%s,%s,,%d,%d,%d,%d,,%.6f%s%n", table, Text.csvField(o.name()), o.changesets(), o.developers(),
                    o.linesAdded(), o.linesRemoved(), o.share(), extra);
        }
    }
}
