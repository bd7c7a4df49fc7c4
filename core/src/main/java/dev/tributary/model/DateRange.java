package dev.tributary.model;

import dev.tributary.TributaryException;

/**
 * A window of time, [since, until) in UTC epoch seconds; an open end is null (never a sentinel date). A
 * window may be empty (since = until) but never end before it starts: the canonical constructor refuses
 * that, so a window that exists is valid. Immutable; equal when both ends are.
 */
public record DateRange(Long since, Long until) {
    /** All of time: both ends open. */
    public static final DateRange ALL = new DateRange(null, null);

    /**
     * @throws TributaryException.InvalidInput if it ends before it starts, naming both days
     */
    public DateRange {
        if (since != null && until != null && until < since) {
            throw new TributaryException.InvalidInput("the window ends before it starts: since " + Dates.day(since)
                    + ", until " + Dates.day(until));
        }
    }

    /**
     * The window typed as two options ({@code --since}, {@code --until}; or the API's {@code since},
     * {@code until}), either absent.
     *
     * @throws TributaryException.InvalidInput naming the option: a bad date ({@code "--since: bad date 'x' ..."})
     *     or an end before the start ({@code "--until 2011-01-01 is before --since 2012-01-01"})
     */
    public static DateRange parse(String sinceName, String since, String untilName, String until) {
        Long s = parseEnd(sinceName, since);
        Long u = parseEnd(untilName, until);
        if (s != null && u != null && u < s) {
            throw new TributaryException.InvalidInput(untilName + " " + until + " is before " + sinceName + " " + since);
        }
        return new DateRange(s, u);
    }

    /**
     * One end typed as option {@code name}: null or blank is open.
     *
     * @throws TributaryException.InvalidInput naming the option and the text
     */
    public static Long parseEnd(String name, String text) {
        try {
            return Dates.parseOptional(text);
        } catch (IllegalArgumentException e) {
            throw new TributaryException.InvalidInput(name + ": " + e.getMessage());
        }
    }

    /** This window with each open end taken from {@code fallback} (a release's window under a typed one). */
    public DateRange orElse(DateRange fallback) {
        return new DateRange(since != null ? since : fallback.since, until != null ? until : fallback.until);
    }

    /**
     * The rule for a stretch that must hold some time (an enrollment, a dated domain rule): either end open,
     * or from strictly before until. Windows may be empty; stretches may not.
     */
    public static boolean holdsTime(Long from, Long until) {
        return from == null || until == null || from < until;
    }

    /** Whether neither end is set. */
    public boolean open() {
        return since == null && until == null;
    }
}
