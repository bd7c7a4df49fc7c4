package dev.tributary.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project with every kind of contribution, in the real formats: a git repository, a
 * github-metadata-backup folder ({@code pulls/N.json} = {@code {type, pull, events, comments}}) and saved
 * Jira REST v2 issues ({@code KEY.json}), all in 2024. Who did what (the answers tests work out by hand):
 *
 * <pre>
 *   git        C2 Bob bob@initech.com 01-20      C3 Cy cy@acme.com 02-15      C1 Ann ann@acme.com 03-10
 *   GitHub #1  opened by bob 01-05 (its commit by bob@initech.com), a bot's comment 01-05,
 *              approved by ann 01-06, merged by ann 01-06
 *   GitHub #2  opened by ann 02-01 (its commit by ann@acme.com), changes requested by bob 02-02, a
 *              COMMENTED review by dee 02-03 10:00 and his inline comment 02-03 11:00, closed unmerged 02-20
 *   Jira ZK-1  reported by erin (erin@initech.com) 01-02; comments by cyc (cy@acme.com) 01-03, erin 01-04
 *   Jira ZK-2  reported by dlee (dee@example.org) 02-10
 * </pre>
 * Logins link to addresses through their own pull requests' commits (bob, ann); dee has none and stays
 * {@code github:dee}; Jira shows addresses, so cyc is Cy.
 */
public record EveryKind(Path repository, Path backup, Path jira) {

    /** Writes the three under {@code dir} ({@code repo/}, {@code backup/pulls/}, {@code jira/}). */
    public static EveryKind create(Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commit().by("Bob", "bob@initech.com", "2024-01-20T10:00:00Z").put("b", "1\n").create();
            r.commit().by("Cy", "cy@acme.com", "2024-02-15T10:00:00Z").put("c", "1\n").create();
            r.commit().by("Ann", "ann@acme.com", "2024-03-10T10:00:00Z").put("a", "1\n").create();
        }
        Path pulls = Files.createDirectories(dir.resolve("backup/pulls"));
        Files.writeString(pulls.resolve("1.json"), pull(1, "bob", "2024-01-05T09:00:00Z", "2024-01-06T12:00:00Z", true,
                "1111111111111111111111111111111111111111", "Bob", "bob@initech.com",
                "{\"event\":\"commented\",\"id\":101,\"created_at\":\"2024-01-05T09:30:00Z\",\"user\":{\"login\":\"ci-bot[bot]\",\"type\":\"Bot\"}},"
                        + "{\"event\":\"reviewed\",\"id\":102,\"submitted_at\":\"2024-01-06T10:00:00Z\",\"state\":\"APPROVED\",\"user\":{\"login\":\"ann\",\"type\":\"User\"}},"
                        + "{\"event\":\"merged\",\"id\":103,\"created_at\":\"2024-01-06T12:00:00Z\",\"actor\":{\"login\":\"ann\"},"
                        + "\"commit_id\":\"1111111111111111111111111111111111111111\"}",
                ""));
        Files.writeString(pulls.resolve("2.json"), pull(2, "ann", "2024-02-01T09:00:00Z", "2024-02-20T09:00:00Z", false,
                "2222222222222222222222222222222222222222", "Ann", "ann@acme.com",
                "{\"event\":\"reviewed\",\"id\":201,\"submitted_at\":\"2024-02-02T09:00:00Z\",\"state\":\"CHANGES_REQUESTED\",\"user\":{\"login\":\"bob\",\"type\":\"User\"}},"
                        + "{\"event\":\"reviewed\",\"id\":202,\"submitted_at\":\"2024-02-03T10:00:00Z\",\"state\":\"COMMENTED\",\"user\":{\"login\":\"dee\",\"type\":\"User\"}}",
                "{\"id\":203,\"created_at\":\"2024-02-03T11:00:00Z\",\"user\":{\"login\":\"dee\",\"type\":\"User\"},\"path\":\"a\"}"));
        Path jira = Files.createDirectories(dir.resolve("jira"));
        Files.writeString(jira.resolve("ZK-1.json"), issue(1, "ZK-1", "2024-01-02T09:00:00.000+0000", "erin", "Erin E", "erin@initech.com",
                comment(11, "cyc", "Cy", "cy@acme.com", "2024-01-03T09:00:00.000+0000") + ","
                        + comment(12, "erin", "Erin E", "erin@initech.com", "2024-01-04T09:00:00.000+0000")));
        Files.writeString(jira.resolve("ZK-2.json"), issue(2, "ZK-2", "2024-02-10T09:00:00.000+0000", "dlee", "Dee Lee", "dee@example.org", ""));
        return new EveryKind(repo, dir.resolve("backup"), jira);
    }

    private static String pull(int n, String login, String created, String closed, boolean merged, String sha, String name, String email,
            String events, String comments) {
        String head = String.valueOf((char) ('a' + n)).repeat(40);
        return "{\"type\":\"pull\",\"pull\":{\"number\":" + n + ",\"node_id\":\"PR_" + n + "\",\"title\":\"Change " + n + "\",\"state\":\"closed\","
                + "\"user\":{\"login\":\"" + login + "\",\"id\":" + n + ",\"type\":\"User\"},"
                + "\"created_at\":\"" + created + "\",\"updated_at\":\"" + closed + "\",\"closed_at\":\"" + closed + "\","
                + "\"merged_at\":" + (merged ? "\"" + closed + "\"" : "null") + ",\"merged_by\":" + (merged ? "{\"login\":\"ann\",\"id\":9,\"type\":\"User\"}" : "null")
                + ",\"merge_commit_sha\":\"" + sha + "\",\"head\":{\"sha\":\"" + head + "\"},\"base\":{\"ref\":\"master\"},\"draft\":false},"
                + "\"events\":[{\"event\":\"committed\",\"sha\":\"" + head + "\",\"author\":{\"name\":\"" + name + "\",\"email\":\"" + email
                + "\",\"date\":\"" + created + "\"},\"committer\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"date\":\"" + created + "\"}},"
                + events + "],\"comments\":[" + comments + "]}\n";
    }

    private static String user(String login, String name, String email) {
        return "{\"name\":\"" + login + "\",\"key\":\"" + login + "\",\"displayName\":\"" + name + "\",\"emailAddress\":\"" + email + "\",\"active\":true}";
    }

    private static String comment(int id, String login, String name, String email, String at) {
        return "{\"id\":\"" + id + "\",\"author\":" + user(login, name, email) + ",\"body\":\"text\",\"created\":\"" + at + "\"}";
    }

    private static String issue(int id, String key, String created, String login, String name, String email, String comments) {
        return "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"Issue " + key + "\",\"created\":\"" + created + "\","
                + "\"updated\":\"" + created + "\",\"resolutiondate\":null,\"status\":{\"name\":\"Open\",\"id\":\"1\"},\"resolution\":null,"
                + "\"reporter\":" + user(login, name, email) + ",\"creator\":" + user(login, name, email) + ","
                + "\"labels\":[],\"components\":[],\"fixVersions\":[],\"comment\":{\"comments\":[" + comments + "]}}}\n";
    }
}
