package dev.tributary.identity;

import dev.tributary.model.Organizations;
import dev.tributary.model.Resolution;
import dev.tributary.model.Policy;
import dev.tributary.model.Operation;
import dev.tributary.model.Curated;
import dev.tributary.model.Dates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives the {@link Resolution} from curated data (in import order) and the audit log (in order). Pure:
 * no I/O, deterministic, and fast enough to run after every edit (100,000 identities in well under a second).
 *
 * <p>Rules, in order of precedence for an activity of individual I, made with address E at time t:
 * <ol>
 * <li>a manual enrollment of I covering t ({@code affiliations enroll});</li>
 * <li>a curated enrollment of I covering t (gitdm email-map address lines, Stackalytics users);</li>
 * <li>a domain rule for E's domain covering t, the longest matching domain first (gitdm domain-map,
 *     Stackalytics companies, {@code organizations domain});</li>
 * <li>E's registrable domain, unless it is personal webmail ({@link EmailRules});</li>
 * <li>otherwise Unknown.</li>
 * </ol>
 * Within one rule the range starting latest wins. Organization names pass through aliases (curated and
 * {@code organizations alias/rename}).
 */
public final class Resolver {
    private Resolver() {
    }

    /** {@link #resolve(Collection, Collection, Map, List, List, Policy)} with Tributary's rules and no names. */
    public static Resolution resolve(Collection<String> personEmails, Collection<String> authorEmails,
            List<Curated> curated, List<Operation> log) {
        return resolve(personEmails, authorEmails, Map.of(), Map.of(), curated, log, Policy.TRIBUTARY);
    }

    /**
     * Resolves under {@code policy}.
     *
     * @param names  exact author names and the person emails seen with each (used when the policy merges by name)
     * @param mapped raw address to the address a .mailmap gives it, where it differs (gitdm's rules look the
     *               employer up by the address git log prints, which is the mailmapped one when a mailmap applies)
     */
    public static Resolution resolve(Collection<String> personEmails, Collection<String> authorEmails,
            Map<String, ? extends Collection<String>> names, Map<String, String> mapped, List<Curated> curated,
            List<Operation> log, Policy policy) {
        List<Operation> ops = active(log);
        boolean gitdm = policy.rules() == Policy.Rules.GITDM;
        Map<String, String> orgAlias = orgAliases(curated, log);

        // individuals: union of emails along curated aliases and merges; a split cuts the links through an address
        List<String[]> links = new ArrayList<>();
        for (Curated c : curated) {
            for (Curated.Alias a : c.aliases()) {
                links.add(new String[] {a.canonical(), a.email()});
            }
        }
        if (policy.mergeByName()) {
            // gitdm's LookupStoreHacker: a new address seen under an existing developer's exact name is that developer
            for (var e : new java.util.TreeMap<>(names).entrySet()) {
                if (e.getKey().isBlank()) {
                    continue;
                }
                List<String> emails = new ArrayList<>(new java.util.TreeSet<>(e.getValue()));
                for (int i = 1; i < emails.size(); i++) {
                    links.add(new String[] {emails.get(0), emails.get(i)});
                }
            }
        }
        for (Operation op : ops) {
            if (op.kind() == Operation.Kind.MERGE) {
                links.add(new String[] {email(op.args().get(0)), email(op.args().get(1))});
            } else if (op.kind() == Operation.Kind.SPLIT) {
                String cut = email(op.args().get(0));
                links.removeIf(l -> l[0].equals(cut) || l[1].equals(cut));
            }
        }
        UnionFind people = new UnionFind();
        for (String e : personEmails) {
            people.add(e);
        }
        for (String[] l : links) {
            people.union(l[0], l[1]);
        }
        for (Curated c : curated) {
            for (Curated.Enrollment e : c.enrollments()) {
                people.add(e.email());
            }
        }
        Map<String, String> individualOf = new HashMap<>();
        for (String e : people.members()) {
            individualOf.put(e, people.find(e));
        }

        List<Resolution.Enrollment> enrollments = new ArrayList<>();
        for (Operation op : ops) {
            if (op.kind() == Operation.Kind.ENROLL) {
                enrollments.add(manualEnrollment(op, orgAlias));
            }
        }
        // gitdm: an address's own lines apply to that address (after its alias), not to the whole individual
        Map<String, List<Curated.Enrollment>> addressRules = new HashMap<>();
        Map<String, String> aliasTarget = new HashMap<>();
        for (Curated c : curated) {
            for (Curated.Enrollment e : c.enrollments()) {
                if (gitdm) {
                    addressRules.computeIfAbsent(e.email(), k -> new ArrayList<>()).add(e);
                } else {
                    enrollments.add(new Resolution.Enrollment(e.email(), canonical(orgAlias, e.organization()),
                            e.from(), e.until(), Resolution.CURATED, c.source()));
                }
            }
            for (Curated.Alias a : c.aliases()) {
                aliasTarget.put(a.email(), a.canonical()); // gitdm's AddEmailAlias: a later line wins
            }
        }
        for (Operation op : ops) {
            if (op.kind() == Operation.Kind.SPLIT) { // a split address stands on its own, for its employer too
                String cut = email(op.args().get(0));
                aliasTarget.remove(cut);
                aliasTarget.values().removeIf(cut::equals);
            }
        }

        // domain rules: curated in import order, then manual; a later rule for the same domain and range replaces
        Map<String, Map<List<Long>, String>> domains = new HashMap<>();
        for (Curated c : curated) {
            for (Curated.DomainRule d : c.domains()) {
                domains.computeIfAbsent(d.domain(), k -> new HashMap<>()).put(range(d.from(), d.until()), d.organization());
            }
        }
        for (Operation op : ops) {
            if (op.kind() == Operation.Kind.ORG_DOMAIN) {
                domains.computeIfAbsent(op.args().get(0).toLowerCase(Locale.ROOT).trim(), k -> new HashMap<>())
                        .put(range(Dates.parseOptional(op.args().get(2)), Dates.parseOptional(op.args().get(3))),
                                Organizations.normalize(op.args().get(1)));
            }
        }
        List<Resolution.EmailAffiliation> affiliations = new ArrayList<>();
        Map<String, java.util.Optional<String>> guesses = new HashMap<>(); // per domain: the registrable-domain guess
        for (String email : authorEmails) {
            // gitdm looks up the alias target's employer (RemapEmail, one step)
            String shown = gitdm ? mapped.getOrDefault(email, email) : email;
            String lookup = gitdm ? aliasTarget.getOrDefault(shown, shown) : email;
            for (Curated.Enrollment e : addressRules.getOrDefault(lookup, List.of())) {
                affiliations.add(new Resolution.EmailAffiliation(email, canonical(orgAlias, e.organization()), e.from(), e.until(),
                        Resolution.CURATED));
            }
            int at = lookup.lastIndexOf('@');
            String domain = at < 0 ? "" : lookup.substring(at + 1);
            // every matching domain, the longer ones ranked first (gitdm: the shorter ones, of two labels or more): a
            // dated rule for a subdomain that does not cover a date leaves the parent domain's rule to apply then
            List<String> suffixes = new ArrayList<>();
            for (String d = domain; !d.isEmpty(); d = parent(d)) {
                suffixes.add(d);
            }
            if (gitdm) {
                suffixes.removeIf(d -> d.indexOf('.') < 0);
                java.util.Collections.reverse(suffixes);
            }
            for (int stripped = 0; stripped < suffixes.size(); stripped++) {
                Map<List<Long>, String> rules = domains.get(suffixes.get(stripped));
                if (rules != null) {
                    for (var r : rules.entrySet()) {
                        affiliations.add(new Resolution.EmailAffiliation(email, canonical(orgAlias, r.getValue()),
                                r.getKey().get(0), r.getKey().get(1), Resolution.DOMAIN + Math.min(stripped, 50)));
                    }
                }
            }
            switch (policy.unmatched()) {
                case DOMAIN:
                    guesses.computeIfAbsent(domain, d -> EmailRules.organization(lookup).map(org -> canonical(orgAlias, org)))
                            .ifPresent(org -> affiliations.add(new Resolution.EmailAffiliation(email, org, null, null, Resolution.GUESS)));
                    break;
                case INDEPENDENT:
                    affiliations.add(new Resolution.EmailAffiliation(email, Organizations.INDEPENDENT, null, null, Resolution.GUESS));
                    break;
                default: // Unknown: no row
            }
        }
        return new Resolution(individualOf, enrollments, affiliations);
    }

    /** The enrollment a manual ENROLL operation makes (organization names through {@code orgAlias}). */
    public static Resolution.Enrollment manualEnrollment(Operation op, Map<String, String> orgAlias) {
        return new Resolution.Enrollment(email(op.args().get(0)), canonical(orgAlias, Organizations.normalize(op.args().get(1))),
                Dates.parseOptional(op.args().get(2)), Dates.parseOptional(op.args().get(3)), Resolution.MANUAL,
                manualOrigin(op.id()));
    }

    /** The origin of the enrollment manual ENROLL operation {@code id} made: what undoing it removes. */
    public static String manualOrigin(long id) {
        return "operation #" + id;
    }

    /** Organization aliases in force: curated ones in import order, then manual ones in order; keys lower-cased. */
    public static Map<String, String> orgAliases(List<Curated> curated, List<Operation> log) {
        Map<String, String> orgAlias = new HashMap<>();
        for (Curated c : curated) {
            for (Curated.OrgAlias a : c.orgAliases()) {
                orgAlias.put(key(a.alias()), a.organization());
            }
        }
        for (Operation op : active(log)) {
            if (op.kind() == Operation.Kind.ORG_ALIAS) {
                orgAlias.put(key(op.args().get(0)), Organizations.normalize(op.args().get(1)));
            }
        }
        return orgAlias;
    }

    /** The operations still in force: {@link Operation#active(List)}. */
    public static List<Operation> active(List<Operation> log) {
        return Operation.active(log);
    }

    private static List<Long> range(Long from, Long until) {
        List<Long> r = new ArrayList<>(2);
        r.add(from);
        r.add(until);
        return r;
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? "" : domain.substring(dot + 1);
    }

    private static String key(String org) {
        return Organizations.normalize(org).toLowerCase(Locale.ROOT);
    }

    private static String canonical(Map<String, String> alias, String org) {
        if (alias.isEmpty()) {
            return org;
        }
        String o = org;
        Set<String> seen = new LinkedHashSet<>();
        while (alias.containsKey(key(o)) && seen.add(key(o))) {
            String next = alias.get(key(o));
            if (key(next).equals(key(o))) {
                return next;
            }
            o = next;
        }
        return o;
    }

    private static String email(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** Union-find over emails; the representative of a set is the canonical side of its first link. */
    private static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();

        void add(String e) {
            parent.putIfAbsent(e, e);
        }

        String find(String e) {
            add(e);
            String root = e;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            for (String x = e; !x.equals(root); ) {
                String next = parent.get(x);
                parent.put(x, root);
                x = next;
            }
            return root;
        }

        void union(String canonical, String other) {
            String a = find(canonical);
            String b = find(other);
            if (!a.equals(b)) {
                parent.put(b, a);
            }
        }

        Set<String> members() {
            return new HashSet<>(parent.keySet());
        }
    }
}
