package dev.tributary.pipeline;

import dev.tributary.source.issues.IssueRefs;
import dev.tributary.source.issues.JiraIssues;
import dev.tributary.store.IssueStore;
import dev.tributary.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Links issues to the commits that cite them, in each tracker's idiom ({@link IssueRefs}: {@code Fixes #N},
 * {@code Closes-Bug: N}, {@code BUG: N}, {@code ZOOKEEPER-1234}), over every stored commit message, into the
 * derived {@code issue_commits} (issue, repository, commit, commit time). Only citations of issues the
 * tracker has are kept. A Jira tracker's project is the key prefix of its issues. Rebuilt whole when the
 * commits or the issues changed since the last build (their counts are the mark), in one transaction.
 */
public final class LinkIssues {
    private LinkIssues() {
    }

    /** Rebuilds the links if commits or issues changed since they were built; returns whether it did. */
    public static boolean refresh(Store store) {
        IssueStore issues = store.issues();
        String mark = issues.linkSourceMark();
        if (issues.linkedMark().filter(mark::equals).isPresent()) {
            return false;
        }
        List<String[]> links = new ArrayList<>();
        for (IssueStore.Tracker t : issues.trackers()) {
            String project = t.kind() == dev.tributary.source.issues.TrackerKind.JIRA
                    ? issues.firstKey(t.id()).map(JiraIssues::project).orElse("") : "";
            store.forEachCommitMessage(c -> {
                for (String key : IssueRefs.find(t.kind(), project, c.message())) {
                    links.add(new String[] {Integer.toString(t.id()), key, Integer.toString(c.repository()), c.sha(),
                            Long.toString(c.epoch())});
                }
            });
        }
        issues.replaceCommitLinks(links, mark);
        return true;
    }
}
