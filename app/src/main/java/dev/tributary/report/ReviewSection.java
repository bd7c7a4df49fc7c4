package dev.tributary.report;

import dev.tributary.metrics.Health;
import dev.tributary.metrics.ReviewMetrics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's code-review section: the review figures over the report's window, the top reviewers with
 * their states and votes, and the review matrix drawn as a heatmap (docs/reviews.md). Absent when the
 * store holds no change requests. Immutable once built.
 */
final class ReviewSection {
    interface Chart {
        void add(StringBuilder b, String id, String heading, String note);
    }

    private static final List<ReviewMetrics.Metric> FIGURES = List.of(ReviewMetrics.Metric.change_requests_new,
            ReviewMetrics.Metric.change_requests_accepted, ReviewMetrics.Metric.change_requests_declined,
            ReviewMetrics.Metric.change_requests_open, ReviewMetrics.Metric.acceptance_ratio,
            ReviewMetrics.Metric.first_response_median_hours, ReviewMetrics.Metric.first_review_median_hours,
            ReviewMetrics.Metric.duration_median_hours, ReviewMetrics.Metric.reviews, ReviewMetrics.Metric.reviewers,
            ReviewMetrics.Metric.self_merged_share);

    private final Map<String, Double> figures;
    private final List<ReviewMetrics.ReviewerRow> reviewers;
    private final List<ReviewMetrics.MatrixCell> matrix;

    private ReviewSection(Map<String, Double> figures, List<ReviewMetrics.ReviewerRow> reviewers, List<ReviewMetrics.MatrixCell> matrix) {
        this.figures = figures;
        this.reviewers = reviewers;
        this.matrix = matrix;
    }

    /** The section for every collected container within [since, until), or null when there are no change requests. */
    static ReviewSection of(Connection conn, Long since, Long until, int top) {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM changes")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return null;
            }
        } catch (SQLException e) {
            throw new dev.tributary.TributaryException.StoreFailure("reading change requests: " + e.getMessage(), e);
        }
        ReviewMetrics rm = new ReviewMetrics(conn);
        ReviewMetrics.ReviewScope scope = new ReviewMetrics.ReviewScope(List.of(), since, until);
        Map<String, Double> f = new LinkedHashMap<>();
        for (ReviewMetrics.Point p : rm.run(scope, FIGURES, null, Health.Split.none, 0)) {
            f.put(p.metric(), p.value());
        }
        return new ReviewSection(f, rm.reviewers(scope, Health.Split.person, top), rm.matrix(scope));
    }

    private String value(String metric, String format) {
        Double v = figures.get(metric);
        return v == null ? "—" : String.format(Locale.ROOT, format, v);
    }

    void html(StringBuilder b, Html h, Chart chart) {
        b.append("<section id=\"reviews\"><h2>Code review</h2><dl class=\"figures\">");
        figure(b, h, "cr-new", value("change-requests-new", "%,.0f"), "change requests opened");
        figure(b, h, "cr-accepted", value("change-requests-accepted", "%,.0f"), "accepted (merged)");
        figure(b, h, "cr-declined", value("change-requests-declined", "%,.0f"), "declined");
        figure(b, h, "cr-open", value("change-requests-open", "%,.0f"), "open at the end");
        figure(b, h, "cr-ratio", figures.get("acceptance-ratio") == null ? "—"
                : String.format(Locale.ROOT, "%.1f%%", 100 * figures.get("acceptance-ratio")), "acceptance ratio");
        figure(b, h, "cr-ttfr", value("first-response-median-hours", "%.1f h"), "median time to first response");
        figure(b, h, "cr-ttfrev", value("first-review-median-hours", "%.1f h"), "median time to first review");
        figure(b, h, "cr-duration", value("duration-median-hours", "%.1f h"), "median time to merge");
        figure(b, h, "cr-reviews", value("reviews", "%,.0f"), "reviews and votes");
        figure(b, h, "cr-reviewers", value("reviewers", "%,.0f"), "reviewers");
        b.append("</dl><p class=\"note\">Time to first response: from opening to the first comment or review by a human other "
                + "than the author (CHAOSS). Reviews: GitHub reviews and Gerrit votes other than Verified; bots left out.</p>");
        b.append("<table class=\"sortable\" id=\"table-reviewers\"><thead><tr>");
        for (String c : List.of("reviewer", "organization", "reviews", "changes", "approve", "changes requested", "comment",
                "−2", "−1", "+1", "+2", "comments")) {
            b.append("<th tabindex=\"0\">").append(h.text(c)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (ReviewMetrics.ReviewerRow r : reviewers) {
            b.append("<tr><td>").append(h.text(h.shown(r.name()))).append("</td><td>").append(h.text(r.organization())).append("</td>");
            for (long n : new long[] {r.reviews(), r.changes(), r.byState().getOrDefault("APPROVED", 0L),
                    r.byState().getOrDefault("CHANGES_REQUESTED", 0L), r.byState().getOrDefault("COMMENTED", 0L),
                    r.votes().getOrDefault(-2, 0L), r.votes().getOrDefault(-1, 0L), r.votes().getOrDefault(1, 0L),
                    r.votes().getOrDefault(2, 0L), r.comments()}) {
                b.append("<td class=\"num\" data-v=\"").append(n).append("\">").append(HtmlReport.num(n)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></section>\n");
        chart.add(b, "review-matrix", "Who reviews whom: the review matrix",
                "Reviews by humans of the reviewer's organization (rows) on change requests by the author's organization (columns), "
                        + "organizations at the time of each act; self-reviews and bots left out.");
    }

    private static void figure(StringBuilder b, Html h, String id, String value, String label) {
        b.append("<div class=\"figure\" id=\"fig-").append(id).append("\"><dt>").append(h.text(label)).append("</dt><dd>")
                .append(h.text(value)).append("</dd></div>");
    }

    List<Map<String, Object>> matrixJson(Html h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReviewMetrics.MatrixCell c : matrix) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reviewer", h.shown(c.reviewerOrganization()));
            m.put("author", h.shown(c.authorOrganization()));
            m.put("reviews", c.reviews());
            out.add(m);
        }
        return out;
    }
}
