package dev.tributary.cli;

import dev.tributary.pipeline.CollectIssues;
import dev.tributary.pipeline.CollectTracker;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.Token;
import java.net.URI;
import java.time.Duration;
import dev.tributary.source.Progress;
import dev.tributary.source.issues.TrackerKind;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary collect issues --tracker NAME --kind KIND PATH...}: import saved tracker responses. */
@Command(name = "issues", mixinStandardHelpOptions = true,
        description = "Collect an issue tracker live (--project: GitHub, Jira, Launchpad or Bugzilla, incrementally, resumably, "
                + "every answer kept in the raw archive for --offline replay), or import saved responses: per-issue GitHub archives (NNNNNN-main.json "
                + "with -comments.json and -xrefs.json), github-metadata-backup folders (issues/N.json, pulls/N.json), "
                + "GitHub issue objects or pages, Jira REST v2 issue objects and search pages, Launchpad task pages, "
                + "Bugzilla REST bug lists, and Perceval items (JSON array or JSON lines) of all four. Files already "
                + "imported and unchanged are skipped; an issue read again replaces its old copy. See docs/issues.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (unreadable files and items are warnings)", "2:usage error",
                "3:a path does not exist, the tracker exists with another kind, or the token is refused", "4:store failure",
                "5:the tracker kept failing or rate-limits longer than --max-wait; run again to resume"})
final class CollectIssuesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tracker", required = true, paramLabel = "NAME", description = "The tracker's name in the store, e.g. rust-lang/rust or ZOOKEEPER.")
    String tracker;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "github, jira, launchpad or bugzilla.")
    String kind;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders of saved responses (none: collect live with --project).")
    List<Path> paths;

    @Option(names = "--project", paramLabel = "P", description = "Collect live: OWNER/REPO on GitHub, the project key on Jira, "
            + "the project on Launchpad, the product on Bugzilla.")
    String project;

    @Option(names = "--api-url", paramLabel = "URL", description = "API root (default per kind: https://api.github.com, "
            + "https://issues.apache.org/jira, https://api.launchpad.net/1.0, https://bugzilla.redhat.com).")
    URI apiUrl;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token (default: $GITHUB_TOKEN, "
            + "$JIRA_TOKEN, $BUGZILLA_TOKEN by kind; none: anonymous).")
    Path tokenFile;

    @CommandLine.Mixin
    RemoteOptions remote;

    @CommandLine.Mixin
    MaxWaitOption maxWait;

    @Option(names = "--full", description = "Read every file again, even those unchanged since the last import.")
    boolean full;

    @Option(names = "--threads", paramLabel = "N", description = "Files parsed at once (default: number of cores).")
    Integer threads;

    @CommandLine.Mixin
    CollectOptions collect;

    @Override
    public Integer call() {
        TrackerKind k = TrackerKind.of(kind);
        CollectIssues.Options options = new CollectIssues.Options(full,
                threads != null ? threads : CollectIssues.Options.defaults().threads());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = collect.progress();
        if (project != null) {
            if (paths != null && !paths.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --project (live) or PATHs (saved responses), not both");
            }
            return live(k, out, err, progress);
        }
        if (paths == null || paths.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give PATHs of saved responses, or --project to collect live");
        }
        CollectIssues.Result r;
        try (Store store = collect.store.open()) {
            r = CollectIssues.run(store, tracker, k, paths, options, progress);
            dev.tributary.pipeline.LinkIssues.refresh(store);
        }
        CollectOptions.warnings(err, r.warnings());
        collect.print(out, err, r, summary -> {
            summary.printf(Locale.ROOT, "Tracker %s (%s): %,d issues and %,d comments stored from %,d files (%,d unchanged, not read)%n",
                    Text.printable(r.tracker()), r.kind().id(), r.issues(), r.comments(), r.files(), r.unchanged());
            CollectOptions.byKind(summary, r.warningsByKind());
        });
        return 0;
    }

    private int live(TrackerKind k, PrintWriter out, PrintWriter err, Progress progress) {
        Duration wait = maxWait.checked(spec);
        CollectTracker.Target target = new CollectTracker.Target(k, apiUrl != null ? apiUrl : URI.create(k.defaultApi()), project);
        CollectTracker.Result r;
        try (Store store = collect.store.open()) {
            Http http = remote.http(store, () -> k.credential(Token.find(tokenFile, System.getenv(), k.tokenVariable())), wait, progress);
            r = CollectTracker.run(store, http, tracker, target, progress);
            dev.tributary.pipeline.LinkIssues.refresh(store);
        }
        CollectOptions.warnings(err, r.warnings());
        collect.print(out, err, r, summary -> summary.printf(Locale.ROOT,
                "Tracker %s (%s %s): %,d issues and %,d comments stored; %,d requests, %,d replayed, %,d rate-limit waits%n",
                Text.printable(r.tracker()), k.id(), Text.printable(project), r.issues(), r.comments(), r.requests(), r.replayed(), r.waits()));
        return 0;
    }
}
