package dev.tributary.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** git itself is the oracle: each message's trailers as {@code git interpret-trailers --parse} prints them. */
class GitTrailersMatchGitTest {
    private static final List<String> MESSAGES = List.of(
            "title\n\nbody\n\nSigned-off-by: A <a@x.org>\nReviewed-by: B <b@x.org>\n",
            "title only\n",
            "title\n\nReviewed-by: B <b@x.org>\n", // a last paragraph of trailers alone
            // glusterfs daea046: a key with a dot is no trailer, and without a git-generated one the block falls
            "t\n\nSigned-off-by: S <s@fb.com>\n\nChange-Id: I34\nBUG: 1406898\nReviewed-on-3.8-fb: http://r/16059\n"
                    + "Reviewed-by: S <s@fb.com>\nTested-by: S <s@fb.com>\n",
            // 25% with a Signed-off-by keeps the block
            "t\n\nsome words here\nmore words\nSigned-off-by: A <a@x.org>\nReviewed-by: B <b@x.org>\n",
            "t\n\nsome words\nmore\nand more\nstill more\nyet more\nReviewed-by: B <b@x.org>\nSigned-off-by: A <a@x.org>\n",
            "t\n\nReviewed-by: B <b@x.org>\n  continued on a second line\nTested-by: C <c@x.org>\n\n\n",
            "t\n\nReviewed-by: B <b@x.org>\n# a comment\nAcked-by: D <d@x.org>\n",
            "t\n\nKey with space: v\nReviewed-by : spaced <e@x.org>\n",
            "t\n\nnot a trailer line\nReviewed-by: B <b@x.org>\n",
            "t\nsecond title line\nReviewed-by: B <b@x.org>\n",
            "t\n\n(cherry picked from commit abc)\nReviewed-by: B <b@x.org>\n");

    private static List<String> git(String message) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "interpret-trailers", "--parse").redirectErrorStream(true).start();
        p.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void trailers_are_those_git_interpret_trailers_finds() throws Exception {
        for (String m : MESSAGES) {
            List<String> mine = new ArrayList<>();
            for (GitTrailers.Line l : GitTrailers.parse(m)) {
                mine.add(l.key() + ": " + l.value());
            }
            assertEquals(git(m), mine, m);
        }
    }
}
