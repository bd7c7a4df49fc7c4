package dev.tributary.project;

import dev.tributary.TributaryException;
import dev.tributary.source.git.RepositoryCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists of repositories as users keep them: a text file with one path or URL a line ({@code #} starts a
 * comment; relative paths resolve against the file's folder), and globs of local folders
 * ({@code ~/src/openstack/*}: every folder the glob matches, sorted). Stateless.
 */
public final class RepositoryList {
    /** At most this many lines in a list file: a bound on what one bad file can make us do. */
    static final int MAX_LINES = 1_000_000;

    private RepositoryList() {
    }

    /**
     * The entries of a list file, globs expanded, in file order.
     *
     * @throws TributaryException.InvalidInput if the file cannot be read, or a line is neither a URL nor a
     *                                         path (named with its line number)
     */
    public static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TributaryException.InvalidInput(file + ": cannot read the repository list: " + e.getMessage(), e);
        }
        if (lines.size() > MAX_LINES) {
            throw new TributaryException.InvalidInput(file + ": more than " + MAX_LINES + " lines");
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.chars().anyMatch(Character::isISOControl)) {
                throw new TributaryException.InvalidInput(file + " line " + (i + 1) + ": a control character in '"
                        + line.replaceAll("\\p{Cntrl}", "?") + "'");
            }
            if (RepositoryCache.isUrl(line)) {
                out.add(line);
            } else {
                out.addAll(expand(base.resolve(line).normalize().toString()));
            }
        }
        return out;
    }

    /** A path as it is, or the folders a glob in it matches (sorted; none if none match). */
    public static List<String> expand(String pattern) {
        int glob = firstGlobChar(pattern);
        if (glob < 0 || RepositoryCache.isUrl(pattern)) {
            return List.of(pattern);
        }
        int slash = pattern.lastIndexOf('/', glob);
        Path base = Path.of(slash < 0 ? "." : pattern.substring(0, slash + 1));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        String absolute = slash < 0 ? base.toAbsolutePath().normalize() + "/" + pattern : pattern;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        int depth = 1 + (int) pattern.substring(slash + 1).chars().filter(c -> c == '/').count();
        if (absolute.contains("**")) {
            depth = Integer.MAX_VALUE;
        }
        Path absBase = slash < 0 ? base.toAbsolutePath().normalize() : base;
        try (Stream<Path> s = Files.walk(absBase, depth)) {
            return s.filter(Files::isDirectory).filter(m::matches).map(Path::toString).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TributaryException.InvalidInput(pattern + ": cannot list " + base + ": " + e.getMessage(), e);
        }
    }

    private static int firstGlobChar(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
