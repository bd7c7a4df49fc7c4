package dev.tributary.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.model.Scope;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.source.git.RepositoryCache;
import dev.tributary.store.Store;
import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectRepositoriesTest {
    @TempDir
    Path dir;

    private static void history(Path repoDir, int commits, int seed) throws Exception {
        try (TestRepo r = TestRepo.init(repoDir)) {
            history(r, commits, seed);
        }
    }

    private static void history(TestRepo r, int commits, int seed) throws Exception {
        {
            String[] emails = {"ann@ibm.com", "bob@redhat.com", "cy@gmail.com", "di@intel.com"};
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < commits; i++) {
                content.append("line ").append(i * seed).append('\n');
                String email = emails[(i + seed) % emails.length];
                r.commit().by(email.substring(0, email.indexOf('@')), email,
                        String.format("2020-01-%02dT00:%02d:00Z", 1 + seed % 28, i % 60))
                        .put("f" + (i % 3) + ".txt", content.toString()).message("commit " + i).create();
            }
        }
    }

    private RepositoryCache cache() {
        return new RepositoryCache(dir.resolve("cache"));
    }

    private Summary summary(Store store, List<Integer> repos) {
        store.deriveStale();
        return new SummaryQuery(store.connection()).run(new Scope(repos, "HEAD", null, null, false), 10);
    }

    @Test
    void a_url_is_cloned_bare_into_the_cache_and_later_runs_fetch_only_what_is_new() throws Exception {
        Path origin = dir.resolve("origin");
        String url = origin.toUri().toString(); // file:///...
        try (TestRepo r = TestRepo.init(origin); Store store = Store.open(dir.resolve("t.duckdb"))) {
            history(r, 5, 1);
            var options = new CollectRepositories.Options(GitScope.HEAD, 1, 1, true, cache());
            CollectRepositories.Result first = CollectRepositories.run(store, List.of(url), options, Progress.NONE);
            assertEquals(List.of(), first.failures());
            Path clone = cache().pathFor(url);
            assertTrue(clone.startsWith(dir.resolve("cache")), clone.toString());
            assertEquals("true", new String(GitCli.run(clone, "rev-parse", "--is-bare-repository")).trim());
            assertEquals(5, first.collected().get(0).read());

            r.commit().by("Eve", "eve@suse.de", "2020-02-01T00:00:00Z").put("g.txt", "new\n").create();
            CollectRepositories.Result second = CollectRepositories.run(store, List.of(url), options, Progress.NONE);
            assertEquals(1, second.collected().get(0).read(), "only the fetched commit is read");
            assertEquals(6, summary(store, second.repositoryIds()).commits());

            var offline = new CollectRepositories.Options(GitScope.HEAD, 1, 1, false, cache());
            r.commit().by("Eve", "eve@suse.de", "2020-02-02T00:00:00Z").put("g.txt", "newer\n").create();
            CollectRepositories.Result third = CollectRepositories.run(store, List.of(url), offline, Progress.NONE);
            assertTrue(third.collected().get(0).upToDate(), "without fetch the cached clone is read as it is");
        }
    }

    @Test
    void failing_repositories_are_reported_and_skipped_and_the_others_are_collected() throws Exception {
        Path good = dir.resolve("good");
        history(good, 4, 2);
        Path plain = Files.createDirectories(dir.resolve("plain"));
        String missing = dir.resolve("gone").toUri().toString();
        try (Store store = Store.open(dir.resolve("t.duckdb"))) {
            var options = new CollectRepositories.Options(GitScope.HEAD, 2, 1, true, cache());
            CollectRepositories.Result r = CollectRepositories.run(store,
                    List.of(plain.toString(), good.toString(), missing), options, Progress.NONE);
            assertEquals(1, r.collected().size());
            assertEquals(4, summary(store, r.repositoryIds()).commits());
            assertEquals(2, r.failures().size(), r.failures().toString());
            assertTrue(r.failures().get(0).message().contains("not a git repository"), r.failures().get(0).message());
            assertTrue(r.failures().get(1).message().contains("clone failed"), r.failures().get(1).message());
            assertFalse(Files.exists(cache().pathFor(missing)), "a failed clone leaves nothing that looks like a repository");
        }
    }

    @Test
    void a_server_asking_for_a_password_fails_at_once_instead_of_prompting() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"private\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
        });
        server.start();
        try (Store store = Store.open(dir.resolve("t.duckdb"))) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/private/repo.git";
            var options = new CollectRepositories.Options(GitScope.HEAD, 1, 1, true, cache());
            CollectRepositories.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> CollectRepositories.run(store, List.of(url), options, Progress.NONE));
            assertEquals(1, r.failures().size());
            String why = r.failures().get(0).message();
            assertTrue(why.contains("clone failed"), why);
            assertTrue(why.contains("terminal prompts disabled") || why.contains("Authentication failed"), why);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void many_repositories_collected_at_once_give_the_figures_of_one_at_a_time() throws Exception {
        List<String> repos = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Path p = dir.resolve("r" + i);
            history(p, 3 + 4 * i, i + 1);
            repos.add(p.toString());
        }
        Summary serial;
        try (Store store = Store.open(dir.resolve("serial.duckdb"))) {
            var r = CollectRepositories.run(store, repos, new CollectRepositories.Options(GitScope.HEAD, 1, 1, true, cache()),
                    Progress.NONE);
            serial = summary(store, r.repositoryIds());
        }
        try (Store store = Store.open(dir.resolve("parallel.duckdb"))) {
            var r = CollectRepositories.run(store, repos, new CollectRepositories.Options(GitScope.HEAD, 3, 2, true, cache()),
                    Progress.NONE);
            assertEquals(7, r.collected().size());
            Summary parallel = summary(store, r.repositoryIds());
            assertEquals(serial, parallel);
            long gitCommits = 0;
            for (String p : repos) {
                gitCommits += Long.parseLong(new String(GitCli.run(Path.of(p), "rev-list", "--count", "--no-merges", "HEAD")).trim());
            }
            assertEquals(gitCommits, parallel.commits());
            var again = CollectRepositories.run(store, repos, new CollectRepositories.Options(GitScope.HEAD, 3, 1, true, cache()),
                    Progress.NONE);
            assertTrue(again.collected().stream().allMatch(CollectGit.Result::upToDate), "a rerun with nothing new reads nothing");
        }
    }

    @Test
    void cache_folders_are_named_after_host_and_path_without_credentials_or_dot_dot() {
        RepositoryCache c = new RepositoryCache(Path.of("/c"));
        assertEquals(Path.of("/c/github.com/openstack/nova.git"), c.pathFor("https://github.com/openstack/nova"));
        assertEquals(Path.of("/c/github.com/openstack/nova.git"), c.pathFor("git@github.com:openstack/nova.git"));
        assertEquals(Path.of("/c/example.org/a/_x/b.git"), c.pathFor("https://user:secret@example.org/a/../.x/b.git/"));
        assertEquals("https://***@example.org/r", RepositoryCache.redacted("https://user:secret@example.org/r"));
        assertFalse(RepositoryCache.isUrl("ext::sh -c touch% /tmp/pwned"));
        assertFalse(RepositoryCache.isUrl("-uhttps://x/y"));
        assertFalse(RepositoryCache.isUrl("/srv/git/nova"));
    }
}
