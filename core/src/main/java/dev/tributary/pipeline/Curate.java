package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.identity.CurationFile;
import dev.tributary.model.Operation;
import dev.tributary.identity.Resolver;
import dev.tributary.store.Curation;
import dev.tributary.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Curation steps that touch many operations at once: applying a reviewed file of merges, splits and
 * enrollments, and undoing an operation together with the group it was logged in. Everything is checked before
 * anything is logged, the operations are logged in one transaction, and the resolution is rebuilt once.
 */
public final class Curate {
    private Curate() {
    }

    /**
     * Applies a reviewed file as one group of operations.
     *
     * @throws TributaryException.InvalidInput naming the file and the entry, when an address is not in the store
     *                                         or a step would change nothing; nothing is logged then
     */
    public static List<Operation> apply(Store store, CurationFile file, String origin) {
        Curation c = store.curation();
        Set<String> known = new HashSet<>(c.personEmails());
        known.addAll(c.authorEmails());
        List<Curation.Step> steps = new ArrayList<>();
        for (int i = 0; i < file.merges().size(); i++) {
            CurationFile.Merge m = file.merges().get(i);
            for (String e : concat(m.into(), m.others())) {
                check(known, file, "merges[" + i + "]", e);
            }
            for (String other : m.others()) {
                if (other.equals(m.into())) {
                    throw bad(file, "merges[" + i + "]", "merges " + other + " into itself");
                }
                steps.add(new Curation.Step(Operation.Kind.MERGE, List.of(m.into(), other)));
            }
        }
        for (int i = 0; i < file.splits().size(); i++) {
            check(known, file, "splits[" + i + "]", file.splits().get(i));
            steps.add(new Curation.Step(Operation.Kind.SPLIT, List.of(file.splits().get(i))));
        }
        for (int i = 0; i < file.enrollments().size(); i++) {
            CurationFile.Enrollment e = file.enrollments().get(i);
            check(known, file, "enrollments[" + i + "]", e.person());
            steps.add(new Curation.Step(Operation.Kind.ENROLL, List.of(e.person(), e.organization(), e.from(), e.until())));
        }
        if (steps.isEmpty()) {
            throw new TributaryException.InvalidInput(file.file() + ": no merges, splits or enrollments; nothing applied");
        }
        List<Operation> ops = c.logGroup(origin, steps);
        Resolve.run(store);
        return ops;
    }

    /**
     * Undoes an operation and every operation logged in one group with it (an {@code identities apply}); the
     * latest operation in force when {@code id} is null. The undos are one group themselves, so undoing one of
     * them restores the whole group.
     *
     * @throws TributaryException.InvalidInput when there is nothing to undo, no such operation, or it is undone
     */
    public static List<Operation> undo(Store store, Long id, String origin) {
        Curation c = store.curation();
        List<Operation> ops = c.operations();
        List<Operation> active = Resolver.active(ops);
        Operation target;
        if (id == null) {
            if (active.isEmpty()) {
                throw new TributaryException.InvalidInput("nothing to undo");
            }
            target = active.get(active.size() - 1);
        } else {
            target = ops.stream().filter(o -> o.id() == id).findFirst()
                    .orElseThrow(() -> new TributaryException.InvalidInput("no operation #" + id));
            if (target.kind() != Operation.Kind.UNDO && active.stream().noneMatch(o -> o.id() == id)) {
                throw new TributaryException.InvalidInput("operation #" + id + " is already undone");
            }
        }
        Set<Long> inForce = new HashSet<>();
        active.forEach(o -> inForce.add(o.id()));
        List<Curation.Step> steps = new ArrayList<>();
        for (long member : c.group(target.id())) {
            if (member == target.id() || inForce.contains(member) || target.kind() == Operation.Kind.UNDO) {
                steps.add(new Curation.Step(Operation.Kind.UNDO, List.of(Long.toString(member))));
            }
        }
        if (steps.size() == 1) { // alone, an undo of an enrollment is logged and applied at once (Resolve.log)
            return List.of(Resolve.log(store, origin, Operation.Kind.UNDO, steps.get(0).args()));
        }
        List<Operation> logged = c.logGroup(origin, steps);
        Resolve.run(store);
        return logged;
    }

    /**
     * Checks that making {@code alias} another name of {@code organization} changes something: for a rename, that
     * an organization named {@code alias} exists; for both, that the two are not one organization already.
     *
     * @throws TributaryException.InvalidInput naming both, when nothing would change
     */
    public static void checkOrgAlias(Store store, String alias, String organization, boolean rename) {
        // the operation's own check first: a blank or control-character name is bad input, named, before any lookup
        dev.tributary.model.Operation.check(dev.tributary.model.Operation.Kind.ORG_ALIAS, List.of(alias.trim(), organization.trim()));
        Curation c = store.curation();
        java.util.Map<String, String> aliases = Resolver.orgAliases(c.curatedOrgAliases(), c.operations());
        String a = canonical(aliases, alias);
        String o = canonical(aliases, organization);
        if (a.equalsIgnoreCase(o)) {
            throw new TributaryException.InvalidInput((alias.equalsIgnoreCase(organization) ? "'" + alias + "' and '" + organization
                    + "' are the same name" : "'" + alias + "' and '" + organization + "' are one organization already"
                    + (a.equalsIgnoreCase(organization) || a.equalsIgnoreCase(alias) ? "" : " ('" + a + "')")
                    + " (see 'tributary log')") + "; nothing changed");
        }
        if (rename && !c.organizationNames().contains(alias.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new TributaryException.InvalidInput("no organization named '" + alias + "' (nothing to rename; see "
                    + "'tributary organizations show' or 'report'); nothing changed");
        }
    }

    private static String canonical(java.util.Map<String, String> aliases, String org) {
        String o = dev.tributary.model.Organizations.normalize(org);
        Set<String> seen = new HashSet<>();
        while (aliases.containsKey(o.toLowerCase(java.util.Locale.ROOT)) && seen.add(o.toLowerCase(java.util.Locale.ROOT))) {
            o = aliases.get(o.toLowerCase(java.util.Locale.ROOT));
        }
        return o;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void check(Set<String> known, CurationFile file, String where, String email) {
        if (!known.contains(email)) {
            throw bad(file, where, "no identity with the address '" + email + "' in the store");
        }
    }

    private static TributaryException.InvalidInput bad(CurationFile file, String where, String message) {
        return new TributaryException.InvalidInput(file.file() + ": " + where + ": " + message + "; nothing applied");
    }
}
