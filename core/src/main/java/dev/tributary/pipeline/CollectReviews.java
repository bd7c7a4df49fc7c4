package dev.tributary.pipeline;

import dev.tributary.identity.EmailRules;
import dev.tributary.model.Change;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.Pagination;
import dev.tributary.source.review.GerritChanges;
import dev.tributary.source.review.GitHubBackup;
import dev.tributary.source.review.GitHubPulls;
import dev.tributary.store.ReviewStore;
import dev.tributary.store.Store;
import java.net.URI;
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
        rs.deriveLinks(CollectReviews::bot);
        Resolve.run(store);
        String note = totals.issueFiles() > 0 ? totals.issueFiles() + " issue files left to the issue source" : "";
        return b.result(container, 0, 0, 0, note);
    }

    /**
     * Imports a {@code gerrit query --format=JSON} dump (or a JSON array of Perceval items); each project
     * becomes its own container {@code gerrit/HOST/PROJECT}. One result per container.
     */
    public static List<Result> importGerritDump(Store store, Path file, String host, Progress progress) {
        ReviewStore rs = store.reviews();
        Map<String, Batcher> batchers = new java.util.LinkedHashMap<>();
        progress.start("importing " + file.getFileName(), -1);
        int[] n = {0};
        List<Warning> fileWarnings = GerritChanges.readDump(file, host, p -> {
            String container = p.change().map(Change::container).orElse(null);
            if (container == null) {
                batchers.computeIfAbsent(GerritChanges.container(host, "(unreadable)"), k -> new Batcher(rs, rs.container(k, "gerrit"),
                        new java.util.HashMap<>())).accept(p);
                return;
            }
            batchers.computeIfAbsent(container, k -> {
                int id = rs.container(k, "gerrit");
                return new Batcher(rs, id, rs.updatedTimes(id));
            }).accept(p);
            progress.advance(++n[0]);
        });
        if (batchers.isEmpty() && !fileWarnings.isEmpty()) {
            String k = GerritChanges.container(host, "(unreadable)");
            batchers.put(k, new Batcher(rs, rs.container(k, "gerrit"), new java.util.HashMap<>()));
        }
        if (!batchers.isEmpty()) {
            batchers.values().iterator().next().warnings.addAll(fileWarnings);
        }
        List<Result> out = new ArrayList<>();
        batchers.forEach((name, b) -> {
            b.flush(null);
            out.add(b.result(name, 0, 0, 0, ""));
        });
        progress.finish();
        rs.deriveLinks(CollectReviews::bot);
        Resolve.run(store);
        return out;
    }

    /**
     * Collects a Gerrit project over REST ({@code /changes/?q=project:P&o=DETAILED_LABELS&o=MESSAGES&o=DETAILED_ACCOUNTS&o=ALL_REVISIONS},
     * {@code S=} paging), newest update first, stopping at changes not updated since the cursor.
     */
    public static Result collectGerrit(Store store, Http http, URI base, String project, Progress progress) {
        String host = base.getHost();
        String container = GerritChanges.container(host, project);
        ReviewStore rs = store.reviews();
        int id = rs.container(container, "gerrit");
        Batcher b = new Batcher(rs, id, rs.updatedTimes(id));
        String cursor = rs.cursor(id).orElse(null);
        String q = "project:" + project + (cursor == null ? "" : " since:\"" + cursor + "\"");
        URI first = dev.tributary.source.http.Uris.withParam(URI.create(base.toString().replaceAll("/+$", "") + "/changes/"), "q", q);
        first = URI.create(first + "&o=DETAILED_LABELS&o=MESSAGES&o=DETAILED_ACCOUNTS&o=ALL_REVISIONS&n=100");
        long newest = Long.MIN_VALUE;
        progress.start("changes of " + project, -1);
        try {
            for (Http.Page page : http.pages(container, first, Pagination.gerrit())) {
                if (page.response().notFound() || page.body() == null || !page.body().isArray()) {
                    throw new dev.tributary.TributaryException.InvalidInput("Gerrit at " + base + " gave no change list for " + project);
                }
                for (com.fasterxml.jackson.databind.JsonNode c : page.body()) {
                    GitHubPulls.Parsed p = GerritChanges.parseRest(c, host);
                    if (p.change().isPresent()) {
                        newest = Math.max(newest, p.change().get().updated());
                    }
                    b.accept(p);
                    progress.advance(b.read);
                }
            }
        } catch (RuntimeException e) {
            b.flush(null);
            throw e;
        } finally {
            progress.finish();
        }
        // Gerrit's since: takes "YYYY-MM-DD HH:MM:SS" in UTC
        b.flush(newest == Long.MIN_VALUE ? null : java.time.LocalDateTime.ofEpochSecond(newest, 0, java.time.ZoneOffset.UTC)
                .toString().replace('T', ' '));
        rs.deriveLinks(CollectReviews::bot);
        Resolve.run(store);
        Http.Stats s = http.stats();
        return b.result(container, s.requests(), s.replayed(), s.waits(), "");
    }

    private static final java.util.regex.Pattern CI = java.util.regex.Pattern.compile(
            "(?i)(.*[ _-])?(ci|jenkins|zuul|bot)([ _-].*)?|.*[ _-]ci[ _-]?(account|system)?");

    /**
     * Whether a review account is a bot: the commit rules ({@link EmailRules#bot}) on its login or name and
     * address, or a name or login with the word CI, Jenkins, Zuul or bot in it (third-party CI accounts on
     * Gerrit: "Mellanox CI", "hyper-v-ci", "odl-jenkins").
     */
    static boolean bot(String nameOrLogin, String email) {
        return EmailRules.bot(nameOrLogin, email) || CI.matcher(nameOrLogin).matches();
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

        /**
         * Whether pull request {@code number}, updated at {@code updated}, is stored as it is now: then it counts as
         * read and unchanged, and is not fetched again.
         */
        boolean unchanged(long number, Long updated) {
            Long known = stored.get(number);
            if (number > 0 && known != null && updated != null && known.longValue() == updated) {
                read++;
                unchanged++;
                return true;
            }
            return false;
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
