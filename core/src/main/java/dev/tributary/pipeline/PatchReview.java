package dev.tributary.pipeline;

import dev.tributary.model.PatchFacts;
import dev.tributary.source.git.PatchIds;
import dev.tributary.source.mail.PatchSeries;
import dev.tributary.source.mail.Patches;
import dev.tributary.store.PatchStore;
import dev.tributary.store.Store;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Patch review derived from the stored mail and commits ({@code docs/mail.md}, "Patches and reviews"):
 * <ol>
 * <li>{@link #derive}: per list, after threading, what each new message is ({@link Patches}: patch, cover
 * letter, review trailers, and the {@code git patch-id --stable} of a patch's diff), then the series, their
 * versions and which patch each reply answers ({@link PatchSeries}), replaced whole;</li>
 * <li>{@link #link}: which commits the patches became, by the first method that finds any, in this order:
 * {@code link} (a {@code Link:} trailer, or a {@code Message-Id:} line, of the commit naming the patch's
 * Message-ID), {@code notes} ({@code refs/notes/amlog}, git.git's map of applied commits to Message-IDs),
 * {@code patch-id} (the same {@code git patch-id --stable}), {@code author-subject} (the same author address and
 * subject, authored within {@value #WINDOW_DAYS} days of the mail: {@code git am} keeps the mail's date) as the
 * last resort, for commits no other method linked.</li>
 * </ol>
 * Stateless; runs on the caller's thread.
 */
public final class PatchReview {
    static final int WINDOW_DAYS = 30;
    private static final Pattern LINK = Pattern.compile("(?im)^[ \\t]*Link:[ \\t]*(\\S+)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^[ \\t]*Message-Id:[ \\t]*<([^>\\s]+)>");
    private static final Pattern NOTE_ID = Pattern.compile("(?im)^Message-Id:\\s*<([^>\\s]+)>");
    /** The notes refs read for {@code notes} links: git.git's amlog. */
    static final List<String> NOTES_REFS = List.of("refs/notes/amlog");

    private PatchReview() {
    }

    /** Analyses a list's new messages and rebuilds its series; cheap when nothing is new. */
    static void derive(Store store, int list) {
        PatchStore ps = store.patches();
        List<PatchStore.Fact> pending = new ArrayList<>();
        List<PatchStore.TrailerRow> trailers = new ArrayList<>();
        boolean git = PatchIds.available();
        List<Object[]> analysed = new ArrayList<>(); // messageId, kind, subject
        PatchIds.Texts feed = add -> ps.forEachUnanalyzed(list, u -> {
            PatchFacts.Subject s = Patches.subject(u.subject());
            PatchFacts.Kind kind = Patches.kind(s, u.body());
            analysed.add(new Object[] {u.messageId(), kind, s});
            if (kind != PatchFacts.Kind.PATCH && kind != PatchFacts.Kind.COVER) {
                for (PatchFacts.ReviewTrailer t : Patches.reviewTrailers(u.body())) {
                    trailers.add(new PatchStore.TrailerRow(u.messageId(), t));
                }
            }
            if (kind == PatchFacts.Kind.PATCH && add != null && Patches.hasDiff(u.body())) {
                add.accept(u.messageId(), u.body());
            }
        });
        Map<String, String> ids;
        if (git) {
            ids = PatchIds.ofTexts(feed);
        } else {
            try {
                feed.feed(null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ids = Map.of();
        }
        for (Object[] a : analysed) {
            pending.add(new PatchStore.Fact((String) a[0], (PatchFacts.Kind) a[1], (PatchFacts.Subject) a[2], ids.getOrDefault((String) a[0], "")));
        }
        if (!pending.isEmpty() || !trailers.isEmpty()) {
            ps.writeFacts(list, pending, trailers);
        }
        ps.replaceSeries(list, PatchSeries.group(ps.nodes(list)));
    }

    /** What linking found: links by method. */
    public record Links(TreeMap<String, Integer> byMethod, int patches, int linkedPatches) {
    }

    /** Links every list's patches to every stored repository's commits, replacing the links. */
    public static Links link(Store store) {
        PatchStore ps = store.patches();
        List<PatchStore.PatchRow> patches = ps.patches();
        if (patches.isEmpty()) {
            ps.replaceLinks(List.of());
            return new Links(new TreeMap<>(), 0, 0);
        }
        long since = patches.stream().mapToLong(PatchStore.PatchRow::epoch).min().orElse(0) - 86_400L * WINDOW_DAYS;
        Map<String, List<PatchStore.PatchRow>> byMessageId = new HashMap<>();
        for (PatchStore.PatchRow p : patches) {
            byMessageId.computeIfAbsent(p.messageId(), k -> new ArrayList<>()).add(p);
        }
        // candidates in one pass over the commits
        Map<String, List<PatchStore.CommitRow>> byAuthorTopic = new HashMap<>();
        Map<String, PatchStore.CommitRow> commitsBySha = new HashMap<>();
        List<String[]> named = new ArrayList<>(); // repo:sha, message id, from Link/Message-Id
        Set<String> senders = new HashSet<>();
        for (PatchStore.PatchRow p : patches) {
            senders.add(p.email());
        }
        ps.forEachCommit(since, c -> {
            String key = c.repo() + ":" + c.sha();
            if (!c.message().isEmpty()) {
                for (String id : namedIds(c.message())) {
                    named.add(new String[] {key, id});
                }
                commitsBySha.put(key, c);
            }
            if (senders.contains(c.authorEmail())) {
                byAuthorTopic.computeIfAbsent(c.authorEmail() + '\0' + Patches.subject(c.subject()).topic(), k -> new ArrayList<>()).add(c);
                commitsBySha.put(key, c);
            }
        });
        Map<String, List<PatchStore.Link>> found = new LinkedHashMap<>(); // patch key -> links of the best method
        Set<String> linkedCommits = new HashSet<>();
        // 1. Link: trailers (and Message-Id: lines)
        for (String[] n : named) {
            for (PatchStore.PatchRow p : byMessageId.getOrDefault(n[1], List.of())) {
                add(found, linkedCommits, p, n[0], "link");
            }
        }
        // 2. git notes (amlog)
        for (Map.Entry<Integer, String> repo : ps.repositories().entrySet()) {
            for (Map.Entry<String, String> note : notes(repo.getValue()).entrySet()) {
                for (PatchStore.PatchRow p : byMessageId.getOrDefault(note.getValue(), List.of())) {
                    if (!found.containsKey(key(p)) || method(found, p).equals("notes")) {
                        add(found, linkedCommits, p, repo.getKey() + ":" + note.getKey(), "notes");
                    }
                }
            }
        }
        // 3. patch-id of the mailed diff against the commits'
        if (PatchIds.available()) {
            for (Map.Entry<Integer, String> repo : ps.repositories().entrySet()) {
                List<String> todo = ps.commitsWithoutPatchId(repo.getKey(), since);
                Path gitDir = gitDir(Path.of(repo.getValue()));
                if (!todo.isEmpty() && java.nio.file.Files.isDirectory(gitDir.resolve("objects"))) {
                    // a repository that moved is linked by the other methods; its patch-ids come when it is back
                    ps.writeCommitPatchIds(repo.getKey(), todo, PatchIds.ofCommits(gitDir, todo));
                }
            }
            Map<String, List<String[]>> byPatchId = ps.commitsByPatchId();
            for (PatchStore.PatchRow p : patches) {
                if (p.patchId().isEmpty() || found.containsKey(key(p))) {
                    continue;
                }
                for (String[] c : byPatchId.getOrDefault(p.patchId(), List.of())) {
                    add(found, linkedCommits, p, c[0] + ":" + c[1], "patch-id");
                }
            }
        }
        // 4. author + subject within the window, for commits no other method linked: the closest in time
        for (PatchStore.PatchRow p : patches) {
            if (found.containsKey(key(p))) {
                continue;
            }
            PatchStore.CommitRow best = null;
            for (PatchStore.CommitRow c : byAuthorTopic.getOrDefault(p.email() + '\0' + p.topic(), List.of())) {
                long gap = Math.abs(c.authorEpoch() - p.epoch());
                if (gap <= 86_400L * WINDOW_DAYS && !linkedCommits.contains(c.repo() + ":" + c.sha())
                        && (best == null || gap < Math.abs(best.authorEpoch() - p.epoch()))) {
                    best = c;
                }
            }
            if (best != null && !p.topic().isEmpty()) {
                add(found, linkedCommits, p, best.repo() + ":" + best.sha(), "author-subject");
            }
        }
        List<PatchStore.Link> links = new ArrayList<>();
        TreeMap<String, Integer> byMethod = new TreeMap<>();
        for (List<PatchStore.Link> l : found.values()) {
            links.addAll(l);
            for (PatchStore.Link x : l) {
                byMethod.merge(x.method(), 1, Integer::sum);
            }
        }
        ps.replaceLinks(links);
        return new Links(byMethod, patches.size(), found.size());
    }

    private static String key(PatchStore.PatchRow p) {
        return p.list() + "\0" + p.messageId();
    }

    private static String method(Map<String, List<PatchStore.Link>> found, PatchStore.PatchRow p) {
        return found.get(key(p)).get(0).method();
    }

    private static void add(Map<String, List<PatchStore.Link>> found, Set<String> linkedCommits, PatchStore.PatchRow p,
            String commitKey, String method) {
        int colon = commitKey.indexOf(':');
        PatchStore.Link l = new PatchStore.Link(p.list(), p.messageId(), Integer.parseInt(commitKey.substring(0, colon)),
                commitKey.substring(colon + 1), method);
        List<PatchStore.Link> list = found.computeIfAbsent(key(p), k -> new ArrayList<>());
        if (!list.contains(l)) {
            list.add(l);
        }
        linkedCommits.add(commitKey);
    }

    /**
     * The Message-IDs a commit message names: each {@code Link:} URL's path segment that holds an {@code @}
     * (lore's {@code https://lore.kernel.org/r/<id>}, {@code .../<list>/<id>/}), and {@code Message-Id: <id>} lines.
     */
    static List<String> namedIds(String message) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(message);
        while (m.find()) {
            String url = m.group(1);
            int scheme = url.indexOf("://");
            String path = scheme < 0 ? url : url.substring(Math.max(0, url.indexOf('/', scheme + 3)));
            for (String seg : path.split("/")) {
                String s;
                try {
                    s = URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    s = seg;
                }
                if (s.startsWith("<") && s.endsWith(">")) {
                    s = s.substring(1, s.length() - 1);
                }
                if (s.indexOf('@') > 0 && s.indexOf('@') < s.length() - 1) {
                    out.add(s);
                }
            }
        }
        Matcher id = MESSAGE_ID.matcher(message);
        while (id.find()) {
            out.add(id.group(1));
        }
        return out;
    }

    /** Commit id to Message-ID from a repository's amlog-style notes; empty when it has none or cannot be read. */
    static Map<String, String> notes(String location) {
        Map<String, String> out = new HashMap<>();
        Path gitDir = gitDir(Path.of(location));
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            for (String refName : NOTES_REFS) {
                Ref ref = repo.exactRef(refName);
                if (ref == null) {
                    continue;
                }
                NoteMap map = NoteMap.read(reader, walk.parseCommit(ref.getObjectId()));
                for (Note n : map) {
                    byte[] data = reader.open(n.getData()).getCachedBytes(1 << 16);
                    Matcher m = NOTE_ID.matcher(new String(data, StandardCharsets.UTF_8));
                    if (m.find()) {
                        out.put(n.name(), m.group(1));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out; // a repository that moved or cannot be read links by the other methods
        }
        return out;
    }

    private static Path gitDir(Path location) {
        Path dotGit = location.resolve(".git");
        return java.nio.file.Files.isDirectory(dotGit) ? dotGit : location;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
