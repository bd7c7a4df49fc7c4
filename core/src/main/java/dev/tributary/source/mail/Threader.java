package dev.tributary.source.mail;

import dev.tributary.model.MailThread.Link;
import dev.tributary.model.MailThread.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Threads one list's messages (a simplified JWZ threading; the rule is in {@code docs/mail.md}):
 * <ol>
 * <li>the parent is the message In-Reply-To names, if the list has it; else the last message of References
 *     the list has;</li>
 * <li>only when neither resolves, and the subject says it is a reply ({@code Re:}, {@code AW:}, {@code SV:},
 *     {@code 回复:}, ... after any {@code [list]} tags), the parent is the latest earlier message with the same
 *     normalized subject within {@link #SUBJECT_WINDOW_SECONDS};</li>
 * <li>a chain of parents that loops is cut at its earliest message (by date, then id), which becomes a root;</li>
 * <li>the thread root is the end of the parent chain.</li>
 * </ol>
 * Pure and deterministic: the same messages in any order give the same answer.
 */
public final class Threader {
    /** How far back the subject fallback looks: 30 days. */
    public static final long SUBJECT_WINDOW_SECONDS = 30L * 86_400;
    private static final Pattern TAG = Pattern.compile("^\\s*\\[[^\\]]{0,60}]\\s*");
    /** A reply prefix ({@code Re:}, {@code AW:}, ...): also what makes a message a reply, not a patch ({@link Patches}). */
    static final Pattern REPLY = Pattern.compile(
            "^\\s*(re|aw|sv|vs|antw|odp|rif|r|ynt|回复|回覆|答复)\\s*(\\[\\d+]|\\(\\d+\\))?\\s*[:：]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORWARD = Pattern.compile(
            "^\\s*(fwd?|wg|tr|rv|転送|转发)\\s*(\\[\\d+]|\\(\\d+\\))?\\s*[:：]\\s*", Pattern.CASE_INSENSITIVE);

    private Threader() {
    }



    public static List<Link> thread(List<Node> messages) {
        int n = messages.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Comparator<Integer> byDate = Comparator.<Integer>comparingLong(i -> messages.get(i).epochSeconds())
                .thenComparing(i -> messages.get(i).id());
        Arrays.sort(order, byDate);
        Map<String, Integer> byId = new HashMap<>();
        for (Integer i : order) {
            byId.putIfAbsent(messages.get(i).id(), i);
        }
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        Map<String, List<Integer>> bySubject = new HashMap<>(); // in date order
        for (Integer i : order) {
            String s = normalize(messages.get(i).subject());
            if (!s.isEmpty()) {
                bySubject.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            Node m = messages.get(i);
            Integer p = m.inReplyTo().isEmpty() || m.inReplyTo().equals(m.id()) ? null : byId.get(m.inReplyTo());
            for (int r = m.references().size() - 1; p == null && r >= 0; r--) {
                String ref = m.references().get(r);
                if (!ref.equals(m.id())) {
                    p = byId.get(ref);
                }
            }
            if (p == null && isReply(m.subject())) {
                List<Integer> same = bySubject.getOrDefault(normalize(m.subject()), List.of());
                for (int k = same.size() - 1; k >= 0; k--) {
                    int c = same.get(k);
                    Node cm = messages.get(c);
                    if (c != i && byDate.compare(c, i) < 0 && cm.epochSeconds() >= m.epochSeconds() - SUBJECT_WINDOW_SECONDS) {
                        p = c;
                        break;
                    }
                }
            }
            parent[i] = p == null || p == i ? -1 : p;
        }
        // cut loops at their earliest message
        int[] state = new int[n]; // 0 unseen, 1 on the current path, 2 done
        for (Integer start : order) {
            List<Integer> path = new ArrayList<>();
            int x = start;
            while (x >= 0 && state[x] == 0) {
                state[x] = 1;
                path.add(x);
                x = parent[x];
            }
            if (x >= 0 && state[x] == 1) {
                int earliest = x;
                for (int y = parent[x]; y != x; y = parent[y]) {
                    if (byDate.compare(y, earliest) < 0) {
                        earliest = y;
                    }
                }
                parent[earliest] = -1;
            }
            path.forEach(y -> state[y] = 2);
        }
        int[] root = new int[n];
        Arrays.fill(root, -1);
        List<Link> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Link(messages.get(i).id(), parent[i] < 0 ? null : messages.get(parent[i]).id(),
                    messages.get(rootOf(i, parent, root)).id()));
        }
        return out;
    }

    private static int rootOf(int i, int[] parent, int[] root) {
        List<Integer> path = new ArrayList<>();
        int x = i;
        while (root[x] < 0 && parent[x] >= 0) {
            path.add(x);
            x = parent[x];
        }
        int r = root[x] >= 0 ? root[x] : x;
        root[x] = r;
        path.forEach(y -> root[y] = r);
        return r;
    }

    /** The subject without list tags and reply or forward prefixes, spaces collapsed, lower-cased. */
    public static String normalize(String subject) {
        String s = subject == null ? "" : subject;
        String before;
        do {
            before = s;
            s = TAG.matcher(s).replaceFirst("");
            s = REPLY.matcher(s).replaceFirst("");
            s = FORWARD.matcher(s).replaceFirst("");
        } while (!s.equals(before));
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Whether a subject says its message is a reply (after any list tags). */
    public static boolean isReply(String subject) {
        String s = subject == null ? "" : subject;
        String before;
        do {
            before = s;
            s = TAG.matcher(s).replaceFirst("");
        } while (!s.equals(before));
        return REPLY.matcher(s).find();
    }
}
