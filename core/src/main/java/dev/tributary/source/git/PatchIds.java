package dev.tributary.source.git;

import dev.tributary.TributaryException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code git patch-id --stable}, the git CLI's own fingerprint of a diff (whitespace and line numbers ignored,
 * file order irrelevant): the same change mailed as a patch and applied as a commit gets the same id, a patch
 * edited on the way in does not. Two uses: the diffs of mailed patches, fed as text, and the diffs of commits,
 * from {@code git log -p} piped into {@code git patch-id}. Stateless; each call runs its own processes.
 */
public final class PatchIds {
    private PatchIds() {
    }

    /** Whether a usable git is on the PATH (without one, patches are linked by the other methods). */
    public static boolean available() {
        return GitNumstat.available();
    }

    /** Receives texts to fingerprint: call {@code add(key, text)} for each. */
    public interface Texts {
        void feed(java.util.function.BiConsumer<String, String> add) throws IOException;
    }

    /**
     * The patch-id of each text that holds a diff (a mail body: the text before the diff is ignored), by key.
     *
     * @throws TributaryException.InvalidInput if git cannot be run
     */
    public static Map<String, String> ofTexts(Texts texts) {
        Map<String, String> keys = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        Process p = patchId();
        Thread reader = drain(p, line -> {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                String key = keys.get(line.substring(sp + 1));
                if (key != null) {
                    synchronized (out) {
                        out.put(key, line.substring(0, sp));
                    }
                }
            }
        });
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
            int[] n = {0};
            texts.feed((key, text) -> {
                String fake = String.format("%040x", ++n[0]);
                synchronized (keys) {
                    keys.put(fake, key);
                }
                try {
                    w.write("commit " + fake + "\n");
                    w.write(neutralize(text));
                    w.write("\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // git stopped reading; its exit status says why
        }
        finish(p, reader, "git patch-id");
        return out;
    }

    /**
     * The patch-id of each given commit of a repository (merges and commits without a diff have none). A commit git
     * cannot diff (a missing blob) has none either: when git dies, the list is split in halves and each retried, so
     * the others still get theirs.
     *
     * @throws TributaryException.InvalidInput if git cannot be run at all
     */
    public static Map<String, String> ofCommits(Path gitDir, List<String> commits) {
        try {
            return ofCommitsOnce(gitDir, commits);
        } catch (TributaryException.InvalidInput e) {
            if (e.getMessage().startsWith("cannot run git")) {
                throw e;
            }
            if (commits.size() <= 1) {
                return new HashMap<>(); // this commit cannot be diffed: no patch-id
            }
            Map<String, String> out = ofCommits(gitDir, commits.subList(0, commits.size() / 2));
            out.putAll(ofCommits(gitDir, commits.subList(commits.size() / 2, commits.size())));
            return out;
        }
    }

    private static Map<String, String> ofCommitsOnce(Path gitDir, List<String> commits) {
        Map<String, String> out = new HashMap<>();
        if (commits.isEmpty()) {
            return out;
        }
        Process log = start(GitChild.reading(gitDir, "log", "--no-walk=unsorted", "--stdin", "-p", "--no-merges",
                "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--format=commit %H"));
        Process pid = patchId();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = log.getOutputStream()) {
                for (String c : commits) {
                    in.write((c + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // git log stopped reading
            }
        }, "tributary-patch-id-feed");
        feeder.setDaemon(true);
        feeder.start();
        Thread pipe = new Thread(() -> {
            try (InputStream from = log.getInputStream(); OutputStream to = pid.getOutputStream()) {
                from.transferTo(to);
            } catch (IOException e) {
                // one side stopped; exit statuses say why
            }
        }, "tributary-patch-id-pipe");
        pipe.setDaemon(true);
        pipe.start();
        Thread reader = drain(pid, line -> {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                synchronized (out) {
                    out.put(line.substring(sp + 1), line.substring(0, sp));
                }
            }
        });
        finish(log, null, "git log -p");
        finish(pid, reader, "git patch-id");
        return out;
    }

    /**
     * Indents lines before the first diff that git patch-id would take for a new commit ({@code commit <sha>},
     * {@code From <sha>}): a changelog quoting a commit id must not split the text.
     */
    static String neutralize(String text) {
        int diff = text.indexOf("\ndiff ");
        String head = diff < 0 ? text : text.substring(0, diff);
        if (!head.contains("commit ") && !head.contains("From ")) {
            return text;
        }
        String fixed = head.replaceAll("(?m)^(commit |From )", " $1");
        return diff < 0 ? fixed : fixed + text.substring(diff);
    }

    private static Process patchId() {
        return start(GitChild.plain(new ProcessBuilder("git", "patch-id", "--stable")));
    }

    private static Process start(ProcessBuilder pb) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new TributaryException.InvalidInput("cannot run git (needed for patch-ids): " + e.getMessage(), e);
        }
    }

    private static Thread drain(Process p, Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "tributary-patch-id-out");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void finish(Process p, Thread reader, String what) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (InputStream e = p.getErrorStream()) {
            e.transferTo(err);
            if (reader != null) {
                reader.join();
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new TributaryException.InvalidInput(what + " did not finish in 10 minutes");
            }
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TributaryException.InvalidInput(what + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            String msg = err.toString(StandardCharsets.UTF_8).strip();
            throw new TributaryException.InvalidInput(what + " failed (exit " + p.exitValue() + "): "
                    + (msg.length() > 300 ? msg.substring(0, 300) : msg));
        }
    }
}
