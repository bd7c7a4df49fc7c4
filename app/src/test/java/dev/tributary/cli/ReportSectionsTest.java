package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.metrics.ReleaseIssues;
import dev.tributary.metrics.Report;
import dev.tributary.metrics.ReviewMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A project with review sources and trackers: the review columns first, the issues' after them, in every format. */
class ReportSectionsTest {
    static final Report REPORT = new Report("p two", List.of("r"), 1, 1, 1, 0, 2, 0, 0, false,
            List.of(new Report.Developer("Ann", "ann@acme.com", "Acme", 1, 2, 0, 1)), List.of(), List.of(),
            List.of(new Report.Organization("Acme", 1, 1, 2, 0, 1)), List.of(), List.of(),
            new Report.Coverage(20, 1, 0, 0, 1, 0, 0), List.of(), List.of());
    static final ReviewMetrics.ReleaseReviews REVIEWS = new ReviewMetrics.ReleaseReviews(3, 4, 5,
            List.of(new ReviewMetrics.OrganizationReviews("Acme", 3, 4, 5)));
    static final ReleaseIssues ISSUES = new ReleaseIssues(List.of("t"), 0L, 10L, 2, 1, 3,
            List.of(new ReleaseIssues.Row("Acme", 2, 1, 3, 1.0)), 1.0);

    static String write(ReportText.Format f, ReviewMetrics.ReleaseReviews rv, ReleaseIssues is) {
        StringWriter s = new StringWriter();
        ReportText.write(REPORT, rv, is, f, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void the_issue_columns_and_member_come_after_the_review_ones_and_without_either_nothing_changes() throws Exception {
        assertEquals("""
                table,name,organization,changesets,developers,linesAdded,linesRemoved,credits,share,changeRequests,reviews,marks,issuesOpened,issuesClosed,issueComments
                total,"p two",,1,1,2,0,,1,3,4,5,,,
                developers-by-changesets,"Ann","Acme",1,1,2,0,,1.000000,,,,,,
                organizations-by-changesets,"Acme",,1,1,2,0,,1.000000,3,4,5,,,
                issues-total,"t",,,,,,,1,,,,2,1,3
                issues-by-organization,"Acme",,,,,,,1.000000,,,,2,1,3
                """, write(ReportText.Format.csv, REVIEWS, ISSUES));
        assertTrue(write(ReportText.Format.csv, null, ISSUES).startsWith(
                "table,name,organization,changesets,developers,linesAdded,linesRemoved,credits,share,issuesOpened,issuesClosed,issueComments\n"
                        + "total,\"p two\",,1,1,2,0,,1,,,\n"));
        List<String> fields = new ArrayList<>();
        new ObjectMapper().readTree(write(ReportText.Format.json, REVIEWS, ISSUES)).fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("reviews", "issues"), fields.subList(fields.size() - 2, fields.size()));
        for (ReportText.Format f : List.of(ReportText.Format.table, ReportText.Format.json, ReportText.Format.csv, ReportText.Format.markdown)) {
            StringWriter s = new StringWriter();
            ReportText.write(REPORT, f, new PrintWriter(s));
            assertEquals(s.toString(), write(f, null, null), f + ": a git-only project's table as it was");
        }
        assertTrue(write(ReportText.Format.markdown, null, ISSUES).contains("## Issue work by organization"));
    }
}
