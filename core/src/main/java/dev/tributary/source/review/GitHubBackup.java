package dev.tributary.source.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.source.Warning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a folder written by {@code github-metadata-backup} (github.com/0xB10C/github-metadata-backup):
 * {@code pulls/N.json} = {@code {"type":"pull","pull":{…},"events":[…],"comments":[…]}} (the pull request,
 * its timeline, its review comments) and {@code issues/N.json} = {@code {"type":"issue",…}}. Pull requests
 * go through {@link GitHubPulls}, as live answers do; issue files are counted and left to the issue
 * source. Files are read one at a time, in number order, so memory holds one pull request.
 *
 * <p>A file that is not JSON, too large, or of another type is a warning, never a reason to stop.
 */
public final class GitHubBackup {
    /** Largest file read (the largest bitcoin/bips one is 3.7 MB). */
    static final long MAX_FILE_BYTES = 256L << 20;

    private final Path folder;

    public GitHubBackup(Path folder) {
        if (!Files.isDirectory(folder.resolve("pulls")) && !Files.isDirectory(folder.resolve("issues"))) {
            throw new TributaryException.InvalidInput(folder + " is not a github-metadata-backup folder (no pulls/ or issues/)");
        }
        this.folder = folder;
    }

    /** What a read found besides the changes. */
    public record Totals(int pullFiles, int issueFiles, List<Warning> warnings) {
    }

    /** Every pull request file, in number order; {@code sink} gets each parsed change with its warnings. */
    public Totals read(String container, Consumer<GitHubPulls.Parsed> sink) {
        List<Warning> warnings = new ArrayList<>();
        int pulls = 0;
        for (Path file : numbered(folder.resolve("pulls"))) {
            pulls++;
            String where = "pulls/" + file.getFileName();
            JsonNode doc = readJson(file, where, warnings);
            if (doc == null) {
                continue;
            }
            if (!"pull".equals(doc.path("type").asText())) {
                warnings.add(new Warning("bad-backup-file", where, "type is '" + GitHubPulls.bounded(doc.path("type").asText()) + "', not 'pull'"));
                continue;
            }
            GitHubPulls.Parsed p = GitHubPulls.parse(container, doc.get("pull"), doc.get("events"), doc.get("comments"));
            sink.accept(p);
        }
        int issues = numbered(folder.resolve("issues")).size();
        return new Totals(pulls, issues, warnings);
    }

    private static JsonNode readJson(Path file, String where, List<Warning> warnings) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                warnings.add(new Warning("bad-backup-file", where, "over " + MAX_FILE_BYTES + " bytes; skipped"));
                return null;
            }
            return LeanJson.read(file);
        } catch (IOException e) {
            warnings.add(new Warning("bad-backup-file", where, "not JSON: " + GitHubPulls.bounded(String.valueOf(e.getMessage()))));
            return null;
        }
    }

    /** {@code N.json} files of a folder in numeric order; other names are not backup files. */
    static List<Path> numbered(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9]{1,18}\\.json"))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().replace(".json", ""))))
                    .toList();
        } catch (IOException e) {
            throw new TributaryException.InvalidInput("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** For tests and messages. */
    public Path folder() {
        return folder;
    }

}
