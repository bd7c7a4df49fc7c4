package dev.tributary.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * Period lengths for time series, and the period arithmetic every series shares (commits, mail, an
 * organization's investment, a person's activity): periods start on UTC boundaries (weeks on Monday),
 * whatever the session's time zone. A null interval means the whole window, labelled {@code all}.
 */
public enum Interval {
    week, month, quarter, year;

    /** The period's label ({@code 2012-03}, {@code 2012-Q1}, ...); {@code all} for no interval (null). */
    static String label(long start, Interval interval) {
        if (interval == null) {
            return "all";
        }
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        switch (interval) {
            case week: return d.toString();
            case month: return d.toString().substring(0, 7);
            case quarter: return d.getYear() + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
            default: return Integer.toString(d.getYear());
        }
    }

    /** The start of the period holding {@code epoch}. */
    static long floor(long epoch, Interval interval) {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC);
        switch (interval) {
            case week: d = d.minusDays(d.getDayOfWeek().getValue() - 1L); break;
            case month: d = d.withDayOfMonth(1); break;
            case quarter: d = d.withDayOfMonth(1).withMonth((d.getMonthValue() - 1) / 3 * 3 + 1); break;
            default: d = d.withDayOfYear(1);
        }
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** The start of the period after the one starting at {@code start}. */
    static long next(long start, Interval interval) {
        return shift(start, interval, 1);
    }

    /** The start of the period {@code n} periods after (before, when negative) the one starting at {@code start}. */
    static long shift(long start, Interval interval, int n) {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        LocalDate s;
        switch (interval) {
            case week: s = d.plusWeeks(n); break;
            case month: s = d.plusMonths(n); break;
            case quarter: s = d.plusMonths(3L * n); break;
            default: s = d.plusYears(n);
        }
        return s.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /**
     * The starts of a series' periods: {@code 0} alone without an interval; else every period from the window's
     * start (or the first period {@code seen}) to its end (or the last period seen); none when nothing was seen
     * and the window is open.
     */
    static java.util.List<Long> starts(Interval interval, Long since, Long until, java.util.SortedMap<Long, ?> seen) {
        java.util.List<Long> starts = new java.util.ArrayList<>();
        if (interval == null) {
            starts.add(0L);
        } else if (!seen.isEmpty() || since != null && until != null) {
            long first = since != null ? floor(since, interval) : seen.firstKey();
            long last = until != null ? until - 1 : seen.lastKey();
            for (long t = first; t <= last; t = next(t, interval)) {
                starts.add(t);
            }
        }
        return starts;
    }
}
