package dev.tributary.model;

import java.util.List;

/** What threading reads of a message and what it gives back: records shared by the threader ({@code source.mail.Threader}) and the store. */
public final class MailThread {
    private MailThread() {
    }

    /** What threading needs of a message. */
    public record Node(String id, String inReplyTo, List<String> references, String subject, long epochSeconds) {
        public Node {
            references = List.copyOf(references);
        }
    }

    /** A message's place: its parent (null for a root) and its thread's root (itself for a root). */
    public record Link(String id, String parent, String root) {
    }
}
