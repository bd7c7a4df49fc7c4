package dev.tributary.source.git;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A small LRU of decoded blobs shared by the diff workers, bounded by bytes. Walking history newest first,
 * the old side of one commit's diff is the new side of its parent's, so most blobs are loaded once.
 * Thread-safe (coarse lock; with a handful of workers the lock is not the bottleneck: inflating is).
 */
final class BlobCache {
    /** A blob's content, or the marker that git would call it binary. */
    static final RawText BINARY = new RawText(new byte[0]);

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<ObjectId, RawText> map = new LinkedHashMap<>(1024, 0.75f, true);

    BlobCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized RawText get(ObjectId id) {
        return map.get(id);
    }

    synchronized void put(ObjectId id, RawText text) {
        long size = weight(text);
        if (size > maxBytes / 4) {
            return; // one huge blob would evict everything useful
        }
        RawText old = map.put(id.copy(), text);
        if (old != null) {
            bytes -= weight(old);
        }
        bytes += size;
        var it = map.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<ObjectId, RawText> e = it.next();
            bytes -= weight(e.getValue());
            it.remove();
        }
    }

    private static long weight(RawText t) {
        return 64 + t.getRawContent().length + 4L * t.size();
    }
}
