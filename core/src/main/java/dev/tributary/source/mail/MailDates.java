package dev.tributary.source.mail;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient reading of the dates found in mail: RFC 5322 {@code Date:} headers as real clients write them
 * (weekday optional, two- or three-digit years, seconds optional, numeric or named zones, trailing comments)
 * and the asctime date of an mbox {@code From } line. Stateless.
 */
final class MailDates {
    private static final Pattern RFC = Pattern.compile(
            "(\\d{1,2})[\\s-]+([A-Za-z]{3})[a-z]*\\.?[\\s-]+(\\d{2,4})[\\s,]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?(?:\\.\\d+)?"
                    + "\\s*(?:([+-])(\\d{1,2}):?(\\d{2})|([A-Za-z]{1,5})\\b)?");
    private static final Pattern ASCTIME = Pattern.compile(
            "([A-Za-z]{3})[a-z]*\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?\\s+(?:([A-Z]{1,5}|[+-]\\d{4})\\s+)?(\\d{4})"
                    + "(?:\\s+([+-]\\d{4}|[A-Z]{1,5})\\b)?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?\\s*(?:([+-])(\\d{2}):?(\\d{2})|Z)?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> ZONES = Map.of("EST", -300, "EDT", -240, "CST", -360, "CDT", -300,
            "MST", -420, "MDT", -360, "PST", -480, "PDT", -420);

    private MailDates() {
    }

    /** A point in time and the writer's UTC offset in minutes. */
    record When(long epochSeconds, int offsetMinutes) {
    }

    /** The date of a {@code Date:} header, or null when none can be read. */
    static When parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = RFC.matcher(text);
        if (m.find()) {
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (month != null) {
                int year = Integer.parseInt(m.group(3));
                year = m.group(3).length() == 2 ? (year < 50 ? 2000 + year : 1900 + year) : m.group(3).length() == 3 ? 1900 + year : year;
                int offset = 0;
                if (m.group(7) != null) {
                    offset = (Integer.parseInt(m.group(8)) * 60 + Integer.parseInt(m.group(9))) * (m.group(7).equals("-") ? -1 : 1);
                } else if (m.group(10) != null) {
                    offset = ZONES.getOrDefault(m.group(10).toUpperCase(Locale.ROOT), 0);
                }
                return of(year, month, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), offset);
            }
        }
        When w = asctime(text);
        if (w != null) {
            return w;
        }
        Matcher iso = ISO.matcher(text);
        if (iso.find()) {
            int offset = iso.group(7) == null ? 0
                    : (Integer.parseInt(iso.group(8)) * 60 + Integer.parseInt(iso.group(9))) * (iso.group(7).equals("-") ? -1 : 1);
            return of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)),
                    Integer.parseInt(iso.group(4)), Integer.parseInt(iso.group(5)), iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6)),
                    offset);
        }
        return null;
    }

    /**
     * The asctime date of an mbox separator line ({@code From sender Mon Apr  2 10:00:00 2012}), read as UTC, or of a
     * Date header written that way, with its zone before or after the year ({@code Mon Apr 10 10:38:45 2006 +0200}).
     */
    static When asctime(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ASCTIME.matcher(text);
        while (m.find()) {
            Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
            if (month != null) {
                int offset = 0;
                String zone = m.group(6) != null ? m.group(6) : m.group(8); // before the year, or after: "2006 +0200"
                if (zone != null && (zone.startsWith("+") || zone.startsWith("-"))) {
                    offset = (Integer.parseInt(zone.substring(1, 3)) * 60 + Integer.parseInt(zone.substring(3))) * (zone.startsWith("-") ? -1 : 1);
                } else if (zone != null) {
                    offset = ZONES.getOrDefault(zone, 0);
                }
                return of(Integer.parseInt(m.group(7)), month, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), offset);
            }
        }
        return null;
    }

    private static When of(int year, int month, int day, int hour, int minute, int second, int offsetMinutes) {
        if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || Math.abs(offsetMinutes) > 18 * 60) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
            return new When(t.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)), offsetMinutes);
        } catch (java.time.DateTimeException e) {
            return null; // 31 February and the like: not a date
        }
    }
}
