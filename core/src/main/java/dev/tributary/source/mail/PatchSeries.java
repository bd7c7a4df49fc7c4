package dev.tributary.source.mail;

import dev.tributary.model.SeriesGrouping.Result;
import dev.tributary.model.SeriesGrouping.Reply;
import dev.tributary.model.SeriesGrouping.Patch;
import dev.tributary.model.SeriesGrouping.Node;
import dev.tributary.model.PatchFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups a list's patch mail into series and versions, and finds the patch each reply reviews. Pure function
 * over the thread links; thread-safe.
 * <ul>
 * <li>A series is a cover letter ({@code 0/m}) or a first patch with the patches threaded under it (git
 * send-email replies each {@code n/m} to the cover, or to {@code 1/m}) of the same version, total and sender.
 * Its id is its head's Message-ID; an unnumbered patch is a series of one.</li>
 * <li>The versions of a series (v1, v2, v3...) share a family: the same sender and the same subject topic
 * (tags removed) of their heads. A family's id is its earliest head's Message-ID.</li>
 * <li>A reply reviews the nearest patch or cover letter up its parent chain.</li>
 * </ul>
 */
public final class PatchSeries {
    /** Parent-chain walks stop after this many steps (the threader already cut loops). */
    private static final int DEPTH = 10_000;

    private PatchSeries() {
    }





    public static Result group(List<Node> nodes) {
        Map<String, Node> byId = new HashMap<>(nodes.size() * 2);
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        Map<String, String> series = new HashMap<>();
        List<Node> heads = new ArrayList<>();
        for (Node n : nodes) {
            if (!patchLike(n)) {
                continue;
            }
            Node head = n;
            if (n.total() > 0 && n.number() != 0) {
                Node q = n;
                for (int i = 0; i < DEPTH; i++) {
                    Node p = q.parent() == null ? null : byId.get(q.parent());
                    if (p == null || !patchLike(p) || p.version() != n.version() || p.total() != n.total()
                            || !p.sender().equalsIgnoreCase(n.sender())) {
                        break;
                    }
                    q = p;
                    if (p.number() == 0) {
                        break;
                    }
                }
                head = q;
            }
            series.put(n.id(), head.id());
            if (head == n) {
                heads.add(n);
            }
        }
        // families: the versions of one series, by sender and head topic; the earliest head names the family
        heads.sort(Comparator.comparingLong(Node::epoch).thenComparing(Node::id));
        Map<String, String> familyOfKey = new HashMap<>();
        Map<String, String> familyOfHead = new HashMap<>();
        for (Node h : heads) {
            String key = h.sender().toLowerCase(Locale.ROOT) + '\0' + h.topic();
            familyOfHead.put(h.id(), familyOfKey.computeIfAbsent(key, k -> h.id()));
        }
        List<Patch> patches = new ArrayList<>();
        for (Node n : nodes) {
            String s = series.get(n.id());
            if (s != null) {
                patches.add(new Patch(n.id(), s, familyOfHead.getOrDefault(s, s)));
            }
        }
        List<Reply> replies = new ArrayList<>();
        for (Node n : nodes) {
            if (patchLike(n)) {
                continue;
            }
            Node q = n;
            for (int i = 0; i < DEPTH; i++) {
                Node p = q.parent() == null ? null : byId.get(q.parent());
                if (p == null) {
                    break;
                }
                if (patchLike(p)) {
                    replies.add(new Reply(n.id(), p.id(), series.get(p.id())));
                    break;
                }
                q = p;
            }
        }
        return new Result(patches, replies);
    }

    private static boolean patchLike(Node n) {
        return n.kind() == PatchFacts.Kind.PATCH || n.kind() == PatchFacts.Kind.COVER;
    }
}
