package dev.tributary.metrics;

import dev.tributary.TributaryException;
import java.util.List;

/**
 * Which issues a metric counts: the trackers (by name; empty for every tracker), a window {@code [since,
 * until)} in UTC epoch seconds (either end open), pull requests in or out (GitHub numbers them with the
 * issues; out by default), one label, component or fix version (or null for all), and how long an open issue
 * may be quiet before it counts as abandoned. Immutable.
 */
public record IssueScope(List<String> trackers, Long since, Long until, boolean pulls, String label, int abandonedDays) {
    /** Days of silence after which an open issue is abandoned, unless told otherwise. */
    public static final int ABANDONED_DAYS = 365;

    public IssueScope {
        trackers = List.copyOf(trackers);
        if (since != null && until != null && until < since) {
            throw new TributaryException.InvalidInput("the window ends (" + java.time.Instant.ofEpochSecond(until)
                    + ") before it starts (" + java.time.Instant.ofEpochSecond(since) + ")");
        }
        if (abandonedDays < 1) {
            throw new TributaryException.InvalidInput("abandoned after must be 1 day or more, not " + abandonedDays);
        }
    }

    public static IssueScope all() {
        return new IssueScope(List.of(), null, null, false, null, ABANDONED_DAYS);
    }

    public IssueScope withWindow(Long since, Long until) {
        return new IssueScope(trackers, since, until, pulls, label, abandonedDays);
    }
}
