package dev.tributary.source.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tributary.TributaryException;
import dev.tributary.model.Issue;
import dev.tributary.model.IssueComment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parsers on small fixtures in the trackers' own shapes (made after Perceval's and the archives' real files). */
class IssueFilesTest {
    static Path fixture(String name) throws Exception {
        return Path.of(IssueFilesTest.class.getResource("/issues/" + name).toURI());
    }

    static long t(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    record Read(List<TrackedIssue> issues, List<IssueFiles.Problem> problems) {
    }

    static Read read(TrackerKind kind, String name) throws Exception {
        List<TrackedIssue> out = new ArrayList<>();
        List<IssueFiles.Problem> bad = new ArrayList<>();
        IssueFiles.read(kind, fixture(name), out::add, bad::add);
        return new Read(out, bad);
    }

    /** What an issue of every tracker has: its key, its reporter's login, open or closed, and when it was last closed. */
    record Headline(String key, String reporter, String state, Long closed) {
        static Headline of(Issue i) {
            return new Headline(i.key(), i.reporter().login(), i.state(), i.closed());
        }
    }

    /** Where a tracker files an issue: its labels, its components and the versions (milestones) it is fixed in. */
    record Filing(List<String> labels, List<String> components, List<String> fixVersions) {
        static Filing of(Issue i) {
            return new Filing(i.labels(), i.components(), i.fixVersions());
        }
    }

    /** An issue of each tracker in its own shape, with its headline and filing, and what the case shows. */
    static Stream<Arguments> issuesOfEachTracker() {
        return Stream.of(
                arguments(TrackerKind.GITHUB, "github-archive/items/000001-main.json",
                        new Headline("1", "alice", "closed", t("2014-01-03T00:00:00Z")),
                        new Filing(List.of("A-bug"), List.of(), List.of("1.0")), "the milestone is the fix version"),
                arguments(TrackerKind.JIRA, "jira-details/ZOOKEEPER-1.json",
                        new Headline("ZOOKEEPER-1", "ann", "closed", t("2011-02-25T02:00:00Z")),
                        new Filing(List.of("election"), List.of("server"), List.of("3.4.0")),
                        "closed by its status category, at its resolution date (Jira's +0000 offset)"),
                arguments(TrackerKind.LAUNCHPAD, "launchpad-perceval-items.json",
                        new Headline("1001", "gil", "closed", t("2013-05-03T10:00:00Z")),
                        new Filing(List.of("api"), List.of("nova"), List.of("havana-1")), "closed at date_closed first; tags, target and milestone"),
                arguments(TrackerKind.BUGZILLA, "bugzilla-perceval-items.json",
                        new Headline("1200", "ivy@redhat.com", "closed", t("2016-05-27T09:00:00Z")),
                        new Filing(List.of("Triaged"), List.of("GlusterFS/core"), List.of()),
                        "closed at its last move to CLOSED; keywords, product/component, and '---' is no milestone"));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("issuesOfEachTracker")
    void each_trackers_issue_reads_as_one_headline_and_filing(TrackerKind kind, String file, Headline headline, Filing filing, String shows)
            throws Exception {
        Issue i = read(kind, file).issues().get(0).issue();
        assertEquals(headline, Headline.of(i), shows);
        assertEquals(filing, Filing.of(i), shows);
    }

    @Test
    void an_archive_item_reads_its_comments_and_cross_references_beside_it() throws Exception {
        TrackedIssue t = read(TrackerKind.GITHUB, "github-archive/items/000001-main.json").issues().get(0);
        Issue i = t.issue();
        assertEquals("bob", i.closedBy().login());
        assertFalse(i.pullRequest());
        assertEquals(List.of("alice", "ci-helper", "bob"), t.comments().stream().map(c -> c.author().login()).toList());
        assertTrue(t.comments().get(1).author().bot(), "GitHub's type Bot");
        assertEquals(List.of("referenced", "cross-referenced"), t.events().stream().map(e -> e.kind()).toList());
        assertEquals("0123456789abcdef0123456789abcdef01234567", t.events().get(0).commit());
    }

    @Test
    void a_pull_request_is_flagged_and_names_the_issues_it_fixes() throws Exception {
        Issue pr = read(TrackerKind.GITHUB, "github-archive/items/000002-main.json").issues().get(0).issue();
        assertTrue(pr.pullRequest());
        assertEquals("merged", pr.resolution());
        assertEquals(List.of("1", "3"), pr.references());
    }

    @Test
    void a_transferred_issue_is_left_out_with_a_problem_naming_its_new_home() throws Exception {
        Read r = read(TrackerKind.GITHUB, "github-archive/items/000004-main.json");
        assertTrue(r.issues().isEmpty());
        assertEquals("moved-issue", r.problems().get(0).kind());
        assertTrue(r.problems().get(0).message().contains("o/elsewhere/issues/9"), r.problems().toString());
    }

    @Test
    void a_truncated_file_is_bad_input_naming_the_file_and_the_place() {
        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                () -> read(TrackerKind.GITHUB, "github-archive/items/000005-main.json"));
        assertTrue(e.getMessage().contains("000005-main.json: bad JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void a_metadata_backup_takes_its_commented_events_as_comments_and_keeps_the_close() throws Exception {
        TrackedIssue t = read(TrackerKind.GITHUB, "github-backup/issues/7.json").issues().get(0);
        assertEquals(List.of("max", "liz"), t.comments().stream().map(c -> c.author().login()).toList());
        assertEquals(List.of("closed"), t.events().stream().map(e -> e.kind()).toList(), "mentions are left out");
    }

    @Test
    void json_lines_of_perceval_items_go_on_after_a_bad_line() throws Exception {
        Read r = read(TrackerKind.GITHUB, "perceval-github-lines.jsonl");
        assertEquals(List.of("8", "10"), r.issues().stream().map(t -> t.issue().key()).toList());
        assertEquals(1, r.issues().get(0).comments().size());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).message().startsWith("line 2: bad JSON"), r.problems().toString());
    }

    @Test
    void a_jira_issue_keeps_its_status_and_resolution_and_knows_a_bot_by_its_display_name() throws Exception {
        TrackedIssue t = read(TrackerKind.JIRA, "jira-details/ZOOKEEPER-1.json").issues().get(0);
        Issue i = t.issue();
        assertEquals("Resolved", i.status());
        assertEquals("Fixed", i.resolution());
        assertEquals(t("2011-02-23T02:00:00Z"), i.created());
        assertEquals(List.of(false, true, false), t.comments().stream().map(c -> c.author().bot()).toList(),
                "'ASF GitHub Bot' is a bot by its display name");
    }

    @Test
    void a_jira_issue_without_reporter_or_category_falls_back_to_creator_and_status_name() throws Exception {
        Issue i = read(TrackerKind.JIRA, "jira-details/ZOOKEEPER-2.json").issues().get(0).issue();
        assertEquals(new Headline("ZOOKEEPER-2", "cid", "open", null), Headline.of(i));
    }

    @Test
    void a_jira_search_page_with_changelog_closes_at_the_last_move_into_the_status() throws Exception {
        TrackedIssue t = read(TrackerKind.JIRA, "jira-search-page-with-changelog.json").issues().get(0);
        assertEquals(t("2015-01-04T00:00:00Z"), t.issue().closed());
        assertEquals(List.of("Patch Available", "Closed"), t.events().stream().map(e -> e.to()).toList());
        assertEquals("fay", t.events().get(1).actor().login());
    }

    @Test
    void a_launchpad_bug_leaves_its_description_out_and_knows_gerrit_is_a_robot() throws Exception {
        TrackedIssue t = read(TrackerKind.LAUNCHPAD, "launchpad-perceval-items.json").issues().get(0);
        List<IssueComment> c = t.comments();
        assertEquals(List.of("openstack-gerrit", "hal"), c.stream().map(x -> x.author().login()).toList());
        assertTrue(c.get(0).author().bot());
        assertEquals("Fix Released", t.events().get(0).to());
    }

    @Test
    void a_bugzilla_bug_leaves_comment_zero_out_and_keeps_each_move_of_its_status() throws Exception {
        TrackedIssue t = read(TrackerKind.BUGZILLA, "bugzilla-perceval-items.json").issues().get(0);
        assertEquals("ivy@redhat.com", t.issue().reporter().email());
        assertEquals(List.of("jon@gluster.org"), t.comments().stream().map(c -> c.author().login()).toList());
        assertEquals(List.of("MODIFIED", "CLOSED"), t.events().stream().map(e -> e.to()).toList());
    }

    @Test
    void a_bugzilla_error_answer_is_bad_input_with_bugzillas_message() {
        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                () -> read(TrackerKind.BUGZILLA, "bugzilla-error-answer.json"));
        assertEquals("Bugzilla error 32000: API key authentication is required.", e.getMessage());
    }

    @Test
    void a_perceval_item_of_another_tracker_is_refused() throws Exception {
        Read r = read(TrackerKind.JIRA, "launchpad-perceval-items.json");
        assertTrue(r.issues().isEmpty());
        assertTrue(r.problems().get(0).message().contains("a Perceval Launchpad item, not a jira one"), r.problems().toString());
    }
}
