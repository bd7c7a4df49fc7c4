package dev.tributary.identity;

import dev.tributary.model.Organizations;
import dev.tributary.model.Curated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.TributaryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Imports a Stackalytics {@code default_data.json} with Stackalytics' semantics.
 *
 * <ul>
 * <li>{@code users[]}: all {@code emails} of a user are one individual (the first address names it);
 *     {@code companies[]} ({@code company_name}, {@code end_date}) are applied in end-date order with a
 *     null end date last: each holds until its end date and from the previous one.</li>
 * <li>{@code companies[]}: {@code domains} map addresses in those domains (and subdomains; longest
 *     wins) to the company; {@code aliases} are other names of it.</li>
 * </ul>
 * A user's {@code github_id}, {@code gerrit_id} and {@code launchpad_id} are review accounts of that individual
 * ({@link Curated.AccountId}): Stackalytics' {@code user_processor} keys users by {@code user:github:ID} and
 * {@code user:gerrit:ID}, and {@code record_processor} takes a Gerrit username for a {@code launchpad_id} when
 * Launchpad's name for it matches the record's author name.
 * Dates are Stackalytics' {@code 2013-Jun-01}, or ISO {@code 2013-06-01}. {@code *independent} is the
 * Independent bucket. A user or company that cannot be read is reported with its position and skipped.
 */
public final class Stackalytics {
    private static final DateTimeFormatter STACKALYTICS_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("yyyy-MMM-dd").toFormatter(Locale.ENGLISH);

    private Stackalytics() {
    }

    /** @throws TributaryException.InvalidInput if the file is not readable JSON */
    public static Curated read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dev.tributary.InputFiles.read(file, "stackalytics file",
                    dev.tributary.InputFiles.CURATED_LIMIT));
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(file + ": not a readable JSON file: " + firstLine(e.getMessage()), e);
        }
        checkShape(file, root);
        CuratedBuilder b = new CuratedBuilder(file.toString());
        String f = file.toString();
        JsonNode users = root.path("users");
        for (int i = 0; i < users.size(); i++) {
            JsonNode u = users.get(i);
            String where = "users[" + i + "]" + (u.hasNonNull("launchpad_id") ? " (" + u.get("launchpad_id").asText() + ")"
                    : u.hasNonNull("user_name") ? " (" + u.get("user_name").asText() + ")" : "");
            try {
                List<String> emails = new ArrayList<>();
                for (JsonNode e : u.path("emails")) {
                    emails.add(e.asText());
                }
                if (emails.isEmpty()) {
                    b.problems.add(new Curated.Problem(f, 0, where + ": no emails; skipped"));
                    continue;
                }
                // a user is imported whole or not at all
                List<Curated.Alias> aliases = new ArrayList<>();
                List<Curated.Enrollment> enrollments = new ArrayList<>();
                for (String e : emails.subList(1, emails.size())) {
                    aliases.add(new Curated.Alias(e, emails.get(0)));
                }
                record Job(String company, Long end) {
                }
                List<Job> jobs = new ArrayList<>();
                for (JsonNode c : u.path("companies")) {
                    String name = c.path("company_name").asText("");
                    if (name.isBlank()) {
                        throw new IllegalArgumentException("a company without company_name");
                    }
                    JsonNode end = c.get("end_date");
                    jobs.add(new Job(name, end == null || end.isNull() || end.asText().isBlank() ? null : date(end.asText())));
                }
                jobs.sort(Comparator.comparing(Job::end, Comparator.nullsLast(Comparator.naturalOrder())));
                for (int k = 1; k < jobs.size(); k++) {
                    if (java.util.Objects.equals(jobs.get(k).end(), jobs.get(k - 1).end())) {
                        // two companies for one period: Stackalytics would pick one by list order; refuse the file
                        throw new TributaryException.InvalidInput(f + ": " + where + ": companies '" + jobs.get(k - 1).company()
                                + "' and '" + jobs.get(k).company() + "' overlap (both end "
                                + (jobs.get(k).end() == null ? "never" : "on " + java.time.Instant.ofEpochSecond(jobs.get(k).end())
                                        .toString().substring(0, 10)) + "); nothing imported");
                    }
                }
                Long from = null;
                for (Job j : jobs) {
                    enrollments.add(new Curated.Enrollment(emails.get(0), j.company(), from, j.end()));
                    from = j.end();
                }
                if (from != null) {
                    // normalizer.py: after the last end date a user is '*independent'
                    enrollments.add(new Curated.Enrollment(emails.get(0), Organizations.INDEPENDENT, from, null));
                }
                List<Curated.AccountId> accounts = new ArrayList<>();
                for (String field : List.of("github_id", "gerrit_id", "launchpad_id")) {
                    JsonNode id = u.get(field);
                    if (id == null || id.isNull()) {
                        continue;
                    }
                    if (!id.isTextual() || id.asText().isBlank()) {
                        throw new IllegalArgumentException(field + " must be a non-empty string, not " + id);
                    }
                    accounts.add(new Curated.AccountId(field.substring(0, field.indexOf('_')), id.asText(),
                            u.path("user_name").asText(""), emails.get(0)));
                }
                b.aliases.addAll(aliases);
                b.enrollments.addAll(enrollments);
                b.accounts.addAll(accounts);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                b.problems.add(new Curated.Problem(f, 0, where + ": " + e.getMessage() + "; skipped"));
            }
        }
        JsonNode companies = root.path("companies");
        for (int i = 0; i < companies.size(); i++) {
            JsonNode c = companies.get(i);
            String name = c.path("company_name").asText("");
            if (name.isBlank()) {
                b.problems.add(new Curated.Problem(f, 0, "companies[" + i + "]: no company_name; skipped"));
                continue;
            }
            for (JsonNode d : c.path("domains")) {
                if (!d.asText().isBlank()) {
                    b.domains.add(new Curated.DomainRule(d.asText(), name, null, null));
                }
            }
            for (JsonNode a : c.path("aliases")) {
                if (!a.asText().isBlank()) {
                    b.orgAliases.add(new Curated.OrgAlias(a.asText(), name));
                }
            }
        }
        return b.build();
    }

    /**
     * The file's shape, checked before anything is imported, so a file of the wrong shape ({@code []},
     * {@code {"users": 5}}) is bad input and the earlier import stays: an object with a {@code users} or
     * {@code companies} array (or both), whose items are objects.
     */
    private static void checkShape(Path file, JsonNode root) {
        String expected = "expected a Stackalytics default_data.json: an object with 'users' and 'companies' arrays";
        if (root == null || !root.isObject()) {
            throw new TributaryException.InvalidInput(file + ": " + expected + ", not " + kind(root));
        }
        if (!root.has("users") && !root.has("companies")) {
            throw new TributaryException.InvalidInput(file + ": " + expected + " (it has neither)");
        }
        for (String key : List.of("users", "companies")) {
            JsonNode a = root.get(key);
            if (a == null || a.isNull()) {
                continue;
            }
            if (!a.isArray()) {
                throw new TributaryException.InvalidInput(file + ": '" + key + "' must be an array, not " + kind(a));
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isObject()) {
                    throw new TributaryException.InvalidInput(file + ": " + key + "[" + i + "] must be an object, not " + kind(a.get(i)));
                }
                for (String list : List.of("emails", "companies", "domains", "aliases")) {
                    JsonNode l = a.get(i).get(list);
                    if (l != null && !l.isNull() && !l.isArray()) {
                        throw new TributaryException.InvalidInput(file + ": " + key + "[" + i + "]." + list + " must be an array, not "
                                + kind(l));
                    }
                }
            }
        }
    }

    private static String kind(JsonNode n) {
        return n == null || n.isMissingNode() ? "nothing" : n.isArray() ? "an array" : n.isObject() ? "an object"
                : n.isTextual() ? "a string" : n.isNumber() ? "a number " + n.asText() : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static Long date(String text) {
        String t = text.trim();
        LocalDate d;
        try {
            d = LocalDate.parse(t, STACKALYTICS_DATE);
        } catch (DateTimeParseException e) {
            try {
                d = LocalDate.parse(t);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("bad end_date '" + t + "' (expected 2013-Jun-01)");
            }
        }
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
