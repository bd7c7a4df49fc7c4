package dev.tributary.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pull request files in the shape {@code github-metadata-backup} writes ({@code pulls/N.json} = {@code {type, pull,
 * events, comments}}), for tests that import a hand-worked backup. Authors' commit addresses: alice@acme.org, any
 * other login @corp.com; a merged pull request is merged by bob; every file was last updated on 2024-05-01.
 */
public final class BackupFiles {
    private BackupFiles() {
    }

    /**
     * The hand-worked history of the review-scope tests, under {@code root}: repository {@code r} (alice's
     * docs/guide.md on 2024-01-01, tagged v0; carol's src/main.c on 2024-02-01; carol's src/util.c and docs/api.md on
     * 2024-03-01, tagged v2) and its backup {@code backup/pulls}: #1 alice's, merged as another commit the next day,
     * approved by bob; #2 carol's, merged as her commit, changes requested then approved by bob; #3 carol's, open,
     * holding her v2 commit, commented by alice; #4 dave's, closed unmerged, commented by bob.
     */
    public static void reviewedHistory(Path root) throws IOException {
        String c1;
        String c2;
        String c3;
        try (TestRepo r = TestRepo.init(root.resolve("r"))) {
            c1 = r.commit().by("Alice A", "alice@acme.org", "2024-01-01T00:00:00Z").put("docs/guide.md", "g\n").create();
            r.tag("v0", c1);
            c2 = r.commit().by("Carol C", "carol@corp.com", "2024-02-01T00:00:00Z").put("src/main.c", "m\n").create();
            c3 = r.commit().by("Carol C", "carol@corp.com", "2024-03-01T00:00:00Z").put("src/util.c", "u\n").put("docs/api.md", "a\n")
                    .create();
            r.tag("v2", c3);
        }
        Path pulls = Files.createDirectories(root.resolve("backup/pulls"));
        pull(pulls, 1, "alice", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "1111111111111111111111111111111111111111", c1,
                review(10, "bob", "2024-01-01T10:00:00Z", "APPROVED"));
        pull(pulls, 2, "carol", "2024-02-01T12:00:00Z", "2024-02-02T12:00:00Z", c2, null,
                review(20, "bob", "2024-02-01T14:00:00Z", "CHANGES_REQUESTED") + "," + review(21, "bob", "2024-02-02T00:00:00Z", "APPROVED"));
        pull(pulls, 3, "carol", "2024-02-20T00:00:00Z", null, null, c3, review(30, "alice", "2024-02-21T00:00:00Z", "COMMENTED"));
        pull(pulls, 4, "dave", "2024-04-01T00:00:00Z", "CLOSED", null, null, review(40, "bob", "2024-04-02T00:00:00Z", "COMMENTED"));
    }

    /**
     * {@link #reviewedHistory} and its project file {@code tributary.yaml} under {@code root}: repository {@code r},
     * GitHub repository {@code o/r}, release {@code winter} [2024-01-01, 2024-02-15) and release {@code v2} (range
     * v0..v2 of r), modules {@code docs} (docs/**) and {@code src}. Returns the project file.
     */
    public static Path reviewedProject(Path root) throws IOException {
        reviewedHistory(root);
        return Files.writeString(root.resolve("tributary.yaml"), """
                name: r
                repositories: [r]
                github:
                  - repo: o/r
                releases:
                  - name: winter
                    since: 2024-01-01
                    until: 2024-02-15
                  - name: v2
                    ranges: { r: v0..v2 }
                modules:
                  docs: [docs/**]
                  src: src
                """);
    }

    /** A {@code reviewed} timeline event. */
    public static String review(int id, String who, String at, String state) {
        return "{\"event\":\"reviewed\",\"id\":" + id + ",\"submitted_at\":\"" + at + "\",\"state\":\"" + state
                + "\",\"user\":{\"login\":\"" + who + "\",\"type\":\"User\"}}";
    }

    /**
     * Writes {@code pulls/N.json}: {@code merged} the merge time, "CLOSED" closed unmerged (on 2024-04-03), null open;
     * {@code commit} its one commit by the author at its creation (null: none); {@code events} more timeline events,
     * comma-separated.
     */
    public static void pull(Path pulls, int n, String author, String created, String merged, String mergeSha, String commit,
            String events) throws IOException {
        boolean closed = merged != null;
        String email = author + (author.equals("alice") ? "@acme.org" : "@corp.com");
        String closedAt = "CLOSED".equals(merged) ? "2024-04-03T00:00:00Z" : merged;
        String mergedAt = "CLOSED".equals(merged) ? null : merged;
        String json = "{\"type\":\"pull\",\"pull\":{\"number\":" + n + ",\"title\":\"pr " + n + "\",\"state\":\"" + (closed ? "closed" : "open")
                + "\",\"user\":{\"login\":\"" + author + "\",\"type\":\"User\"},\"created_at\":\"" + created + "\",\"updated_at\":\"2024-05-01T00:00:00Z\","
                + "\"closed_at\":" + q(closedAt) + ",\"merged_at\":" + q(mergedAt) + ",\"merged_by\":"
                + (mergedAt == null ? "null" : "{\"login\":\"bob\",\"type\":\"User\"}") + ",\"merge_commit_sha\":" + q(mergeSha)
                + ",\"head\":{\"sha\":\"" + (commit != null ? commit : "e".repeat(39) + n) + "\"},\"base\":{\"ref\":\"main\"},\"draft\":false},"
                + "\"events\":[" + (commit == null ? "" : "{\"event\":\"committed\",\"sha\":\"" + commit + "\",\"author\":{\"name\":\"" + author + "\","
                + "\"email\":\"" + email + "\",\"date\":\"" + created + "\"},\"committer\":{\"name\":\"x\",\"email\":\"" + email + "\",\"date\":\"" + created
                + "\"}},") + events + "],\"comments\":[]}";
        Files.writeString(pulls.resolve(n + ".json"), json);
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
