package dev.tributary.source;

import java.util.Objects;

/**
 * Bad input met while collecting, kept as data: which origin, which object or location, and what was
 * skipped. A warning never stops a run; it is stored and shown in every summary of that origin.
 *
 * @param kind     a stable machine-readable code, e.g. {@code missing-object}
 * @param location the commit, object, file or line at fault
 */
public record Warning(String kind, String location, String message) {
    public Warning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }
}
