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
        List<OrgAlias> orgAliases, List<Problem> problems, List<AccountId> accounts) {

    public Curated {
        Objects.requireNonNull(source, "source");
        aliases = List.copyOf(aliases);
        enrollments = List.copyOf(enrollments);
        domains = List.copyOf(domains);
        orgAliases = List.copyOf(orgAliases);
        problems = List.copyOf(problems);
        accounts = List.copyOf(accounts);
    }

    /** Without review-system accounts (every file but a Stackalytics one). */
    public Curated(String source, List<Alias> aliases, List<Enrollment> enrollments, List<DomainRule> domains,
            List<OrgAlias> orgAliases, List<Problem> problems) {
        this(source, aliases, enrollments, domains, orgAliases, problems, List.of());
    }

    /**
     * A review-system account of the individual who uses {@code email}, as Stackalytics' {@code users[]} name them:
     * {@code github} (a {@code github_id}: the GitHub login), {@code gerrit} (a {@code gerrit_id}: the Gerrit
     * username on any host) or {@code launchpad} (a {@code launchpad_id}, which Stackalytics takes for the Gerrit
     * username when Launchpad's name for it is the account's; here, when {@code name}, the user's
     * {@code user_name}, is the Gerrit account's name).
     */
    public record AccountId(String system, String login, String name, String email) {
        public static final List<String> SYSTEMS = List.of("github", "gerrit", "launchpad");

        public AccountId {
            if (!SYSTEMS.contains(system)) {
                throw new IllegalArgumentException("unknown account system '" + system + "' (known: " + SYSTEMS + ")");
            }
            if (login == null || login.isBlank() || login.length() > 255) {
                throw new IllegalArgumentException("a " + system + " account needs a login of 1 to 255 characters");
            }
            login = login.trim();
            name = name == null ? "" : name.trim();
            email = normalizeEmail(email);
        }
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
