package dev.tributary.metrics;

import dev.tributary.store.read.ReleaseIssueRows;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The issues section of a release table: over the project's trackers and the release's window (a release given as
 * ranges: the span of its commits' author dates, as its mail), the issues opened (reported), the issues closed, and
 * the comments made, each counted for the organization of the person at that moment (the reporter at the report,
 * the closer at the close, the commenter at the comment; the contributions read model's resolution, so curated
 * enrollments apply). Pull requests are left out; bots are left out unless the report includes them.
 *
 * @param trackers       the trackers read, by name
 * @param since          the window's start (epoch seconds), null when open
 * @param until          its end, exclusive, null when open
 * @param byOrganization the top organizations by opened + closed + comments; Unknown is a row
 * @param coverage       the share of opened + closed + comments the rows add up to
 */
public record ReleaseIssues(List<String> trackers, Long since, Long until, long opened, long closed, long comments,
        List<Row> byOrganization, double coverage) {

    /** One organization's issue work in the release; {@code share} of opened + closed + comments. */
    public record Row(String name, long opened, long closed, long comments, double share) {
    }

    /**
     * The section over the trackers {@code trackerIds} (named {@code names}) in {@code [since, until)}: the {@code top}
     * organizations and the totals.
     */
    public static ReleaseIssues read(Connection conn, List<Integer> trackerIds, List<String> names, Long since, Long until,
                                     boolean includeBots, int top) {
        Map<String, long[]> counts = new ReleaseIssueRows(conn).counts(trackerIds, since, until, includeBots);
        long opened = 0;
        long closed = 0;
        long comments = 0;
        for (long[] c : counts.values()) {
            opened += c[0];
            closed += c[1];
            comments += c[2];
        }
        long all = opened + closed + comments;
        List<Row> rows = new ArrayList<>();
        double covered = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (rows.size() == top) {
                break;
            }
            long[] c = e.getValue();
            double share = all == 0 ? 0 : (c[0] + c[1] + c[2]) / (double) all;
            covered += share;
            rows.add(new Row(e.getKey(), c[0], c[1], c[2], share));
        }
        return new ReleaseIssues(names, since, until, opened, closed, comments, rows, covered);
    }
}
