package dev.tributary.model;

import dev.tributary.TributaryException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * Checks an operation's arguments before it is logged, so that a failed operation leaves no audit entry and
     * no effect, and no logged operation can break the replay of those after it: names and addresses are not
     * blank and hold no control characters, dates read as dates in order, a merge joins two addresses, an undo
     * names an operation id.
     *
     * @return {@code args}, unchanged
     * @throws TributaryException.InvalidInput naming the argument and its value
     */
    public static List<String> check(Kind kind, List<String> args) {
        Objects.requireNonNull(kind, "kind");
        if (args.size() != kind.arity) {
            throw new TributaryException.InvalidInput(kind.name().toLowerCase(java.util.Locale.ROOT) + " takes " + kind.arity
                    + " arguments, not " + args.size());
        }
        for (String a : args) {
            if (a == null) {
                throw new TributaryException.InvalidInput(kind + ": a missing argument");
            }
        }
        switch (kind) {
            case MERGE:
                word("address", args.get(0));
                word("address", args.get(1));
                if (args.get(0).trim().equalsIgnoreCase(args.get(1).trim())) {
                    throw new TributaryException.InvalidInput("cannot merge '" + args.get(0) + "' into itself");
                }
                break;
            case SPLIT:
                word("address", args.get(0));
                break;
            case ENROLL:
                datedOrganization("address", args);
                break;
            case ORG_ALIAS:
                name("organization alias", args.get(0));
                name("organization", args.get(1));
                break;
            case ORG_DOMAIN:
                datedOrganization("domain", args);
                break;
            case UNDO:
                try {
                    if (Long.parseLong(args.get(0).trim()) < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new TributaryException.InvalidInput("undo: '" + args.get(0) + "' is not an operation id (a number from 1)");
                }
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
        return args;
    }

    /** Whether the operation's arguments pass {@link #check}: an operation logged before checks existed may not. */
    public boolean valid() {
        try {
            check(kind, args);
            return true;
        } catch (TributaryException.InvalidInput e) {
            return false;
        }
    }

    private static void controls(String what, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new TributaryException.InvalidInput(what + " '" + v.replaceAll("\\p{Cntrl}", "?")
                        + "' holds a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
    }

    /** Checks {@code what} (args 0), the organization it goes to (args 1) and the dates it holds from and until (args 2, 3). */
    private static void datedOrganization(String what, List<String> args) {
        word(what, args.get(0));
        name("organization", args.get(1));
        dates(args.get(2), args.get(3));
    }

    private static void name(String what, String v) {
        if (v.isBlank()) {
            throw new TributaryException.InvalidInput("an " + what + " name cannot be blank ('" + v.replaceAll("\\p{Cntrl}", "?") + "')");
        }
        controls(what, v);
    }

    private static void word(String what, String v) {
        if (v.isBlank()) {
            throw new TributaryException.InvalidInput("an " + what + " cannot be blank ('" + v.replaceAll("\\p{Cntrl}", "?") + "')");
        }
        controls(what, v);
        if (v.trim().chars().anyMatch(Character::isWhitespace)) {
            throw new TributaryException.InvalidInput("an " + what + " cannot hold spaces: '" + v + "'");
        }
    }

    private static void dates(String from, String until) {
        Long f = date("from", from);
        Long u = date("until", until);
        if (f != null && u != null && f >= u) {
            throw new TributaryException.InvalidInput("from " + from + " is not before until " + until);
        }
    }

    private static Long date(String what, String v) {
        try {
            return dev.tributary.model.Dates.parseOptional(v.isEmpty() ? null : v);
        } catch (IllegalArgumentException e) {
            throw new TributaryException.InvalidInput(what + ": " + e.getMessage());
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

    /**
     * The operation as the audit log lists it, field by field in this order: {@code id}, {@code at}, {@code origin},
     * {@code kind}, {@code arguments}, {@code operation} (its {@link #describe() description}); the JSON of the
     * write commands and of the server's log.
     */
    public Map<String, Object> listed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("at", at.toString());
        m.put("origin", origin);
        m.put("kind", kind.name());
        m.put("arguments", args);
        m.put("operation", describe());
        return Collections.unmodifiableMap(m);
    }

    private static String range(String from, String until) {
        return (from.isEmpty() ? "" : " from " + from) + (until.isEmpty() ? "" : " until " + until);
    }

    /** The operations still in force: those not cancelled by an undo that is itself in force. */
    public static List<Operation> active(List<Operation> log) {
        Set<Long> undone = new HashSet<>();
        List<Operation> out = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0; i--) {
            Operation op = log.get(i);
            if (undone.contains(op.id())) {
                continue;
            }
            if (op.kind() == Operation.Kind.UNDO) {
                undone.add(Long.parseLong(op.args().get(0)));
            } else {
                out.add(0, op);
            }
        }
        return out;
    }

    /** The ids of the log's operations the listing shows as in force: those {@link #active} keeps, and every undo. */
    public static Set<Long> inForce(List<Operation> log) {
        Set<Long> ids = new HashSet<>();
        active(log).forEach(op -> ids.add(op.id()));
        log.stream().filter(op -> op.kind() == Kind.UNDO).forEach(op -> ids.add(op.id()));
        return ids;
    }
}
