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
