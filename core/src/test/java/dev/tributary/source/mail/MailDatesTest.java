package dev.tributary.source.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailDatesTest {
    @Test
    void an_asctime_date_header_keeps_a_zone_written_after_the_year() {
        // linux-mips, 2006: "Date: Mon Apr 10 10:38:45 2006 +0200" is 08:38:45 UTC (Python's email.utils agrees)
        MailDates.When w = MailDates.parse("Mon Apr 10 10:38:45 2006 +0200");
        assertEquals(1144658325L, w.epochSeconds());
        assertEquals(120, w.offsetMinutes());
        assertEquals(1333360800L, MailDates.asctime("From ann@example.org Mon Apr  2 10:00:00 2012").epochSeconds(),
                "an mbox envelope is still UTC");
    }
}
