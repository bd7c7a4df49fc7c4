package dev.tributary.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A credit line at the end of a commit message, such as {@code Reviewed-by: Ann <ann@example.org>}. */
public record Trailer(Kind kind, String name, String email) {
    public Trailer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }

    /** The trailer keys Tributary credits; keys match case-insensitively, as git's do. */
    public enum Kind {
        SIGNED_OFF_BY("Signed-off-by"),
        CO_AUTHORED_BY("Co-authored-by"),
        REVIEWED_BY("Reviewed-by"),
        TESTED_BY("Tested-by"),
        REPORTED_BY("Reported-by"),
        ACKED_BY("Acked-by");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<Kind> ofKey(String key) {
            String k = key.trim().toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.key.toLowerCase(Locale.ROOT).equals(k)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
