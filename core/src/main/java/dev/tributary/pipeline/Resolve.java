package dev.tributary.pipeline;

import dev.tributary.model.Operation;
import dev.tributary.model.Policy;
import dev.tributary.model.Resolution;
import dev.tributary.identity.Resolver;
import dev.tributary.store.Curation;
import dev.tributary.store.Store;
import java.util.List;

/**
 * Rebuilds the identity resolution (individuals, enrollments, email affiliations) from everything the
 * store knows: the people seen in activity, the curated sources and the audit log. Runs after every
 * collect and import; activity is never re-read or re-collected.
 */
public final class Resolve {
    private Resolve() {
    }

    /**
     * Re-applies the mailmaps (each repository's own as last read, then the curated ones) to the raw identities
     * of every source: commit authors and list senders, so the same person in git and on a list is one
     * individual. After a curated .mailmap changed; nothing is collected again.
     */
    static void people(Store store) {
        CollectGit.resolveAuthors(store);
        CollectMail.resolveSenders(store);
    }

    /**
     * Redoes what a write left pending ({@link Curation#pending()}): a run killed between storing new identities,
     * curated facts or an operation and resolving them leaves the mark, and this finishes the job. Nothing
     * pending: one read of a setting.
     *
     * @return whether anything was redone
     */
    public static boolean ifPending(Store store) {
        Curation c = store.curation();
        java.util.Optional<Curation.Pending> p = c.pending();
        if (p.isEmpty()) {
            return false;
        }
        if (p.get() == Curation.Pending.people) {
            people(store);
            c.peopleMapped();
        }
        run(store);
        return true;
    }

    /**
     * What is stale, brought up to date before a read: the resolution if a write left it pending, then the
     * contributions read model ({@link Store#deriveStale()}).
     *
     * @return the parts of the read model derived
     */
    public static List<String> deriveStale(Store store) {
        ifPending(store);
        return store.deriveStale();
    }

    public static Resolution run(Store store) {
        Curation c = store.curation();
        Policy p = c.policy();
        Resolution r = Resolver.resolve(c.personEmails(), c.authorEmails(), p.mergeByName() ? c.names() : java.util.Map.of(),
                p.rules() == Policy.Rules.GITDM ? c.mailmapped() : java.util.Map.of(), c.curated(), c.operations(), p);
        c.replaceResolution(r);
        return r;
    }

    /**
     * Brings people and the resolution up to date when the policy in force (the curated sources' rules and the
     * project's overrides) is not the one they were resolved under: whether repositories' .mailmaps apply
     * changes who each raw author is, so every repository's people are re-derived (nothing is re-read).
     *
     * @return whether anything was re-resolved
     */
    public static boolean ifPolicyChanged(Store store) {
        Curation c = store.curation();
        Policy p = c.policy();
        if (c.appliedPolicy().equals(java.util.Optional.of(p.toString()))) {
            return false;
        }
        boolean mailmapChanged = c.appliedPolicy().map(a -> !a.contains("mailmap=" + p.mailmap() + ",")).orElse(true);
        if (mailmapChanged) {
            people(store);
        }
        run(store);
        c.setAppliedPolicy(p);
        return true;
    }

    /**
     * Logs one operation and brings the resolution up to date: what every command and API write does. An
     * enrollment, or undoing one, is logged and applied in one transaction (one row each, since enrollments are
     * joined to individuals at query time); anything else is logged, marked pending, and rebuilds.
     *
     * @throws dev.tributary.TributaryException.InvalidInput if the arguments do not pass {@link Operation#check}; nothing is logged
     */
    public static Operation log(Store store, String origin, Operation.Kind kind, List<String> args) {
        Operation.check(kind, args);
        Curation c = store.curation();
        if (kind == Operation.Kind.ENROLL) {
            java.util.Map<String, String> aliases = Resolver.orgAliases(c.curatedOrgAliases(), c.operations());
            return c.logEnrollment(origin, args, op -> Resolver.manualEnrollment(op, aliases));
        }
        if (kind == Operation.Kind.UNDO) {
            long target = Long.parseLong(args.get(0).trim());
            if (c.operations().stream().anyMatch(o -> o.id() == target && o.kind() == Operation.Kind.ENROLL)) {
                return c.logUndoOfEnrollment(origin, args, Resolver.manualOrigin(target));
            }
        }
        Operation op = c.log(origin, kind, args);
        run(store);
        return op;
    }
}
