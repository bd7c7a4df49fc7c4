package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.identity.EmailRules;
import dev.tributary.identity.Mailmap;
import dev.tributary.model.MailMessage;
import dev.tributary.source.Progress;
import dev.tributary.source.Warning;
import dev.tributary.source.mail.MailArchives;
import dev.tributary.source.mail.PublicInbox;
import dev.tributary.source.mail.Threader;
import dev.tributary.store.MailStore;
import dev.tributary.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects a mailing list's archives into the store, incrementally, then threads the list and resolves its
 * senders. Per archive file a cursor (size, modification time, digest of the first 64 KiB, and the offset of
 * its last message) decides: unchanged files are not read; a plain file that only grew is read again from
 * its last message (which may have been incomplete); anything else is read again whole. Messages are
 * deduplicated on (list, message id), so reading again never stores twice. A path that cannot be read is
 * reported and the other paths are still collected.
 */
public final class CollectMail {
    private static final int BATCH = 2000;
    private static final long BATCH_CHARS = 16L << 20;
    private static final int HEAD = 64 << 10;
    private static final String DUCKDB_MEMORY = "192MB";
    /** Warnings kept in a {@link Result} for display (all are stored). */
    private static final int SHOWN = 50;

    private CollectMail() {
    }

    /** What happened to one archive file: {@code read}, {@code resumed}, {@code unchanged} or {@code failed}. */
    public record Archive(String path, String status, int messages, int duplicates, int warnings, long bytes) {
    }

    /**
     * What one collect did.
     *
     * @param failures paths that could not be read at all, with the reason (the rest was collected)
     * @param warningsByKind problem counts of the archives read in this run, by warning kind
     * @param warnings the first problems met, for display (every one is in the store's {@code mail_warnings})
     */
    public record Result(int listId, String list, List<Archive> archives, int stored, int duplicates,
            TreeMap<String, Integer> warningsByKind, List<Warning> warnings, List<String> failures) {
    }

    /** Collects {@code paths} (files or directories) into list {@code list}, then threads and resolves it. */
    public static Result run(Store store, String list, List<Path> paths, Progress progress) {
        if (list == null || list.isBlank()) {
            throw new TributaryException.InvalidInput("a list needs a name (--list NAME)");
        }
        MailStore mail = store.mail();
        int id = mail.list(list);
        // bodies stream through DuckDB in batches; one thread and a bounded buffer pool keep the process (JVM
        // and DuckDB) under 512 MB on a 1 GB archive (bench/mail.sh), at no cost in speed: appending is serial
        return store.withLimits(DUCKDB_MEMORY, 1, () -> collect(store, mail, id, list, paths, progress));
    }

    private static Result collect(Store store, MailStore mail, int id, String list, List<Path> paths, Progress progress) {
        List<Archive> archives = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Warning> shown = new ArrayList<>();
        TreeMap<String, Integer> byKind = new TreeMap<>();
        boolean changed = false;
        int stored = 0;
        int duplicates = 0;
        for (Path path : paths) {
            Optional<PublicInbox> inbox;
            try {
                inbox = PublicInbox.detect(path);
            } catch (TributaryException.InvalidInput e) {
                failures.add(e.getMessage());
                archives.add(new Archive(path.toString(), "failed", 0, 0, 0, 0));
                continue;
            }
            if (inbox.isPresent()) {
                List<String> keys = inbox.get().epochs().stream().map(CollectMail::key).toList();
                for (PublicInbox.Epoch epoch : inbox.get().epochs()) {
                    Archive a;
                    try {
                        a = collectEpoch(mail, id, inbox.get(), epoch, keys, progress, shown, byKind);
                    } catch (IOException | java.io.UncheckedIOException | TributaryException.InvalidInput e) {
                        failures.add(epoch.gitDir() + ": cannot read: " + e.getMessage());
                        a = new Archive(key(epoch), "failed", 0, 0, 0, 0);
                    }
                    archives.add(a);
                    changed |= !a.status().equals("unchanged") && !a.status().equals("failed");
                    stored += a.messages() - a.duplicates();
                    duplicates += a.duplicates();
                }
                continue;
            }
            List<Path> files;
            try {
                files = MailArchives.files(path, w -> {
                    if (shown.size() < SHOWN) {
                        shown.add(w);
                    }
                    byKind.merge(w.kind(), 1, Integer::sum);
                });
            } catch (TributaryException.InvalidInput e) {
                failures.add(e.getMessage());
                archives.add(new Archive(path.toString(), "failed", 0, 0, 0, 0));
                continue;
            }
            for (Path file : files) {
                Archive a;
                try {
                    a = collectFile(mail, id, file, progress, shown, byKind);
                } catch (TributaryException.InvalidInput e) {
                    failures.add(e.getMessage());
                    a = new Archive(file.toString(), "failed", 0, 0, 0, 0);
                } catch (IOException | java.io.UncheckedIOException e) {
                    failures.add(file + ": cannot read: " + e.getMessage());
                    a = new Archive(file.toString(), "failed", 0, 0, 0, 0);
                }
                archives.add(a);
                changed |= !a.status().equals("unchanged") && !a.status().equals("failed");
                stored += a.messages() - a.duplicates();
                duplicates += a.duplicates();
            }
        }
        // threads are written last: a run killed after storing messages leaves counts that differ, and the
        // next run finishes the job even when every archive is unchanged
        if (changed || !mail.threaded(id)) {
            resolveSenders(store, id);
            Resolve.run(store);
            mail.replaceThreads(id, Threader.thread(mail.threadNodes(id)));
            PatchReview.derive(store, id); // patches, series and reviews need the threads
            PatchReview.link(store);
        }
        return new Result(id, list, archives, stored, duplicates, byKind, shown, failures);
    }

    private static Archive collectFile(MailStore mail, int list, Path file, Progress progress, List<Warning> shown,
            TreeMap<String, Integer> byKind) throws IOException {
        String key = file.toAbsolutePath().normalize().toString();
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        String digest = headDigest(file);
        boolean gz = MailArchives.gzip(file);
        Optional<MailStore.ArchiveCursor> cursor = mail.cursor(list, key);
        long start = 0;
        String status = "read";
        if (cursor.isPresent()) {
            MailStore.ArchiveCursor c = cursor.get();
            if (c.size() == size && c.modified() == modified && c.headDigest().equals(digest)) {
                return new Archive(key, "unchanged", 0, 0, 0, 0);
            }
            if (!gz && size > c.size() && c.headDigest().equals(digest) && size > HEAD) {
                start = c.resumeOffset(); // the file grew: its last message may have been incomplete
                status = "resumed";
            }
        }
        mail.forget(list, key, start);
        progress.start("mail " + file.getFileName(), size);
        List<MailMessage> batch = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        long[] chars = new long[1];
        int[] counts = new int[3]; // messages, duplicates, warnings
        MailArchives.Read read = MailArchives.read(file, key, start, new MailArchives.Sink() {
            @Override
            public void message(MailMessage m) {
                batch.add(m);
                chars[0] += m.body().length();
                counts[0]++;
                if (batch.size() >= BATCH || chars[0] >= BATCH_CHARS) {
                    counts[1] += mail.writeBatch(list, key, batch, warnings, offsets, null);
                    batch.clear();
                    warnings.clear();
                    offsets.clear();
                    chars[0] = 0;
                    progress.advance(m.offset());
                }
            }

            @Override
            public void warning(Warning w, long offset) {
                warnings.add(w);
                offsets.add(offset);
                counts[2]++;
                byKind.merge(w.kind(), 1, Integer::sum);
                if (shown.size() < SHOWN) {
                    shown.add(w);
                }
            }
        });
        counts[1] += mail.writeBatch(list, key, batch, warnings, offsets,
                new MailStore.ArchiveCursor(size, modified, digest, read.resumeOffset()));
        progress.finish();
        return new Archive(key, status, counts[0], counts[1], counts[2], read.bytes());
    }

    private static String key(PublicInbox.Epoch epoch) {
        return epoch.gitDir().toAbsolutePath().normalize().toString();
    }

    /**
     * Collects one public-inbox epoch from its cursor (the last commit read, kept in {@code mail_archives}: size
     * and resume offset are the commits read, the digest that commit's id). Each batch is written with the
     * cursor of its last commit, so a killed run resumes after the last whole batch. A Message-ID the list already
     * has from another commit (another epoch, a re-delivery) is a {@code duplicate-message-id} warning naming
     * the commit; the first stored is kept.
     */
    private static Archive collectEpoch(MailStore mail, int list, PublicInbox inbox, PublicInbox.Epoch epoch, List<String> keys,
            Progress progress, List<Warning> shown, TreeMap<String, Integer> byKind) throws IOException {
        String key = key(epoch);
        String tip = PublicInbox.tip(epoch);
        Optional<MailStore.ArchiveCursor> cursor = mail.cursor(list, key);
        PublicInbox.Cursor since = null;
        String status = "read";
        if (cursor.isPresent()) {
            MailStore.ArchiveCursor c = cursor.get();
            if (c.headDigest().equals(tip == null ? "" : tip)) {
                return new Archive(key, "unchanged", 0, 0, 0, 0);
            }
            PublicInbox.Cursor prior = new PublicInbox.Cursor(c.headDigest(), c.resumeOffset());
            if (tip != null && !c.headDigest().isEmpty() && PublicInbox.extends_(epoch, prior)) {
                since = prior;
                status = "resumed";
            } else {
                mail.forget(list, key, 0); // rewritten (or emptied and refilled): read again whole
            }
        }
        progress.start("inbox " + epoch.name(), -1);
        List<MailMessage> batch = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        long[] chars = new long[1];
        long[] at = {since == null ? 0 : since.commits()};
        String[] lastCommit = {since == null ? "" : since.commit()};
        int[] counts = new int[3]; // messages, duplicates, warnings
        Runnable flush = () -> {
            int before = warnings.size();
            counts[1] += writeInboxBatch(mail, list, key, batch, commits, warnings, offsets,
                    new MailStore.ArchiveCursor(at[0], 0, lastCommit[0], at[0]), byKind, shown);
            counts[2] += warnings.size() - before;
            batch.clear();
            commits.clear();
            warnings.clear();
            offsets.clear();
            chars[0] = 0;
        };
        PublicInbox.Read read = inbox.readAhead(epoch, since, key, new PublicInbox.Sink() {
            @Override
            public void message(MailMessage m, String commit) {
                batch.add(m);
                commits.add(commit);
                chars[0] += m.body().length();
                counts[0]++;
            }

            @Override
            public void removed(String messageId, String commit) {
                flush.run(); // the message may be in this batch: write it first, then remove it
                mail.remove(list, messageId, keys);
            }

            @Override
            public void warning(Warning w, String commit) {
                warnings.add(w);
                offsets.add(at[0] + 1);
                counts[2]++;
                byKind.merge(w.kind(), 1, Integer::sum);
                if (shown.size() < SHOWN) {
                    shown.add(w);
                }
            }

            @Override
            public void progress(long commits, String commit) {
                at[0] = commits;
                lastCommit[0] = commit;
                if (batch.size() >= BATCH || chars[0] >= BATCH_CHARS) {
                    flush.run();
                    progress.advance(commits);
                }
            }
        });
        at[0] = read.commits();
        lastCommit[0] = read.tip() == null ? "" : read.tip();
        flush.run();
        progress.finish();
        return new Archive(key, status, counts[0], counts[1], counts[2], read.commits() - (since == null ? 0 : since.commits()));
    }

    /** Writes a batch of an epoch with its cursor; duplicates of stored (or earlier) messages become warnings. */
    private static int writeInboxBatch(MailStore mail, int list, String key, List<MailMessage> batch, List<String> commits,
            List<Warning> warnings, List<Long> offsets, MailStore.ArchiveCursor cursor, TreeMap<String, Integer> byKind,
            List<Warning> shown) {
        java.util.Map<String, String> firstSeen = mail.existing(list, batch.stream().map(MailMessage::messageId).toList());
        int dups = 0;
        for (int i = 0; i < batch.size(); i++) {
            MailMessage m = batch.get(i);
            String first = firstSeen.putIfAbsent(m.messageId(), m.archive() + " #" + m.offset());
            if (first != null && first.equals(m.archive() + " #" + m.offset())) {
                dups++; // this very commit, read again after a run stopped between its batch and the cursor
            } else if (first != null) {
                dups++;
                Warning w = new Warning("duplicate-message-id", key + " commit " + commits.get(i),
                        "Message-ID <" + m.messageId() + "> is already stored (" + first + "): the first is kept");
                warnings.add(w);
                offsets.add(m.offset());
                byKind.merge(w.kind(), 1, Integer::sum);
                if (shown.size() < SHOWN) {
                    shown.add(w);
                }
            }
        }
        int written = mail.writeBatch(list, key, batch, warnings, offsets, cursor);
        if (written != dups) {
            throw new IllegalStateException("duplicates counted " + dups + " but the store skipped " + written);
        }
        return dups;
    }

    private static String headDigest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(in.readNBytes(HEAD));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Maps each sender of a list to a person, as commit authors are: the lower-cased address after every
     * repository's own .mailmap and then the curated ones (a later line wins), so the same person in git and
     * on the list is one individual.
     */
    static void resolveSenders(Store store, int list) {
        Mailmap mailmap = Mailmap.parse(mailmapText(store));
        List<Store.IdentityRow> rows = new ArrayList<>();
        for (String[] s : store.mail().senders(list)) {
            Mailmap.Mapping m = mailmap.map(s[0], s[1]);
            rows.add(new Store.IdentityRow(s[0], s[1], EmailRules.person(s[0], m.email()), m.name(), EmailRules.bot(s[0], s[1])));
        }
        store.mail().replaceIdentities(list, rows);
    }

    /** Re-applies the mailmaps to the senders of every list (after a curated .mailmap changed). */
    static void resolveSenders(Store store) {
        for (int list : store.mail().lists()) {
            resolveSenders(store, list);
        }
    }

    private static String mailmapText(Store store) {
        StringBuilder text = new StringBuilder();
        for (String repo : store.repositoryMailmaps().values()) {
            text.append(repo).append('\n');
        }
        for (String curated : store.curation().mailmaps()) {
            text.append(curated).append('\n');
        }
        return text.toString();
    }
}
