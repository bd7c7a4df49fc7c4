package dev.tributary.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one curated file says about people and organizations, in Tributary's terms, with the lines it
 * could not use. Produced by the importers ({@code identity.Gitdm}, {@code identity.Stackalytics}); stored per source so
 * that importing a file again replaces exactly what it said before.
 *
 * <p>Times are epoch seconds (UTC); a null {@code from} or {@code until} is an open end. Ranges are
 * half-open: {@code from <= t < until}.
 */
public record Curated(String source, List<Alias> aliases, List<Enrollment> enrollments, List<DomainRule> domains,
        List<OrgAlias> orgAliases, List<Problem> problems) {

    public Curated {
        Objects.requireNonNull(source, "source");
        aliases = List.copyOf(aliases);
        enrollments = List.copyOf(enrollments);
        domains = List.copyOf(domains);
        orgAliases = List.copyOf(orgAliases);
        problems = List.copyOf(problems);
    }

    /** {@code email} is another address of the individual known by {@code canonical}. */
    public record Alias(String email, String canonical) {
        public Alias {
            email = normalizeEmail(email);
            canonical = normalizeEmail(canonical);
        }
    }

    /** The individual who uses {@code email} worked for {@code organization} in [from, until). */
    public record Enrollment(String email, String organization, Long from, Long until) {
        public Enrollment {
            email = normalizeEmail(email);
            organization = Organizations.normalize(organization);
            checkRange(from, until);
        }
    }

    /** Addresses in {@code domain} (and its subdomains) belong to {@code organization} in [from, until). */
    public record DomainRule(String domain, String organization, Long from, Long until) {
        public DomainRule {
            domain = domain.toLowerCase(Locale.ROOT).trim();
            organization = Organizations.normalize(organization);
            checkRange(from, until);
        }
    }

    /** {@code alias} is another name of {@code organization}. */
    public record OrgAlias(String alias, String organization) {
        public OrgAlias {
            organization = Organizations.normalize(organization);
        }
    }

    /** A line that was not imported, and why. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** An address as curated data keeps it: trimmed, lower case. */
    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static void checkRange(Long from, Long until) {
        if (!dev.tributary.model.DateRange.holdsTime(from, until)) {
            throw new IllegalArgumentException("empty range: from " + from + " is not before until " + until);
        }
    }
}
