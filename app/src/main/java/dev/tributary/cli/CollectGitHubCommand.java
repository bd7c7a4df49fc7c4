package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.pipeline.CollectGitHub;
import dev.tributary.pipeline.CollectReviews;
import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.Token;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary collect github OWNER/REPO}: pull requests, live from the API or from a metadata backup. */
@Command(name = "github", mixinStandardHelpOptions = true,
        description = "Collect a GitHub repository's pull requests with their reviews, comments and timeline, "
                + "incrementally: live from the GraphQL or REST API (every answer archived, gzip, beside the store), or offline "
                + "from a github-metadata-backup folder (--backup), or again from the archive (--offline). See docs/reviews.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (skipped pull requests are warnings)", "2:usage error",
                "3:bad input (not OWNER/REPO, not a backup folder, a refused token)", "4:store failure",
                "5:GitHub kept failing or rate-limits longer than --max-wait; run again to resume"})
final class CollectGitHubCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "OWNER/REPO", description = "The repository, e.g. bitcoin/bips.")
    String repo;

    @Option(names = "--project", paramLabel = "FILE", description = "Collect every repository of the project file's 'github:' list.")
    Path project;

    @Option(names = "--backup", paramLabel = "DIR", description = "Import a github-metadata-backup folder (pulls/N.json) instead of the API.")
    Path backup;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token (default: $GITHUB_TOKEN; none: anonymous, 60 requests an hour).")
    Path tokenFile;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
            description = "API root, for GitHub Enterprise https://HOST/api/v3 (default: ${DEFAULT-VALUE}).")
    URI apiUrl;

    @Option(names = "--api", paramLabel = "API", description = "rest or graphql (default: graphql with a token, which it "
            + "needs; rest without one, or as the archive holds with --offline).")
    CollectGitHub.Api api;

    @CommandLine.Mixin
    RemoteOptions remote;

    @CommandLine.Mixin
    MaxWaitOption maxWait;

    @CommandLine.Mixin
    CollectOptions collect;

    @Override
    public Integer call() {
        if ((repo == null) == (project == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give OWNER/REPO or --project FILE");
        }
        if (project != null) {
            List<Project.GitHub> entries = Project.load(project).github();
            if (entries.isEmpty()) {
                throw new TributaryException.InvalidInput(project + ": no 'github:' repositories");
            }
            int code = 0;
            for (Project.GitHub g : entries) {
                repo = g.repo();
                backup = g.backup() != null ? g.backup() : backup;
                apiUrl = g.apiUrl() != null ? g.apiUrl() : apiUrl;
                code = Math.max(code, one());
                backup = null;
            }
            return code;
        }
        return one();
    }

    private Integer one() {
        String container = CollectGitHub.container(repo);
        if (backup != null && remote.offline) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --backup or --offline, not both");
        }
        Duration wait = maxWait.checked(spec);
        if (!"https".equals(apiUrl.getScheme()) && !"http".equals(apiUrl.getScheme())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--api-url must be an http(s) URL, not '" + apiUrl + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = collect.progress();
        CollectReviews.Result r;
        try (Store store = collect.store.open()) {
            if (backup != null) {
                r = CollectReviews.importGitHubBackup(store, backup, container, progress);
            } else {
                Http http = remote.http(store, () -> Token.find(tokenFile, System.getenv(), "GITHUB_TOKEN"), wait, progress);
                r = CollectGitHub.run(store, http, apiUrl, repo, api, progress);
            }
        }
        CollectOptions.warnings(err, r.warnings());
        collect.print(out, err, r, summary -> {
            summary.printf(Locale.ROOT, "%s: %,d pull requests read, %,d stored, %,d unchanged; %,d reviews, %,d comments stored%n",
                    Text.printable(r.container()), r.read(), r.stored(), r.unchanged(), r.reviews(), r.comments());
            if (backup == null) {
                summary.printf(Locale.ROOT, "  %,d requests, %,d replayed from the archive, %,d rate-limit waits%n",
                        r.requests(), r.replayed(), r.rateLimitWaits());
            }
            CollectOptions.byKind(summary, r.warningsByKind());
            if (!r.note().isEmpty()) {
                summary.println("  " + r.note());
            }
        });
        return 0;
    }
}
