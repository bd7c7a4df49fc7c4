package dev.tributary.source.git;

import dev.tributary.TributaryException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Repositories named by URL, kept as bare clones in a managed cache folder and fetched incrementally: the
 * first {@link #acquire} clones ({@code git clone --bare}), later ones fetch what is new
 * ({@code git fetch --prune} of branches and tags). The git CLI does the transfer, so the user's transports,
 * proxies and credential helpers work as for {@code git clone}; but git never asks: terminal prompts, askpass
 * programs and interactive ssh are switched off, and a stalled transfer is abandoned, so an unreachable or
 * private repository fails at once with git's own message instead of hanging a run over thousands.
 *
 * <p>A clone is made in a {@code .partial} folder and moved into place when complete, so a killed run leaves
 * no half repository that looks whole; the next run starts that clone again. A failed fetch keeps the
 * cached copy as it was (nothing is ever deleted because the remote looks empty or unreachable).
 *
 * <p>Thread-safe for different URLs; two acquisitions of one URL at once (in one process or two) are not
 * coordinated beyond git's own ref locks.
 */
public final class RepositoryCache {
    /** {@code scheme://...} for the schemes git speaks over a network or file:// (ext:: and fd:: are refused). */
    private static final Pattern URL = Pattern.compile("(?i)(https?|git|ssh|git\\+ssh|ssh\\+git|file)://[^\\s]+");
    /** git's scp-like syntax: {@code user@host:path}. */
    private static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+");
    private static final int MAX_ERROR = 2_000;

    private final Path root;

    /** A cache rooted at {@code root} (created when first needed). */
    public RepositoryCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The default root: {@code $TRIBUTARY_CACHE}, else {@code $XDG_CACHE_HOME/tributary/repositories}, else
     * {@code ~/.cache/tributary/repositories}.
     */
    public static Path defaultRoot() {
        String env = System.getenv("TRIBUTARY_CACHE");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("tributary").resolve("repositories");
    }

    public Path root() {
        return root;
    }

    /** Whether {@code text} names a remote repository (a URL git can clone) rather than a local path. */
    public static boolean isUrl(String text) {
        return URL.matcher(text).matches() || (SCP.matcher(text).matches() && !text.startsWith("/"));
    }

    /** The URL with any password (and user, for http) replaced, for messages and stored names. */
    public static String redacted(String url) {
        return url.replaceAll("(?i)^([a-z+]+://)[^/@]*@", "$1***@");
    }

    /**
     * The cache folder for {@code url}: host and path, each segment reduced to {@code [A-Za-z0-9._-]}, with
     * {@code .git} once at the end ({@code https://github.com/openstack/nova} → {@code github.com/openstack/nova.git}).
     *
     * @throws TributaryException.InvalidInput if {@code url} is not a URL {@link #isUrl} accepts
     */
    public Path pathFor(String url) {
        if (!isUrl(url)) {
            throw new TributaryException.InvalidInput("'" + redacted(url) + "' is not a repository URL (https://, ssh://, git://, file:// or user@host:path)");
        }
        String rest;
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            rest = url.substring(scheme + 3);
            String s = url.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (s.equals("file")) {
                rest = "file/" + rest;
            }
        } else {
            rest = url.replaceFirst(":", "/");
        }
        rest = rest.replaceFirst("^[^/@]*@", ""); // no user or password in a folder name
        rest = rest.replaceAll("[?#].*$", "");
        List<String> segments = new ArrayList<>();
        for (String seg : rest.split("/+")) {
            String clean = seg.replaceAll("[^A-Za-z0-9._-]", "_");
            if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
                continue;
            }
            segments.add(clean.startsWith(".") ? "_" + clean.substring(1) : clean);
        }
        if (segments.isEmpty()) {
            throw new TributaryException.InvalidInput("'" + redacted(url) + "' names no repository");
        }
        String last = segments.remove(segments.size() - 1);
        if (last.endsWith(".git") && last.length() > 4) {
            last = last.substring(0, last.length() - 4);
        }
        segments.add(last + ".git");
        Path p = root;
        for (String s : segments) {
            p = p.resolve(s);
        }
        return p;
    }

    /**
     * What {@link #acquire} did.
     *
     * @param path    the bare clone to read
     * @param cloned  whether it was cloned now (else fetched, or left as it was)
     * @param warning why the cached copy could not be brought up to date, or null
     */
    public record Acquired(String url, Path path, boolean cloned, String warning) {
    }

    /**
     * Clones {@code url} into the cache, or fetches what is new into the clone already there ({@code fetch}
     * false: leaves it as it is).
     *
     * @throws TributaryException.InvalidInput if the URL is not one, or the first clone fails (with git's
     *                                         message: not found, authentication required, unreachable, ...)
     */
    public Acquired acquire(String url, boolean fetch) {
        Path dest = pathFor(url);
        if (Files.isDirectory(dest.resolve("objects")) && Files.exists(dest.resolve("HEAD"))) {
            if (!fetch) {
                return new Acquired(url, dest, false, null);
            }
            String error = git(dest.getParent(), "--git-dir=" + dest, "fetch", "--quiet", "--prune", "--no-write-fetch-head",
                    "--", url, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*");
            return new Acquired(url, dest, false, error == null ? null
                    : redacted(url) + ": fetch failed, the cached copy is read as it was: " + error);
        }
        Path partial = dest.resolveSibling(dest.getFileName() + ".partial");
        try {
            Files.createDirectories(dest.getParent());
            deleteTree(partial); // left by a killed run
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(redacted(url) + ": cannot prepare the cache folder " + dest.getParent()
                    + ": " + e.getMessage(), e);
        }
        String error = git(dest.getParent(), "clone", "--bare", "--quiet", "--", url, partial.toString());
        if (error != null) {
            try {
                deleteTree(partial);
            } catch (IOException e) {
                // the next run removes it
            }
            throw new TributaryException.InvalidInput(redacted(url) + ": clone failed: " + error);
        }
        try {
            Files.move(partial, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput(redacted(url) + ": cannot move the clone into " + dest + ": " + e.getMessage(), e);
        }
        return new Acquired(url, dest, true, null);
    }

    /** Runs git without any prompt; returns null on success, else git's message (bounded, one line). */
    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git",
                // never run a helper program named by the remote side, never prompt
                "-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never", "-c", "credential.interactive=never",
                "-c", "core.askPass=", "-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=60"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = GitChild.leaveOutElsewhere(pb).environment();
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GCM_INTERACTIVE", "never");
        env.remove("GIT_ASKPASS");
        env.remove("SSH_ASKPASS");
        env.put("SSH_ASKPASS_REQUIRE", "never");
        env.putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=30");
        env.put("LC_ALL", "C");
        try {
            Process p = pb.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (InputStream in = p.getErrorStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (err.size() < MAX_ERROR) {
                        err.write(buf, 0, Math.min(n, MAX_ERROR - err.size()));
                    }
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "git did not finish in 10 minutes";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String text = err.toString(StandardCharsets.UTF_8).strip();
            String line = text.lines().filter(l -> l.startsWith("fatal:") || l.startsWith("error:")).findFirst()
                    .orElse(text.lines().findFirst().orElse("git exited " + p.exitValue()));
            return redacted(line.replaceAll("\\p{Cntrl}", " "));
        } catch (IOException e) {
            return "cannot run git: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
