package dev.tributary.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One manual curation step, as kept in the audit log: when, from which command, what. Operations are
 * replayed in order over the imported curated data at every resolution, so they survive re-imports;
 * {@link Kind#UNDO} cancels an earlier one (an undone undo restores it).
 *
 * @param args the kind's arguments as text; an empty string is an open date
 */
public record Operation(long id, Instant at, String origin, Kind kind, List<String> args) {
    public Operation {
        Objects.requireNonNull(kind, "kind");
        args = List.copyOf(args);
        if (args.size() != kind.arity) {
            throw new IllegalArgumentException(kind + " takes " + kind.arity + " arguments, not " + args.size());
        }
    }

    /** What an operation does, and its arguments. */
    public enum Kind {
        /** {@code into, other}: the individual of {@code other} becomes part of the individual of {@code into}. */
        MERGE(2),
        /** {@code email}: the address leaves its individual (links through it, curated or merged, are cut). */
        SPLIT(1),
        /** {@code email, organization, from, until}: the individual using the address worked there then. */
        ENROLL(4),
        /** {@code alias, organization}: another name of the organization (a rename is an alias of the old name). */
        ORG_ALIAS(2),
        /** {@code domain, organization, from, until}: addresses in the domain belong to the organization then. */
        ORG_DOMAIN(4),
        /** {@code id}: cancels operation {@code id}. */
        UNDO(1);

        final int arity;

        Kind(int arity) {
            this.arity = arity;
        }
    }

    /** A one-line description for the audit log listing. */
    public String describe() {
        switch (kind) {
            case MERGE:
                return "merge " + args.get(1) + " into " + args.get(0);
            case SPLIT:
                return "split " + args.get(0) + " from its individual";
            case ENROLL:
                return "enroll " + args.get(0) + " in " + args.get(1) + range(args.get(2), args.get(3));
            case ORG_ALIAS:
                return "organization " + args.get(0) + " is " + args.get(1);
            case ORG_DOMAIN:
                return "domain " + args.get(0) + " belongs to " + args.get(1) + range(args.get(2), args.get(3));
            case UNDO:
                return "undo #" + args.get(0);
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private static String range(String from, String until) {
        return (from.isEmpty() ? "" : " from " + from) + (until.isEmpty() ? "" : " until " + until);
    }
}
