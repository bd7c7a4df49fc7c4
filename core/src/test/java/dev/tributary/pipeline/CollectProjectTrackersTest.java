package dev.tributary.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tributary.project.Project;
import dev.tributary.source.Progress;
import dev.tributary.source.http.LoopbackServer;
import dev.tributary.store.Store;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project file's trackers collected with the project: the saved GitHub archive fixture (3 issues, 3 comments), a live
 * GitHub tracker on loopback (3 issues, 1 comment: {@link CollectTrackerTest#stubGitHub}), and a live Jira tracker whose
 * server refuses the credential.
 */
class CollectProjectTrackersTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    Path project(String trackers) throws Exception {
        try (TestRepo r = TestRepo.init(dir.resolve("repo"))) {
            r.commit().by("Ann", "ann@acme.com", "2014-01-02T10:00:00Z").put("a", "1\n").message("Fix the crash\n\nFixes #1\n").create();
        }
        IssueFixtures.copy("github-archive", dir.resolve("saved/github-archive"));
        return Files.writeString(dir.resolve("tributary.yaml"), "repositories: [repo]\ntrackers:\n" + trackers);
    }

    @Test
    void the_trackers_of_a_project_are_collected_with_it_and_a_rerun_reads_nothing_again() throws Exception {
        CollectTrackerTest t = new CollectTrackerTest();
        t.server = server;
        t.stubGitHub();
        Project p = Project.load(project("""
                  - {name: o/archive, kind: github, paths: [saved/github-archive/items]}
                  - {name: o/r, kind: github, project: o/r, apiUrl: '%s'}
                """.formatted(server.baseUrl())));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectProject.Result r = CollectProject.run(store, p, 2, Progress.NONE);
            assertEquals(2, r.trackers().size());
            assertEquals(new CollectProject.Tracked("o/archive", "github", false, 3, 3, null), r.trackers().get(0));
            assertEquals(new CollectProject.Tracked("o/r", "github", true, 3, 1, null), r.trackers().get(1));
            assertEquals("o/archive|3\no/r|3\n", CollectMailTest.query(store,
                    "SELECT t.name, count(*) FROM issues i JOIN issue_trackers t ON t.id = i.tracker_id GROUP BY 1 ORDER BY 1"));
            assertEquals("2\n", CollectMailTest.query(store, "SELECT count(*) FROM issue_commits WHERE key = '1'"),
                    "the repository's 'Fixes #1' is linked to the #1 of each GitHub tracker");
            assertTrue(Files.isDirectory(dir.resolve("s.duckdb.raw")), "live answers kept in the raw archive beside the store");

            int before = server.getAllServeEvents().size();
            CollectProject.Result again = CollectProject.run(store, p, 2, Progress.NONE);
            assertEquals(0, again.trackers().get(0).issues(), "the unchanged archive is not read again");
            assertTrue(server.findAll(WireMock.getRequestedFor(urlPathEqualTo("/repos/o/r/issues"))
                    .withQueryParam("since", WireMock.equalTo("2020-01-07T00:00:00Z"))).size() == 1, "the live one asks from its mark");
            assertTrue(server.getAllServeEvents().size() > before);
            assertEquals("6\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"), "nothing stored twice");
        }
    }

    @Test
    void a_tracker_that_refuses_the_credential_is_a_problem_naming_it_and_the_rest_is_collected() throws Exception {
        server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(aResponse().withStatus(401).withBody("{}")));
        Files.writeString(dir.resolve("jira-token"), "s3cr3t\n");
        Project p = Project.load(project("""
                  - {name: ZK, kind: jira, project: ZOOKEEPER, apiUrl: '%s', tokenFile: jira-token}
                  - {name: o/archive, kind: github, paths: [saved/github-archive/items]}
                """.formatted(server.baseUrl())));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectProject.Result r = CollectProject.run(store, p, 2, Progress.NONE);
            assertTrue(r.trackers().get(0).failure() != null);
            assertNull(r.trackers().get(1).failure());
            String problems = r.problems().toString();
            assertTrue(problems.contains("tracker 'ZK': "), problems);
            assertTrue(problems.contains("token file jira-token"), "says where the credential came from: " + problems);
            assertTrue(!problems.contains("s3cr3t"), "never the credential itself");
            assertTrue(problems.contains("the next run resumes"), problems);
            assertEquals("o/archive|3\n", CollectMailTest.query(store,
                    "SELECT t.name, count(*) FROM issues i JOIN issue_trackers t ON t.id = i.tracker_id GROUP BY 1 ORDER BY 1"));
        }
    }

    @Test
    void a_missing_saved_folder_is_a_problem_and_nothing_stored_is_lost() throws Exception {
        Project p = Project.load(project("  - {name: o/archive, kind: github, paths: [saved/github-archive/items]}\n"));
        try (Store store = Store.open(dir.resolve("s.duckdb"))) {
            CollectProject.run(store, p, 2, Progress.NONE);
            Files.move(dir.resolve("saved"), dir.resolve("moved"));
            CollectProject.Result r = CollectProject.run(store, p, 2, Progress.NONE);
            assertTrue(r.problems().toString().contains("tracker 'o/archive': "), r.problems().toString());
            assertEquals("3\n", CollectMailTest.query(store, "SELECT count(*) FROM issues"), "a source that went missing deletes nothing");
        }
    }
}
