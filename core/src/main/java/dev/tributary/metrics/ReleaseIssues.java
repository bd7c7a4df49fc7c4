package dev.tributary.metrics;

import java.util.List;

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
}
