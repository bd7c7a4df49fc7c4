package dev.tributary.project;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.TributaryException;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.LoopbackServer;
import dev.tributary.source.http.RawArchive;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's answers recorded in the shape the API gives (test resources github/), served on loopback. */
class GitHubOrganizationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    @BeforeEach
    void start() throws IOException {
        server.stubFor(get("/orgs/openstack/repos?per_page=100&type=all").willReturn(okJson(resource("org-repos-page1.json"))
                .withHeader("Link", "<" + server.baseUrl() + "/orgs/openstack/repos?per_page=100&type=all&page=2>; rel=\"next\"")));
        server.stubFor(get("/orgs/openstack/repos?per_page=100&type=all&page=2").willReturn(okJson(resource("org-repos-page2.json"))));
        server.stubFor(get("/orgs/nobody/repos?per_page=100&type=all").willReturn(notFound()));
        server.stubFor(get("/users/nobody/repos?per_page=100").willReturn(notFound()));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GitHubOrganizationTest.class.getResourceAsStream("/github/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Http live() {
        return new Http(Http.Options.live(Optional.empty(), new RawArchive(dir)), (d, why) -> { });
    }

    @Test
    void every_page_of_an_organization_gives_its_clone_urls_without_forks_and_replays_offline() {
        URI api = URI.create(server.baseUrl());
        List<String> urls = GitHubOrganization.repositories(live(), api, "openstack", false);
        assertEquals(List.of("https://github.com/openstack/anvil.git", "https://github.com/openstack/glance.git",
                "https://github.com/openstack/nova.git"), urls, "the fork gitdm is left out, the archived anvil kept");
        assertEquals(4, GitHubOrganization.repositories(live(), api, "openstack", true).size());
        server.stop();
        Http offline = new Http(Http.Options.replay(new RawArchive(dir)), (d, why) -> { });
        assertEquals(urls, GitHubOrganization.repositories(offline, api, "openstack", false));
    }

    @Test
    void a_name_that_is_no_organization_or_user_or_no_login_at_all_is_bad_input() {
        URI api = URI.create(server.baseUrl());
        TributaryException.InvalidInput e = assertThrows(TributaryException.InvalidInput.class,
                () -> GitHubOrganization.repositories(live(), api, "nobody", false));
        assertTrue(e.getMessage().contains("no organization or user named 'nobody'"), e.getMessage());
        assertThrows(TributaryException.InvalidInput.class, () -> GitHubOrganization.repositories(live(), api, "../x", false));
    }
}
