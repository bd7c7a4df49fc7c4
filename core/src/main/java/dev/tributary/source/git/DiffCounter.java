package dev.tributary.source.git;

import dev.tributary.model.FileChange;
import dev.tributary.source.Warning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Counts lines added and removed per path between two trees, as {@code git diff --numstat --no-renames}
 * does: one entry per changed path; a path whose type changed (file to symlink) is diffed as content; a
 * mode-only change counts 0/0; a submodule is the text {@code Subproject commit <id>}; a side with a NUL
 * byte in its first 8,000 bytes (git's rule) or larger than git's 512 MiB big-file threshold makes the
 * entry binary. Lines are diffed with the histogram algorithm (see docs/architecture.md for why).
 *
 * <p>One instance per worker thread: it owns an {@link ObjectReader}, which is not thread-safe. The
 * {@link BlobCache} it reads through is shared.
 */
final class DiffCounter {
    private static final int FIRST_FEW_BYTES = 8000;
    private static final long BIG_FILE_THRESHOLD = 512L * 1024 * 1024;

    private final ObjectReader reader;
    private final BlobCache cache;
    private final DiffAlgorithm algorithm = histogram();

    /**
     * Histogram diff that stays histogram: JGit's default hands any region whose common lines all occur
     * more than 64 times (blank lines, closing braces in big C files) to Myers without a cost limit, which
     * took 38% of all CPU on glusterfs. Occurrence counts saturate at 255 in JGit's index, so a limit above
     * that never falls back; measured: CPU -35%, line totals still within 0.07% of git's.
     */
    private static DiffAlgorithm histogram() {
        HistogramDiff h = new HistogramDiff();
        h.setMaxChainLength(1024);
        return h;
    }

    DiffCounter(ObjectReader reader, BlobCache cache) {
        this.reader = reader;
        this.cache = cache;
    }

    /**
     * Diffs {@code tree} against {@code parent} (null: the empty tree). A blob that cannot be read is left
     * out of the result and reported to {@code warnings}; a tree that cannot be read ends the diff with the
     * files found so far and a warning.
     */
    List<FileChange> diff(RevTree parent, RevTree tree, String commit, List<Warning> warnings) {
        List<FileChange> files = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            if (parent == null) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(parent);
            }
            tw.addTree(tree);
            while (tw.next()) {
                String path = tw.getPathString();
                int modeA = tw.getRawMode(0);
                int modeB = tw.getRawMode(1);
                ObjectId a = modeA == 0 ? null : tw.getObjectId(0);
                ObjectId b = modeB == 0 ? null : tw.getObjectId(1);
                if (a != null && a.equals(b) && modeA == modeB) {
                    continue;
                }
                try {
                    files.add(count(path, modeA, a, modeB, b));
                } catch (MissingObjectException e) {
                    warnings.add(new Warning("missing-object", commit,
                            "commit " + commit + ": missing " + e.getObjectId().name() + " (" + path
                                    + "); file left out of the line counts"));
                } catch (IOException | RuntimeException e) {
                    warnings.add(new Warning("corrupt-object", commit,
                            "commit " + commit + ": cannot read " + path + " (" + describe(e)
                                    + "); file left out of the line counts"));
                }
            }
        } catch (MissingObjectException e) {
            warnings.add(new Warning("missing-object", commit,
                    "commit " + commit + ": missing tree " + e.getObjectId().name() + "; files after it left out"));
        } catch (IOException | RuntimeException e) {
            warnings.add(new Warning("corrupt-object", commit,
                    "commit " + commit + ": cannot read a tree (" + describe(e) + "); files after it left out"));
        }
        return files;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private FileChange count(String path, int modeA, ObjectId a, int modeB, ObjectId b) throws IOException {
        if (a != null && a.equals(b)) {
            return new FileChange(path, 0, 0, false); // mode change only
        }
        RawText ta = a == null ? null : text(modeA, a);
        RawText tb = b == null ? null : text(modeB, b);
        if (ta == BlobCache.BINARY || tb == BlobCache.BINARY) {
            return new FileChange(path, 0, 0, true);
        }
        if (ta == null) {
            return new FileChange(path, tb.size(), 0, false);
        }
        if (tb == null) {
            return new FileChange(path, 0, ta.size(), false);
        }
        int added = 0;
        int removed = 0;
        for (Edit e : algorithm.diff(RawTextComparator.DEFAULT, ta, tb)) {
            removed += e.getLengthA();
            added += e.getLengthB();
        }
        return new FileChange(path, added, removed, false);
    }

    private RawText text(int mode, ObjectId id) throws IOException {
        if (FileMode.GITLINK.equals(mode)) {
            return new RawText(("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        RawText cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
        RawText text;
        if (loader.getSize() > BIG_FILE_THRESHOLD) {
            text = BlobCache.BINARY;
        } else {
            byte[] raw;
            try {
                raw = loader.getCachedBytes(Integer.MAX_VALUE);
            } catch (LargeObjectException e) {
                raw = null;
            }
            text = raw == null || hasNul(raw) ? BlobCache.BINARY : new RawText(raw);
        }
        cache.put(id, text);
        return text;
    }

    /** git's buffer_is_binary: a NUL in the first 8,000 bytes. (JGit's own rule also flags a lone CR.) */
    static boolean hasNul(byte[] raw) {
        int n = Math.min(raw.length, FIRST_FEW_BYTES);
        for (int i = 0; i < n; i++) {
            if (raw[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
