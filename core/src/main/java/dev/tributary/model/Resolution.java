package dev.tributary.model;

import java.util.List;
import java.util.Map;

/**
 * Who is who and who worked where, derived from curated data and manual operations by {@code identity.Resolver};
 * metrics join it with activity at query time, so a change here changes every figure at once.
 *
 * @param individualOf      person email (after .mailmap) → the individual's id (its canonical email)
 * @param enrollments       address → organization for [from, until), applying to the address's individual
 *                          (joined through individualOf at query time); lower rank wins
 * @param emailAffiliations raw author email → organization for [from, until) by domain; lower rank wins
 */
public record Resolution(Map<String, String> individualOf, List<Enrollment> enrollments,
        List<EmailAffiliation> emailAffiliations) {

    /**
     * Rank of a manual enrollment, a curated one, a domain rule (DOMAIN for the address's own domain, one more
     * for each label stripped, so longer domains win), the email-domain guess.
     */
    public static final int MANUAL = 0, CURATED = 1, DOMAIN = 2, GUESS = 100;

    public Resolution {
        individualOf = Map.copyOf(individualOf);
        enrollments = List.copyOf(enrollments);
        emailAffiliations = List.copyOf(emailAffiliations);
    }

    public record Enrollment(String email, String organization, Long from, Long until, int rank, String origin) {
    }

    public record EmailAffiliation(String email, String organization, Long from, Long until, int rank) {
    }
}
