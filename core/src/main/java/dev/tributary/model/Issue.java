package dev.tributary.model;

import java.util.List;
import java.util.Objects;

/**
 * One issue (or pull request, on GitHub) as a tracker reported it. Immutable; times are UTC epoch seconds.
 *
 * @param key        the tracker's own name for it: {@code "1234"} on GitHub, Launchpad and Bugzilla, {@code
 *                   "ZOOKEEPER-1234"} on Jira; unique within a tracker
 * @param closed     when it was last closed (resolved), or {@code null} while open
 * @param state      {@code open} or {@code closed}, mapped from the tracker's own status
 * @param status     the tracker's own status ({@code closed}, {@code Resolved}, {@code Fix Released}, {@code
 *                   RESOLVED}, ...)
 * @param resolution the tracker's resolution ({@code Fixed}, {@code Invalid}, GitHub's {@code state_reason}), or ""
 * @param closedBy   who closed it, when the tracker says; null otherwise
 * @param pullRequest whether this GitHub item is a pull request (they share the issue numbering)
 * @param labels     labels, tags or keywords
 * @param components Jira components, Bugzilla product/component, Launchpad target
 * @param fixVersions Jira fix versions, Bugzilla target milestone, GitHub milestone, Launchpad milestone
 * @param references keys of other issues this item's text says it fixes or closes ({@code Fixes #12}): a pull
 *                   request's links to code work
 */
public record Issue(String key, String title, TrackerAccount reporter, long created, Long closed, String state,
        String status, String resolution, TrackerAccount closedBy, boolean pullRequest, List<String> labels,
        List<String> components, List<String> fixVersions, Long updated, List<String> references) {
    /** Characters kept of a title. */
    public static final int TITLE_LIMIT = 1024;

    public Issue {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.length() > 128) {
            throw new IllegalArgumentException("bad issue key '" + key + "'");
        }
        title = title == null ? "" : title.length() <= TITLE_LIMIT ? title : title.substring(0, TITLE_LIMIT);
        Objects.requireNonNull(reporter, "reporter of " + key);
        if (!state.equals("open") && !state.equals("closed")) {
            throw new IllegalArgumentException("issue " + key + ": state must be open or closed, not '" + state + "'");
        }
        // a close recorded before the report (bugs imported from an older tracker) is kept as the tracker says;
        // durations leave negative spans out
        status = status == null ? "" : status;
        resolution = resolution == null ? "" : resolution;
        labels = List.copyOf(labels);
        components = List.copyOf(components);
        fixVersions = List.copyOf(fixVersions);
        references = List.copyOf(references);
    }
}
