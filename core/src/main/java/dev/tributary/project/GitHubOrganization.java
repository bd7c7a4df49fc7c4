package dev.tributary.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.TributaryException;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.Pagination;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The repositories of a GitHub organization (or user), as clone URLs, through the shared HTTP plumbing
 * ({@link Http}: token, pagination by {@code Link}, rate limits, raw archive and offline replay):
 * {@code GET /orgs/ORG/repos?type=sources&per_page=100}, falling back to {@code /users/ORG/repos} when the
 * name is a user's. Forks are left out unless asked for (their history is mostly the upstream's); archived
 * repositories are kept (their history still counts). Stateless.
 */
public final class GitHubOrganization {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

    private GitHubOrganization() {
    }

    /**
     * The clone URLs ({@code clone_url}) of {@code org}'s repositories, sorted by name.
     *
     * @param api the API root ({@code https://api.github.com}, or a GitHub Enterprise {@code https://HOST/api/v3})
     * @throws TributaryException.InvalidInput if the name is not a GitHub login, or names no organization or user
     */
    public static List<String> repositories(Http http, URI api, String org, boolean forks) {
        if (!NAME.matcher(org).matches()) {
            throw new TributaryException.InvalidInput("'" + org.replaceAll("\\p{Cntrl}", "?") + "' is not a GitHub organization name");
        }
        String root = api.toString().replaceAll("/+$", "");
        List<String> out = new ArrayList<>();
        for (String kind : List.of("orgs", "users")) {
            URI first = URI.create(root + "/" + kind + "/" + org + "/repos?per_page=100" + (kind.equals("orgs") ? "&type=all" : ""));
            boolean found = true;
            for (Http.Page page : http.pages("github/" + org, first, Pagination.linkHeader())) {
                if (page.response().notFound()) {
                    found = false;
                    break;
                }
                JsonNode body = page.body();
                if (body == null || !body.isArray()) {
                    throw new TributaryException.InvalidInput(first + ": expected a list of repositories");
                }
                for (JsonNode r : body) {
                    if (!forks && r.path("fork").asBoolean(false)) {
                        continue;
                    }
                    String url = r.path("clone_url").asText("");
                    if (url.startsWith("https://") || url.startsWith("http://")) {
                        out.add(url);
                    }
                }
            }
            if (found) {
                out.sort(null);
                return out;
            }
        }
        throw new TributaryException.InvalidInput("GitHub has no organization or user named '" + org + "'");
    }
}
