package dev.tributary.source.mail;

import dev.tributary.model.PatchFacts.ReviewTrailer;
import dev.tributary.model.PatchFacts.Subject;
import dev.tributary.model.PatchFacts.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises patch mail and review replies, as kernel-style lists write them (see {@code docs/mail.md},
 * "Patches and reviews"). Pure functions over a message's subject and body; thread-safe.
 * <ul>
 * <li>A subject's leading bracket tags ({@code [PATCH v3 2/7]}, {@code [RFC PATCH]}, {@code [PATCH net-next]},
 * {@code [list-name]}) give the kind and the series position: {@code vN} the version (1 when absent),
 * {@code n/m} the number and total, {@code 0/m} a cover letter, {@code RFC} and {@code RESEND} flags.</li>
 * <li>A message that is not a reply ({@code Re:}) and has a {@code PATCH} tag, or an unquoted diff in its body,
 * is a patch (a cover letter when numbered 0).</li>
 * <li>Review trailers are unquoted body lines {@code Reviewed-by:}, {@code Acked-by:}, {@code Tested-by:},
 * {@code Nacked-by:}/{@code NAKed-by:}, and a NAK line ({@code NAK}, {@code Nacked.}); they count in replies.</li>
 * </ul>
 */
public final class Patches {
    private static final Pattern TAG = Pattern.compile("^\\s*\\[([^\\]]*)\\]");
    private static final Pattern REPLY = Threader.REPLY; // one rule for what a reply is
    private static final Pattern VERSION = Pattern.compile("(?i)^v(\\d{1,4})$");
    private static final Pattern NUMBER = Pattern.compile("^(\\d{1,5})/(\\d{1,5})$");
    private static final Pattern DIFF = Pattern.compile("(?m)^(diff --git a/|--- \\S.*\\n\\+\\+\\+ \\S.*\\n@@ |Index: \\S.*\\n={20,}\\n)");
    private static final Pattern TRAILER = Pattern.compile(
            "(?im)^[ \\t]*(reviewed|acked|tested|nacked|naked)-by:[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern NAK = Pattern.compile("(?m)^[ \\t]*(NAK|NACK|Nack|Nak|Nacked|NACKed|NAKed)[.!]?[ \\t]*$");
    private static final Pattern PERSON = Pattern.compile("^(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>");
    private static final Pattern BARE = Pattern.compile("^([^<>\\s]+@[^<>\\s]+)$");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Patches() {
    }




    /** Reads the tags and prefixes of a subject. */
    public static Subject subject(String subject) {
        String s = subject == null ? "" : subject;
        boolean reply = false;
        boolean tagged = false;
        boolean rfc = false;
        boolean resend = false;
        int version = 1;
        int number = -1;
        int total = -1;
        while (true) {
            Matcher r = REPLY.matcher(s);
            if (r.find()) {
                reply = true;
                s = s.substring(r.end());
                continue;
            }
            Matcher t = TAG.matcher(s);
            if (!t.find()) {
                break;
            }
            String inside = t.group(1);
            boolean patchTag = false;
            for (String word : inside.trim().split("[\\s,]+")) {
                String w = word.toUpperCase(Locale.ROOT);
                if (w.equals("PATCH") || w.startsWith("PATCHV")) {
                    patchTag = true;
                    if (w.length() > 6 && VERSION.matcher(word.substring(5)).matches()) {
                        version = Integer.parseInt(word.substring(6));
                    }
                } else if (w.equals("RFC") || w.equals("RFT")) {
                    rfc = true;
                    patchTag = true;
                } else if (w.equals("RESEND")) {
                    resend = true;
                }
                Matcher v = VERSION.matcher(word);
                if (v.matches()) {
                    version = Integer.parseInt(v.group(1));
                }
                Matcher n = NUMBER.matcher(word);
                if (n.matches()) {
                    number = Integer.parseInt(n.group(1));
                    total = Integer.parseInt(n.group(2));
                }
            }
            tagged |= patchTag;
            s = s.substring(t.end());
        }
        String topic = SPACE.matcher(s.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        return new Subject(reply, tagged, rfc, resend, version, number, total, topic);
    }

    /** Whether the body holds a diff outside quoted ({@code >}) lines. */
    public static boolean hasDiff(String body) {
        return body != null && DIFF.matcher(body).find();
    }

    /** The kind of a message from its subject and body. */
    public static Kind kind(Subject s, String body) {
        if (s.reply()) {
            return Kind.REPLY;
        }
        if (s.tagged() && s.number() == 0) {
            return Kind.COVER;
        }
        if (s.tagged() || hasDiff(body)) {
            return Kind.PATCH;
        }
        return Kind.OTHER;
    }

    /**
     * The review trailers of a body's unquoted lines, in order. A trailer's person is parsed from
     * {@code Name <email>} or a bare address; anything else keeps the text as the name with no email.
     */
    public static List<ReviewTrailer> reviewTrailers(String body) {
        List<ReviewTrailer> out = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        Matcher m = TRAILER.matcher(body);
        while (m.find()) {
            String k = m.group(1).toLowerCase(Locale.ROOT);
            String kind = k.equals("naked") || k.equals("nacked") ? "nacked" : k;
            String value = m.group(2);
            Matcher p = PERSON.matcher(value);
            Matcher b = BARE.matcher(value);
            if (p.find()) {
                out.add(new ReviewTrailer(kind, p.group(1).replace("\"", "").strip(), p.group(2).toLowerCase(Locale.ROOT)));
            } else if (b.find()) {
                out.add(new ReviewTrailer(kind, "", b.group(1).toLowerCase(Locale.ROOT)));
            } else {
                out.add(new ReviewTrailer(kind, value.length() > 200 ? value.substring(0, 200) : value, ""));
            }
        }
        Matcher n = NAK.matcher(body);
        if (n.find()) {
            out.add(new ReviewTrailer("nacked", "", ""));
        }
        return out;
    }
}
