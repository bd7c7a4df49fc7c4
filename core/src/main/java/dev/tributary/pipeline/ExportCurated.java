package dev.tributary.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.TributaryException;
import dev.tributary.model.Curated;
import dev.tributary.model.Organizations;
import dev.tributary.identity.SortingHat;
import dev.tributary.model.Dates;
import dev.tributary.store.Curation;
import dev.tributary.store.Store;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The curated state (individuals, enrollments, domains, organization aliases) in the peers' own formats, so that
 * curation done here goes back to the tools a community keeps: SortingHat JSON (lossless: import, export and
 * import again give the same state), gitdm files and a Stackalytics {@code default_data.json} fragment (as far as
 * each format can say: gitdm has no start dates, Stackalytics no Unknown; docs/identities.md).
 */
public final class ExportCurated {
    private static final DateTimeFormatter STACKALYTICS = DateTimeFormatter.ofPattern("yyyy-MMM-dd", Locale.ENGLISH);

    private ExportCurated() {
    }

    /** SortingHat's JSON. */
    public static String sortingHat(Store store) {
        Curation.Export x = store.curation().export();
        Map<String, List<String>> domains = new TreeMap<>();
        for (Curated.DomainRule d : x.domains()) {
            domains.computeIfAbsent(d.organization(), k -> new ArrayList<>()).add(d.domain());
        }
        return SortingHat.write(x.individuals(), x.enrollments(), domains);
    }

    /** gitdm's files by name: {@code gitdm.config}, {@code aliases}, {@code domain-map}, {@code email-map}. */
    public static Map<String, String> gitdm(Store store) {
        Curation.Export x = store.curation().export();
        StringBuilder aliases = new StringBuilder("# aliases: another address, then the developer's canonical address\n");
        StringBuilder emails = new StringBuilder("# email-map: address, employer, '< date' until which it holds\n");
        x.individuals().forEach((id, who) -> {
            for (String e : who.getValue()) {
                if (!e.equals(id) && !e.startsWith("name:")) {
                    aliases.append(e).append(' ').append(id).append('\n');
                }
            }
        });
        x.enrollments().forEach((id, list) -> lines(emails, id, list.stream().map(e -> new Range(e.organization(), e.from(), e.until())).toList()));
        StringBuilder domains = new StringBuilder("# domain-map: domain, employer, '< date' until which it holds\n");
        Map<String, List<Range>> byDomain = new TreeMap<>();
        for (Curated.DomainRule d : x.domains()) {
            byDomain.computeIfAbsent(d.domain(), k -> new ArrayList<>()).add(new Range(d.organization(), d.from(), d.until()));
        }
        byDomain.forEach((d, list) -> lines(domains, d, list));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("gitdm.config", "# written by tributary identities export --format gitdm\nEmailAliases aliases\nEmailMap domain-map\n"
                + "EmailMap email-map\n");
        files.put("aliases", aliases.toString());
        files.put("domain-map", domains.toString());
        files.put("email-map", emails.toString());
        return files;
    }

    private record Range(String organization, Long from, Long until) {
    }

    /**
     * gitdm's successive lines for one key: sorted by start, each {@code < until}; a gap (or the time before a
     * first start) is {@code (Unknown)}, and an end with nothing after it is followed by an undated {@code (Unknown)}.
     */
    private static void lines(StringBuilder out, String key, List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparing(Range::from, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        Long at = null;
        boolean first = true;
        for (int i = 0; i < sorted.size(); i++) {
            Range r = sorted.get(i);
            if (r.from() != null && (first || at == null || r.from() > at)) {
                out.append(key).append(" (Unknown) < ").append(Dates.day(r.from())).append('\n');
            }
            Long until = r.until();
            if (i + 1 < sorted.size() && sorted.get(i + 1).from() != null && (until == null || sorted.get(i + 1).from() < until)) {
                until = sorted.get(i + 1).from(); // overlapping: the later start wins, as in the resolution
            }
            out.append(key).append(' ').append(gitdmName(r.organization())).append(until == null ? "" : " < " + Dates.day(until)).append('\n');
            at = until;
            first = false;
            if (until == null) {
                return;
            }
        }
        out.append(key).append(" (Unknown)\n");
    }

    private static String gitdmName(String org) {
        return org.equals(Organizations.UNKNOWN) ? "(Unknown)" : org;
    }

    /** A Stackalytics {@code default_data.json} fragment: {@code users} and {@code companies}. */
    public static String stackalytics(Store store) {
        Curation.Export x = store.curation().export();
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ArrayNode users = root.putArray("users");
        x.individuals().forEach((id, who) -> {
            List<Curated.Enrollment> list = x.enrollments().getOrDefault(id, List.of());
            if (who.getValue().size() < 2 && list.isEmpty()) {
                return; // nothing curated about this one
            }
            ObjectNode u = users.addObject();
            u.put("user_name", who.getKey().isEmpty() ? id : who.getKey());
            ArrayNode es = u.putArray("emails");
            who.getValue().stream().filter(e -> !e.startsWith("name:")).forEach(es::add);
            ArrayNode cs = u.putArray("companies");
            List<Curated.Enrollment> sorted = new ArrayList<>(list);
            sorted.sort(java.util.Comparator.comparing(Curated.Enrollment::from, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
            Long at = null;
            for (int i = 0; i < sorted.size(); i++) {
                Curated.Enrollment e = sorted.get(i);
                if (e.from() != null && (i == 0 || at == null || e.from() > at)) {
                    cs.addObject().put("company_name", "*independent").put("end_date", stackalyticsDate(e.from()));
                }
                Long until = e.until();
                if (i + 1 < sorted.size() && sorted.get(i + 1).from() != null && (until == null || sorted.get(i + 1).from() < until)) {
                    until = sorted.get(i + 1).from();
                }
                ObjectNode c = cs.addObject().put("company_name", stackalyticsName(e.organization()));
                if (until == null) {
                    c.putNull("end_date");
                    break;
                }
                c.put("end_date", stackalyticsDate(until));
                at = until;
            }
        });
        ArrayNode companies = root.putArray("companies");
        Map<String, List<String>> domains = new TreeMap<>();
        for (Curated.DomainRule d : x.domains()) {
            domains.computeIfAbsent(d.organization(), k -> new ArrayList<>()).add(d.domain());
        }
        Map<String, List<String>> aliases = new TreeMap<>();
        for (Curated.OrgAlias a : x.orgAliases()) {
            aliases.computeIfAbsent(a.organization(), k -> new ArrayList<>()).add(a.alias());
            domains.putIfAbsent(a.organization(), new ArrayList<>());
        }
        domains.forEach((org, ds) -> {
            ObjectNode c = companies.addObject().put("company_name", stackalyticsName(org));
            ArrayNode d = c.putArray("domains");
            ds.stream().distinct().sorted().forEach(d::add);
            if (aliases.containsKey(org)) {
                ArrayNode a = c.putArray("aliases");
                aliases.get(org).stream().distinct().sorted().forEach(a::add);
            }
        });
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String stackalyticsName(String org) {
        return org.equals(Organizations.INDEPENDENT) || org.equals(Organizations.UNKNOWN) ? "*independent" : org;
    }

    private static String stackalyticsDate(long epoch) {
        return LocalDate.ofInstant(java.time.Instant.ofEpochSecond(epoch), ZoneOffset.UTC).format(STACKALYTICS);
    }
}
