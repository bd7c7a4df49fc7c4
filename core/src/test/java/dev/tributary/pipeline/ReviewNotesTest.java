package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.metrics.ReviewMetrics;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review credits from Gerrit's review notes ({@code refs/notes/review}, the reviewnotes plugin's format), read
 * beside the trailers, on a repository whose notes are made by {@code git notes --ref=review add} and checked
 * against {@code git notes --ref=review show}.
 */
class ReviewNotesTest {
    @TempDir
    Path dir;

    private static void note(Path repo, String sha, String text) throws Exception {
        GitCli.run(repo, "-c", "user.name=Gerrit Code Review", "-c", "user.email=gerrit@review.example.org", "notes", "--ref=review",
                "add", "-f", "-m", text, sha);
    }

    /** The vote and Submitted-by lines {@code git notes --ref=review show} prints for a commit, as key value name email. */
    private static List<String> shown(Path repo, String sha) throws Exception {
        String text = new String(GitCli.run(repo, "notes", "--ref=review", "show", sha), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^([\\w-]+?)([+-]\\d+)?: (.*) <(.*)>$").matcher(text);
        while (m.find()) {
            out.add(m.group(1) + " " + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2).replace("+", ""))) + " " + m.group(3) + " " + m.group(4));
        }
        return out;
    }

    private static List<String> stored(Store store, String sha) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT key || ' ' || value || ' ' || name || ' ' || email"
                + " FROM review_notes WHERE sha = ? AND email <> '' ORDER BY rowid")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> credits(Store store) {
        Map<String, Long> out = new TreeMap<>();
        new ReviewMetrics(store.connection()).credits(List.of(), GitScope.HEAD.key(), null, null, true)
                .forEach(c -> out.put(c.name() + " " + c.kind(), c.credits()));
        return out;
    }

    @Test
    void notes_credit_positive_votes_once_beside_the_trailers_and_are_read_again_when_their_ref_moves() throws Exception {
        Path repo = dir.resolve("r");
        String c1;
        String c2;
        String c3;
        try (TestRepo r = TestRepo.init(repo)) {
            c1 = r.commit().by("Ann", "ann@acme.com", "2021-01-01T10:00:00Z").put("a", "1\n")
                    .message("a\n\nReviewed-by: Bob <bob@initech.com>\n").create();
            c2 = r.commit().by("Ann", "ann@acme.com", "2021-01-02T10:00:00Z").put("b", "1\n").message("b\n").create();
            c3 = r.commit().by("Cy", "cy@example.org", "2021-01-03T10:00:00Z").put("c", "1\n").message("c\n").create();
        }
        // c1: Bob's +2 repeats his trailer (one credit), Dee verified; c2: Bob +1 and Eve +2 count, Cy's -1 does not;
        // c3: Bob +2, Dee verified
        note(repo, c1, "Code-Review+2: Bob <bob@initech.com>\nVerified+1: Dee <dee@example.org>\nSubmitted-by: Bob <bob@initech.com>\n"
                + "Submitted-at: Fri, 01 Jan 2021 12:00:00 +0000\nReviewed-on: https://review.example.org/1\nProject: p\nBranch: refs/heads/main\n");
        note(repo, c2, "Code-Review+1: Bob <bob@initech.com>\nCode-Review-1: Cy <cy@example.org>\nCode-Review+2: Eve <eve@example.org>\n");
        note(repo, c3, "Code-Review+2: Bob <bob@initech.com>\nVerified+1: Dee <dee@example.org>\n");
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            Resolve.deriveStale(store);
            for (String sha : List.of(c1, c2, c3)) {
                assertEquals(shown(repo, sha), stored(store, sha), "the note of " + sha + " as git shows it");
            }
            assertEquals(Map.of("Bob Reviewed-by", 3L, "Eve Reviewed-by", 1L, "Dee Tested-by", 2L), credits(store));
            // without notes, the trailers only, as git prints them
            assertEquals(List.of("Bob Reviewed-by 1"), new ReviewMetrics(store.connection()).credits(List.of(), GitScope.HEAD.key(), null, null)
                    .stream().map(c -> c.name() + " " + c.kind() + " " + c.credits()).toList());

            // a vote added later moves the notes ref: the notes are read again, once
            note(repo, c2, "Code-Review+1: Bob <bob@initech.com>\nCode-Review-1: Cy <cy@example.org>\nCode-Review+2: Eve <eve@example.org>\n"
                    + "Verified+1: Dee <dee@example.org>\n");
            CollectGit.run(store, repo, GitScope.HEAD, 1, Progress.NONE);
            assertEquals(shown(repo, c2), stored(store, c2));
            assertEquals(Map.of("Bob Reviewed-by", 3L, "Eve Reviewed-by", 1L, "Dee Tested-by", 3L), credits(store));
        }
    }

    @Test
    void credits_tied_in_count_are_listed_by_person_then_kind() throws Exception {
        Path repo = dir.resolve("ties");
        try (TestRepo r = TestRepo.init(repo)) {
            // Cy: one Tested-by, one Reviewed-by, one Acked-by (written in that order); Bob: two Reviewed-by
            r.commit().by("Ann", "ann@x.org", "2021-01-01T00:00:00Z").put("a", "1\n")
                    .message("One\n\nTested-by: Cy <cy@x.org>\nReviewed-by: Bob <bob@x.org>\n").create();
            r.commit().by("Ann", "ann@x.org", "2021-01-02T00:00:00Z").put("a", "2\n")
                    .message("Two\n\nReviewed-by: Cy <cy@x.org>\nReviewed-by: Bob <bob@x.org>\n").create();
            r.commit().by("Ann", "ann@x.org", "2021-01-03T00:00:00Z").put("a", "3\n")
                    .message("Three\n\nAcked-by: Cy <cy@x.org>\n").create();
        }
        try (Store store = Store.open(dir.resolve("ties.duckdb"))) {
            CollectGit.run(store, repo, GitScope.HEAD, 2, Progress.NONE);
            store.deriveStale();
            assertEquals(List.of("Bob Reviewed-by 2", "Cy Acked-by 1", "Cy Reviewed-by 1", "Cy Tested-by 1"),
                    new ReviewMetrics(store.connection()).credits(List.of(), GitScope.HEAD.key(), null, null, false).stream()
                            .map(c -> c.name() + " " + c.kind() + " " + c.credits()).toList());
        }
    }
}
