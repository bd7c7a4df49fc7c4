package dev.tributary.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a mailing-list archive as a mail source read it. Immutable. Ids are stored without angle
 * brackets; a message that had no usable Message-ID gets a synthesized one ({@code syntheticId}), stable
 * across runs and archives (see {@code docs/mail.md}).
 *
 * @param inReplyTo     the first message id of In-Reply-To, or "" when it names none
 * @param references    the message ids of References, oldest first
 * @param body          the text the author wrote (the text part, decoded), cut at {@link #BODY_LIMIT} characters
 * @param attachmentBytes encoded bytes of every part not kept as the body (attachments are never decoded)
 * @param archive       the archive file the message was read from
 * @param offset        byte offset of the message in that archive (in the uncompressed stream for {@code .gz})
 */
public record MailMessage(String messageId, boolean syntheticId, String fromName, String fromEmail, long epochSeconds,
        int offsetMinutes, String subject, String inReplyTo, List<String> references, String body,
        boolean bodyTruncated, long attachmentBytes, String archive, long offset) {

    /** Characters of body text kept per message. */
    public static final int BODY_LIMIT = 65_536;

    public MailMessage {
        Objects.requireNonNull(messageId, "messageId");
        if (messageId.isEmpty()) {
            throw new IllegalArgumentException("empty message id in " + archive + " at byte " + offset);
        }
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(fromEmail, "fromEmail");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        references = List.copyOf(references);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(archive, "archive");
        if (offset < 0 || attachmentBytes < 0) {
            throw new IllegalArgumentException("negative offset or size in " + archive + ": " + offset + ", " + attachmentBytes);
        }
    }
}
