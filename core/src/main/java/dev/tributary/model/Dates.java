package dev.tributary.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The dates users type: {@code YYYY-MM-DD} (start of that day, UTC) or an ISO date-time with offset. */
public final class Dates {
    private Dates() {
    }

    /**
     * Epoch seconds of {@code text}.
     *
     * @throws IllegalArgumentException naming the text if it is neither form
     */
    public static long parse(String text) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            return OffsetDateTime.parse(t).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad date '" + text + "' (expected YYYY-MM-DD or an ISO date-time with offset)");
        }
    }

    /** {@link #parse} for an optional date: null or empty is an open end. */
    public static Long parseOptional(String text) {
        return text == null || text.isBlank() ? null : parse(text);
    }

    /** The day of {@code epoch} (UTC) as {@code YYYY-MM-DD}, or the empty string for an open end. */
    public static String day(Long epoch) {
        return epoch == null ? "" : LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC).toString();
    }
}
