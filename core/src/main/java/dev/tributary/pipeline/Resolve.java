package dev.tributary.pipeline;

import dev.tributary.identity.Resolution;
import dev.tributary.identity.Resolver;
import dev.tributary.store.Curation;
import dev.tributary.store.Store;

/**
 * Rebuilds the identity resolution (individuals, enrollments, email affiliations) from everything the
 * store knows: the people seen in activity, the curated sources and the audit log. Runs after every
 * collect, import and manual operation; activity is never re-read or re-collected.
 */
public final class Resolve {
    private Resolve() {
    }

    public static Resolution run(Store store) {
        Curation c = store.curation();
        Resolution r = Resolver.resolve(c.personEmails(), c.authorEmails(), c.curated(), c.operations());
        c.replaceResolution(r);
        return r;
    }
}
