package dev.tributary.source.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueRefsTest {
    @Test
    void github_closing_keywords_name_one_or_several_issues() {
        assertEquals(List.of("12", "13", "14"), IssueRefs.find(TrackerKind.GITHUB, "",
                "Fix overflow\n\nFixes #12, #13 and #14. Closed: #12 again"));
        assertEquals(List.of("7"), IssueRefs.find(TrackerKind.GITHUB, "", "resolves #0007"));
        assertEquals(List.of(), IssueRefs.find(TrackerKind.GITHUB, "", "see #12; prefix#3; fixes 12"));
    }

    @Test
    void launchpad_trailers_and_lp_references() {
        assertEquals(List.of("1234567", "42", "99"), IssueRefs.find(TrackerKind.LAUNCHPAD, "",
                "Fix it\n\nCloses-Bug: #1234567\nPartial-Bug: 42\nLP: #99\nChange-Id: I0"));
        assertEquals(List.of(), IssueRefs.find(TrackerKind.LAUNCHPAD, "", "mentions Closes-Bug: #1 inline"));
    }

    @Test
    void bugzilla_bug_lines_as_gluster_writes_them() {
        assertEquals(List.of("1432542"), IssueRefs.find(TrackerKind.BUGZILLA, "", "glusterd: fix\n\nBUG: 1432542\nChange-Id: I1"));
        assertEquals(List.of("5"), IssueRefs.find(TrackerKind.BUGZILLA, "", "x\nBug: #5"));
    }

    @Test
    void jira_keys_of_the_trackers_project_only() {
        assertEquals(List.of("ZOOKEEPER-1234"), IssueRefs.find(TrackerKind.JIRA, "ZOOKEEPER",
                "ZOOKEEPER-1234: fix (see HADOOP-5 and ZOOKEEPER-0)"));
        assertEquals(List.of("ZOOKEEPER-1234", "HADOOP-5"), IssueRefs.find(TrackerKind.JIRA, "", "ZOOKEEPER-1234 HADOOP-5"));
    }
}
