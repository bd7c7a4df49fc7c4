package dev.tributary.model;

/** What a message is for patch review, as {@code source.mail.Patches} reads it and the store keeps it. */
public final class PatchFacts {
    private PatchFacts() {
    }

    /** What a message is, for patch review. */
    public enum Kind { PATCH, COVER, REPLY, OTHER }

    /**
     * What a subject says of a patch.
     *
     * @param tagged  a {@code PATCH} (or {@code RFC}) tag is present
     * @param version {@code vN}, 1 when absent
     * @param number  {@code n} of {@code n/m}, or -1 when unnumbered
     * @param total   {@code m} of {@code n/m}, or -1
     * @param topic   the subject without its tags and reply prefixes, spaces folded, lower case: what the versions
     *                of one series share
     */
    public record Subject(boolean reply, boolean tagged, boolean rfc, boolean resend, int version, int number, int total,
            String topic) {
    }

    /** One review trailer (or NAK) of a message; name and email empty for a bare NAK line (the sender gives it). */
    public record ReviewTrailer(String kind, String name, String email) {
    }
}
