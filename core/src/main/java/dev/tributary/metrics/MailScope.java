package dev.tributary.metrics;

import java.util.List;

/**
 * What a mail metric looks at: lists (by store id), an optional window [since, until) of message dates in
 * epoch seconds (null: open), and whether bots count as people.
 */
public record MailScope(List<Integer> lists, Long since, Long until, boolean includeBots) {
    public MailScope {
        lists = List.copyOf(lists);
        if (lists.isEmpty()) {
            throw new IllegalArgumentException("a mail scope needs at least one list");
        }
        if (since != null && until != null && until < since) {
            throw new IllegalArgumentException("window ends before it starts: since " + since + ", until " + until);
        }
    }
}
