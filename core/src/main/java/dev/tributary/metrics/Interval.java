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
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        LocalDate n;
        switch (interval) {
            case week: n = d.plusWeeks(1); break;
            case month: n = d.plusMonths(1); break;
            case quarter: n = d.plusMonths(3); break;
            default: n = d.plusYears(1);
        }
        return n.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
