package dev.tributary.pipeline;

import dev.tributary.identity.EmailRules;
import dev.tributary.model.Change;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.source.review.GitHubBackup;
import dev.tributary.source.review.GitHubPulls;
import dev.tributary.store.ReviewStore;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects change requests into the store: from a {@code github-metadata-backup} folder, from the GitHub
 * API ({@link CollectGitHub}), from Gerrit ({@code gerrit query} dumps or REST answers). Changes are stored
 * in batches, each one transaction with the container's cursor; a change already stored with the same
 * {@code updated} time is skipped, so an import run again stores nothing and a killed run resumes. After
 * storing, the links from logins to addresses are derived again ({@link ReviewStore#deriveLinks}).
 */
public final class CollectReviews {
    static final int BATCH = 200;
    private static final int SHOWN = 50;

    private CollectReviews() {
    }

    /**
     * What one collect did.
     *
     * @param read      changes read from the source
     * @param stored    changes stored (new or changed since the last run)
     * @param unchanged changes skipped because the stored copy is as recent
     * @param requests  HTTP requests sent (0 for an offline import)
     * @param warnings  the first problems met (all are stored), and their count by kind
     */
    public record Result(String container, int read, int stored, int unchanged, int reviews, int comments, long requests,
                         long replayed, long rateLimitWaits, TreeMap<String, Integer> warningsByKind, List<Warning> warnings,
                         String note) {
    }

    /** Imports a {@code github-metadata-backup} folder as container {@code github/OWNER/REPO}. */
    public static Result importGitHubBackup(Store store, Path folder, String container, Progress progress) {
        GitHubBackup backup = new GitHubBackup(folder);
        ReviewStore rs = store.reviews();
        int id = rs.container(container, "github");
        Batcher b = new Batcher(rs, id, rs.updatedTimes(id));
        progress.start("importing " + folder.getFileName(), -1);
        GitHubBackup.Totals totals = backup.read(container, p -> {
            b.accept(p);
            progress.advance(b.read);
        });
        b.warnings.addAll(totals.warnings());
        b.flush(null);
        progress.finish();
        rs.deriveLinks(EmailRules::bot);
        Resolve.run(store);
        String note = totals.issueFiles() > 0 ? totals.issueFiles() + " issue files left to the issue source" : "";
        return b.result(container, 0, 0, 0, note);
    }

    /** Collects batches of parsed changes, skipping unchanged ones; package-private for the live sources. */
    static final class Batcher implements Consumer<GitHubPulls.Parsed> {
        final ReviewStore rs;
        final int container;
        final Map<Long, Long> stored;
        final List<Change> batch = new ArrayList<>();
        final List<Warning> warnings = new ArrayList<>();
        final List<Warning> shown = new ArrayList<>();
        final TreeMap<String, Integer> byKind = new TreeMap<>();
        int read;
        int written;
        int unchanged;
        int reviews;
        int comments;

        Batcher(ReviewStore rs, int container, Map<Long, Long> stored) {
            this.rs = rs;
            this.container = container;
            this.stored = stored;
        }

        @Override
        public void accept(GitHubPulls.Parsed p) {
            warnings.addAll(p.warnings());
            p.change().ifPresent(this::add);
        }

        void add(Change c) {
            read++;
            Long before = stored.get(c.number());
            if (before != null && before == c.updated()) {
                unchanged++;
                return;
            }
            batch.add(c);
            if (batch.size() >= BATCH) {
                flush(null);
            }
        }

        /** Stores the batch and its warnings; {@code cursor} when not null moves with them. */
        void flush(String cursor) {
            if (batch.isEmpty() && warnings.isEmpty() && cursor == null) {
                return;
            }
            rs.write(container, batch, warnings, cursor);
            for (Change c : batch) {
                stored.put(c.number(), c.updated());
                reviews += c.reviews().size();
                comments += c.comments().size();
            }
            written += batch.size();
            for (Warning w : warnings) {
                byKind.merge(w.kind(), 1, Integer::sum);
                if (shown.size() < SHOWN) {
                    shown.add(w);
                }
            }
            batch.clear();
            warnings.clear();
        }

        Result result(String name, long requests, long replayed, long waits, String note) {
            return new Result(name, read, written, unchanged, reviews, comments, requests, replayed, waits, byKind,
                    List.copyOf(shown), note);
        }
    }
}
