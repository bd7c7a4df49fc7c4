package dev.tributary.report;

import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.metrics.Split;
import dev.tributary.model.Scope;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The report's code-review sections (docs/reviews.md): the review figures over the report's scope, the
 * top reviewers with their states and votes, and the review matrix drawn as a heatmap. Absent when the store
 * holds no change requests. Immutable once built.
 */
final class ReviewSection {
    private static final List<ReviewMetrics.Metric> FIGURES = List.of(ReviewMetrics.Metric.change_requests_new,
            ReviewMetrics.Metric.change_requests_accepted, ReviewMetrics.Metric.change_requests_declined,
            ReviewMetrics.Metric.change_requests_open, ReviewMetrics.Metric.acceptance_ratio,
            ReviewMetrics.Metric.first_response_median_hours, ReviewMetrics.Metric.first_review_median_hours,
            ReviewMetrics.Metric.duration_median_hours, ReviewMetrics.Metric.reviews, ReviewMetrics.Metric.reviewers);

    private final Map<String, Double> figures;
    private final List<ReviewMetrics.ReviewerRow> reviewers;
    private final List<ReviewMetrics.MatrixCell> matrix;
    private final String scopeNote;

    private ReviewSection(Map<String, Double> figures, List<ReviewMetrics.ReviewerRow> reviewers, List<ReviewMetrics.MatrixCell> matrix,
            String scopeNote) {
        this.figures = figures;
        this.reviewers = reviewers;
        this.matrix = matrix;
        this.scopeNote = scopeNote;
    }

    /**
     * The sections for the report's scope, or null when the store holds no change requests (or none of the
     * containers the project names). The scope's window is the review window: its own, else for a release of tag
     * ranges the span of its commits ({@link dev.tributary.metrics.MailMetrics#window}, as the release table's review columns); its paths
     * (modules, {@code --path}) keep the change requests touching a matching file, which needs the change requests'
     * files: the section says how many have any.
     *
     * @param containers the review containers the project names ({@code github/OWNER/REPO}, ...); empty: every collected one
     */
    static ReviewSection of(Connection conn, Scope git, List<String> containers, int top) {
        if (!new dev.tributary.store.read.Inventory(conn).hasChanges()) {
            return null;
        }
        ReviewMetrics rm = new ReviewMetrics(conn);
        List<Integer> ids = containers.isEmpty() ? List.of() : rm.ids(containers);
        if (!containers.isEmpty() && ids.isEmpty()) {
            return null; // the project's review sources were not collected: nothing of this project to show
        }
        ReviewMetrics.ReviewScope scope = rm.scopeOf(git, ids);
        Map<String, Double> f = new LinkedHashMap<>();
        for (ReviewMetrics.Point p : rm.run(scope, FIGURES, null, Split.none, 0)) {
            f.put(p.metric(), p.value());
        }
        String note = null;
        if (!git.paths().isEmpty()) {
            long[] n = rm.changesWithFiles(ids);
            note = n[0] == 0 ? "Paths " + String.join(", ", git.paths()) + ": no change request has files stored, so none is counted here. "
                    + "A change request's files are those of its commits (and of its squash or rebase merge) in the collected "
                    + "repositories, and Gerrit's --files."
                    : String.format(Locale.ROOT, "Paths %s: the change requests touching a matching file; %,d of the %,d stored have "
                            + "files (their commits in the collected repositories, Gerrit's --files), the other %,d are in no module.",
                            String.join(", ", git.paths()), n[0], n[1], n[1] - n[0]);
        }
        return new ReviewSection(f, rm.reviewers(scope, Split.person, top), rm.matrix(scope), note);
    }

    private String value(String metric, String format) {
        return Sections.Figure.shown(figures.get(metric), format);
    }

    List<Sections.Section> sections(UnaryOperator<String> shown) {
        List<Sections.Figure> f = new ArrayList<>();
        f.add(new Sections.Figure("cr-new", "change requests opened", value("change-requests-new", "%,.0f")));
        f.add(new Sections.Figure("cr-accepted", "accepted (merged)", value("change-requests-accepted", "%,.0f")));
        f.add(new Sections.Figure("cr-declined", "declined", value("change-requests-declined", "%,.0f")));
        f.add(new Sections.Figure("cr-open", "open at the end", value("change-requests-open", "%,.0f")));
        f.add(new Sections.Figure("cr-ratio", "acceptance ratio", figures.get("acceptance-ratio") == null ? "—"
                : String.format(Locale.ROOT, "%.1f%%", 100 * figures.get("acceptance-ratio"))));
        f.add(new Sections.Figure("cr-ttfr", "median time to first response", value("first-response-median-hours", "%.1f h")));
        f.add(new Sections.Figure("cr-ttfrev", "median time to first review", value("first-review-median-hours", "%.1f h")));
        f.add(new Sections.Figure("cr-duration", "median time to merge", value("duration-median-hours", "%.1f h")));
        f.add(new Sections.Figure("cr-reviews", "reviews and votes", value("reviews", "%,.0f")));
        f.add(new Sections.Figure("cr-reviewers", "reviewers", value("reviewers", "%,.0f")));
        List<Sections.Section> out = new ArrayList<>();
        out.add(new Sections.Figures("reviews", "Code review", f, "Time to first response: from opening to the first comment or "
                + "review by a human other than the author (CHAOSS). Reviews: GitHub reviews and Gerrit votes other than Verified; bots left out."
                + (scopeNote == null ? "" : " " + scopeNote)));
        List<List<Sections.Cell>> rows = new ArrayList<>();
        for (ReviewMetrics.ReviewerRow r : reviewers) {
            rows.add(List.of(Sections.Cell.text(shown.apply(r.name())), Sections.Cell.text(shown.apply(r.organization())),
                    Sections.Cell.num(r.reviews()), Sections.Cell.num(r.changes()), Sections.Cell.num(r.byState().getOrDefault("APPROVED", 0L)),
                    Sections.Cell.num(r.byState().getOrDefault("CHANGES_REQUESTED", 0L)), Sections.Cell.num(r.byState().getOrDefault("COMMENTED", 0L)),
                    Sections.Cell.num(r.votes().getOrDefault(-2, 0L)), Sections.Cell.num(r.votes().getOrDefault(-1, 0L)),
                    Sections.Cell.num(r.votes().getOrDefault(1, 0L)), Sections.Cell.num(r.votes().getOrDefault(2, 0L)), Sections.Cell.num(r.comments())));
        }
        out.add(new Sections.Table("reviewers", "Top reviewers", "Reviews by state (GitHub) and Code-Review votes (Gerrit); changes reviewed; comments.",
                List.of("reviewer", "organization", "reviews", "changes", "approve", "changes requested", "comment", "−2", "−1", "+1", "+2", "comments"),
                rows, "No reviews in this scope."));
        out.add(new Sections.Chart("review-matrix", "Who reviews whom: the review matrix",
                "Reviews by humans of the reviewer's organization (rows) on change requests by the author's organization (columns), "
                        + "organizations at the time of each act; self-reviews and bots left out.", matrix.isEmpty() ? "No reviews in this scope." : null));
        return out;
    }

    List<Map<String, Object>> matrixJson(UnaryOperator<String> shown) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReviewMetrics.MatrixCell c : matrix) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reviewer", shown.apply(c.reviewerOrganization()));
            m.put("author", shown.apply(c.authorOrganization()));
            m.put("reviews", c.reviews());
            out.add(m);
        }
        return out;
    }
}
