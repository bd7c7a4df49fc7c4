package dev.tributary.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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

        /** Each kind by its key in lower case: asked once for every trailer line of every commit. */
        private static final Map<String, Kind> BY_KEY = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(k -> k.key.toLowerCase(Locale.ROOT), k -> k));

        public static Optional<Kind> ofKey(String key) {
            return Optional.ofNullable(BY_KEY.get(key.trim().toLowerCase(Locale.ROOT)));
        }
    }
}
