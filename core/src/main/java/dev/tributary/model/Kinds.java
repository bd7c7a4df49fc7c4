package dev.tributary.model;

import dev.tributary.TributaryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of contribution the read model holds, and the family of containers each lives in (store ids of
 * repositories, lists, review containers and trackers are separate numberings, so a scope names each
 * container with its family). {@link #ALL} stands for every kind at once: a contributor is anyone with a
 * contribution of any kind.
 *
 * <p>Patches and review replies sent by mail are mail messages already ({@code message} rows, a reply's
 * subject the message it answers), so no separate kind repeats them: every act is counted once in
 * {@link #ALL}. A change request's commits are commits and its opening is a {@code change}: two acts.
 */
public final class Kinds {
    private Kinds() {
    }

    /** Every kind at once. */
    public static final String ALL = "all";

    /** Container families. */
    public static final String REPOSITORY = "repository";
    public static final String LIST = "list";
    public static final String REVIEW = "review";
    public static final String TRACKER = "tracker";

    private static final Map<String, String> FAMILY = new LinkedHashMap<>();

    static {
        FAMILY.put("commit", REPOSITORY);
        FAMILY.put("message", LIST);
        FAMILY.put("change", REVIEW);
        FAMILY.put("review", REVIEW);
        FAMILY.put("review_comment", REVIEW);
        FAMILY.put("issue", TRACKER);
        FAMILY.put("issue_comment", TRACKER);
    }

    /** The kinds, in the order the help lists them, then {@code all}. */
    public static List<String> names() {
        List<String> out = new java.util.ArrayList<>(FAMILY.keySet());
        out.add(ALL);
        return out;
    }

    /** The family of containers {@code kind} lives in; null for {@link #ALL}. */
    public static String family(String kind) {
        return FAMILY.get(kind);
    }

    /** The kinds of one family. */
    public static List<String> of(String family) {
        return FAMILY.entrySet().stream().filter(e -> e.getValue().equals(family)).map(Map.Entry::getKey).toList();
    }

    /**
     * {@code kind} when it is a known kind or {@code all}.
     *
     * @throws TributaryException.InvalidInput naming the kinds otherwise
     */
    public static String check(String kind) {
        if (kind == null || (!FAMILY.containsKey(kind) && !kind.equals(ALL))) {
            throw new TributaryException.InvalidInput("unknown kind of contribution '" + kind + "' (known: "
                    + String.join(", ", names()) + ")");
        }
        return kind;
    }
}
