package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.source.issues.IssueRefs;
import dev.tributary.source.issues.JiraIssues;
import dev.tributary.store.IssueStore;
import dev.tributary.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        Connection conn = store.connection();
        try (Statement st = conn.createStatement()) {
            String mark;
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM commits) || '/' || (SELECT count(*) FROM issues)"
                    + " || '/' || (SELECT coalesce(sum(hash(tracker_id, key, coalesce(updated, 0))), 0) FROM issues)")) {
                rs.next();
                mark = rs.getString(1);
            }
            String old = null;
            try (ResultSet rs = st.executeQuery("SELECT mark FROM issue_link_state")) {
                if (rs.next()) {
                    old = rs.getString(1);
                }
            }
            if (mark.equals(old)) {
                return false;
            }
            List<String[]> links = new ArrayList<>();
            for (IssueStore.Tracker t : store.issues().trackers()) {
                String project = "";
                if (t.kind() == dev.tributary.source.issues.TrackerKind.JIRA) {
                    try (PreparedStatement ps = conn.prepareStatement("SELECT min(key) FROM issues WHERE tracker_id = ?")) {
                        ps.setInt(1, t.id());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            project = rs.getString(1) == null ? "" : JiraIssues.project(rs.getString(1));
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT repo_id, sha, coalesce(committer_epoch, author_epoch), message FROM commits")) {
                    while (rs.next()) {
                        for (String key : IssueRefs.find(t.kind(), project, rs.getString(4))) {
                            links.add(new String[] {Integer.toString(t.id()), key, rs.getString(1), rs.getString(2), rs.getString(3)});
                        }
                    }
                }
            }
            String m = mark;
            store.issues().replaceCommitLinks(links, m);
            return true;
        } catch (SQLException e) {
            throw new TributaryException.StoreFailure("linking issues to commits: " + e.getMessage(), e);
        }
    }
}
