package dev.tributary.metrics;

import dev.tributary.model.DateRange;
import java.util.List;

/**
 * What a mail metric looks at: lists (by store id), an optional window [since, until) of message dates in
 * epoch seconds (null: open), and whether bots count as people.
 */
public record MailScope(List<Integer> lists, Long since, Long until, boolean includeBots) {
    /** Lists over a window. */
    public MailScope(List<Integer> lists, DateRange window, boolean includeBots) {
        this(lists, window.since(), window.until(), includeBots);
    }

    public MailScope {
        lists = List.copyOf(lists);
        if (lists.isEmpty()) {
            throw new IllegalArgumentException("a mail scope needs at least one list");
        }
        new DateRange(since, until); // the one window rule
    }
}
