package dev.tributary.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * How raw identities become individuals and organizations: whose rules apply, and the three settings a
 * project may override. Immutable; see docs/identities.md for each peer's rules and the source files they
 * were read from.
 *
 * @param rules       the peer whose resolution rules apply (chosen from the curated sources, see {@link #forSources})
 * @param mailmap     whether each repository's own {@code .mailmap} is applied (a curated .mailmap always is)
 * @param mergeByName whether addresses seen with exactly the same author name are one individual (gitdm's
 *                    {@code LookupStoreHacker})
 * @param unmatched   what an address no curated rule matches gives
 */
public record Policy(Rules rules, boolean mailmap, boolean mergeByName, Unmatched unmatched) {
    public Policy {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(unmatched, "unmatched");
    }

    /** Whose rules resolve identities. */
    public enum Rules {
        /**
         * Tributary's: a curated enrollment applies to the whole individual; domain rules and the domain guess to
         * the address the change was made with, the longest domain first.
         */
        TRIBUTARY,
        /**
         * gitdm's ({@code gitdm}, {@code database.py}): an address is first replaced by its alias target
         * ({@code RemapEmail}, one step), and the employer is that address's: its email-map line, else its
         * domain's, the shortest matching domain first ({@code MapToEmployer}); per address, so two addresses of
         * one developer (merged by name) keep their own employers.
         */
        GITDM,
        /**
         * Stackalytics' ({@code processor/user_processor.py}, {@code normalizer.py}): a user's companies cover
         * all of time (after the last end date, {@code *independent}); others go by their address's domain,
         * the longest first, else {@code *independent}.
         */
        STACKALYTICS
    }

    /** What an address no curated rule matches gives. */
    public enum Unmatched {
        /** its registrable domain, unless personal webmail (Tributary's default) */
        DOMAIN,
        /** Unknown (gitdm with {@code -u}; without it gitdm names the employer after the address itself) */
        UNKNOWN,
        /** Independent (Stackalytics' {@code *independent}) */
        INDEPENDENT;

        /** Parses {@code domain|unknown|independent}; {@code where} names the setting in the message. */
        public static Unmatched parse(String text, String where) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": expected domain, unknown or independent, got '" + text + "'");
            }
        }
    }

    /** A project's overrides; a null field keeps the default (the rules of the curated sources, and their settings). */
    public record Overrides(Rules rules, Boolean mailmap, Boolean mergeByName, Unmatched unmatched) {
        public static final Overrides NONE = new Overrides(null, null, null, null);

        /** Overrides of the three settings only. */
        public Overrides(Boolean mailmap, Boolean mergeByName, Unmatched unmatched) {
            this(null, mailmap, mergeByName, unmatched);
        }
    }

    /** The defaults of each peer's rules. */
    public static Policy defaults(Rules rules) {
        switch (rules) {
            case GITDM:
                return new Policy(rules, false, true, Unmatched.UNKNOWN);
            case STACKALYTICS:
                return new Policy(rules, false, false, Unmatched.INDEPENDENT);
            default:
                return new Policy(rules, true, false, Unmatched.DOMAIN);
        }
    }

    /**
     * The rules for a set of curated source kinds ({@code gitdm}, {@code stackalytics}, {@code mailmap},
     * {@code sortinghat}): a peer's own when its files are the only affiliation data, Tributary's otherwise.
     */
    public static Rules forSources(Collection<String> kinds) {
        boolean gitdm = kinds.contains("gitdm");
        boolean stackalytics = kinds.contains("stackalytics");
        if (gitdm && !stackalytics) {
            return Rules.GITDM;
        }
        if (stackalytics && !gitdm) {
            return Rules.STACKALYTICS;
        }
        return Rules.TRIBUTARY;
    }

    /** The policy for these sources with these overrides. */
    public static Policy of(Collection<String> kinds, Overrides o) {
        Policy d = defaults(o.rules() != null ? o.rules() : forSources(kinds));
        return new Policy(d.rules, o.mailmap() != null ? o.mailmap() : d.mailmap,
                o.mergeByName() != null ? o.mergeByName() : d.mergeByName, o.unmatched() != null ? o.unmatched() : d.unmatched);
    }

    /** The default: Tributary's rules. */
    public static final Policy TRIBUTARY = defaults(Rules.TRIBUTARY);
}
