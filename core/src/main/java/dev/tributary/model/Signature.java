package dev.tributary.model;

import java.util.Objects;

/**
 * Who did something and when, as the source recorded it: a raw name and email (not yet resolved to a
 * person), the instant in epoch seconds, and the author's own UTC offset in minutes (east positive).
 */
public record Signature(String name, String email, long epochSeconds, int offsetMinutes) {
    public Signature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (offsetMinutes < -24 * 60 || offsetMinutes > 24 * 60) {
            throw new IllegalArgumentException("UTC offset out of range: " + offsetMinutes + " minutes");
        }
    }
}
