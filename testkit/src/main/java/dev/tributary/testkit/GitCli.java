package dev.tributary.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.util.RawParseUtils;

/** The git command line as an independent oracle for tests. Requires {@code git} on the PATH. */
public final class GitCli {
    private GitCli() {
    }

    /** One numstat line: counts are -1 for a binary file (git prints "-"). */
    public record Numstat(String path, int added, int removed) {
    }

    /** Runs git in {@code repo} and returns its stdout bytes; fails on a non-zero exit. */
    public static byte[] run(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("git " + String.join(" ", args) + " exited " + rc);
        }
        return out;
    }

    /**
     * {@code git log --no-merges --numstat --no-renames} over {@code revs} (default HEAD), as
     * commit id → its numstat lines, paths decoded as JGit decodes tree paths.
     */
    public static Map<String, List<Numstat>> numstat(Path repo, String... revs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("log", "-z", "--no-merges", "--numstat", "--no-renames", "--format=commit %H"));
        args.addAll(List.of(revs));
        byte[] out = run(repo, args.toArray(new String[0]));
        Map<String, List<Numstat>> result = new LinkedHashMap<>();
        List<Numstat> current = null;
        int start = 0;
        for (int i = 0; i <= out.length; i++) {
            if (i < out.length && out[i] != 0) {
                continue;
            }
            int s = start;
            while (s < i && out[s] == '\n') {
                s++;
            }
            start = i + 1;
            if (s == i) {
                continue;
            }
            String head = new String(out, s, Math.min(7, i - s), StandardCharsets.ISO_8859_1);
            if (head.equals("commit ")) {
                current = new ArrayList<>();
                result.put(new String(out, s + 7, 40, StandardCharsets.US_ASCII), current);
                continue;
            }
            int t1 = indexOf(out, (byte) '\t', s, i);
            int t2 = indexOf(out, (byte) '\t', t1 + 1, i);
            String a = new String(out, s, t1 - s, StandardCharsets.US_ASCII);
            String r = new String(out, t1 + 1, t2 - t1 - 1, StandardCharsets.US_ASCII);
            ByteArrayOutputStream path = new ByteArrayOutputStream();
            path.write(out, t2 + 1, i - t2 - 1);
            current.add(new Numstat(RawParseUtils.decode(path.toByteArray()),
                    a.equals("-") ? -1 : Integer.parseInt(a), r.equals("-") ? -1 : Integer.parseInt(r)));
        }
        return result;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("malformed numstat line");
    }
}
