package dev.tributary.cli;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary collect gerrit}: Gerrit changes from a {@code gerrit query} dump or over REST. */
@Command(name = "gerrit", mixinStandardHelpOptions = true,
        description = "Collect Gerrit changes with their votes, messages and patch sets: from a "
                + "'gerrit query --format=JSON --all-approvals --comments' dump (--dump, plain or .gz, or a Perceval item array), "
                + "or over REST (--url and --project; every answer archived beside the store). See docs/reviews.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage error", "3:bad input (unreadable dump, refused credentials)", "4:store failure",
                "5:Gerrit kept failing; run again to resume"})
final class CollectGerritCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dump", paramLabel = "FILE", description = "A gerrit query JSON dump.")
    Path dump;

    @Option(names = "--host", paramLabel = "HOST", description = "The server's host name, for dumps whose changes carry no url.")
    String host;

    @Option(names = "--url", paramLabel = "URL", description = "Gerrit's base URL, e.g. https://review.gluster.org (with credentials: https://HOST/a).")
    URI url;

    @Option(names = "--project", paramLabel = "NAME", description = "The Gerrit project (with --url).")
    String project;

    @Option(names = "--project-file", paramLabel = "FILE", description = "Collect every entry of the project file's 'gerrit:' list.")
    Path projectFile;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding user:http-password (for /a/ endpoints).")
    Path tokenFile;

    @CommandLine.Mixin
    RemoteOptions remote;

    @CommandLine.Mixin
    CollectOptions collect;

    @Override
    public Integer call() {
        if (projectFile != null) {
            if (dump != null || url != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --project-file, or --dump / --url, not both");
            }
            List<Project.Gerrit> entries = Project.load(projectFile).gerrit();
            if (entries.isEmpty()) {
                throw new dev.tributary.TributaryException.InvalidInput(projectFile + ": no 'gerrit:' entries");
            }
            int code = 0;
            for (Project.Gerrit g : entries) {
                dump = g.dump();
                url = g.url();
                project = g.project();
                host = g.host();
                code = Math.max(code, one());
            }
            return code;
        }
        return one();
    }

    private Integer one() {
        if ((dump == null) == (url == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --dump FILE or --url URL --project NAME");
        }
        if (url != null && (project == null || project.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url needs --project");
        }
        if (url != null && !"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url must be an http(s) URL, not '" + url + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = collect.progress();
        List<CollectReviews.Result> results = new ArrayList<>();
        try (Store store = collect.store.open()) {
            if (dump != null) {
                results.addAll(CollectReviews.importGerritDump(store, dump, host == null ? "gerrit" : host, progress));
            } else {
                Http http = remote.http(store, () -> tokenFile == null ? Optional.empty() : Optional.of(Token.fromFile(tokenFile)),
                        Duration.ofHours(1), progress);
                results.add(CollectReviews.collectGerrit(store, http, url, project, progress));
            }
        }
        for (CollectReviews.Result r : results) {
            CollectOptions.warnings(err, r.warnings());
        }
        collect.print(out, err, results, summary -> {
            for (CollectReviews.Result r : results) {
                summary.printf(Locale.ROOT, "%s: %,d changes read, %,d stored, %,d unchanged; %,d votes, %,d messages stored%n",
                        Text.printable(r.container()), r.read(), r.stored(), r.unchanged(), r.reviews(), r.comments());
                CollectOptions.byKind(summary, r.warningsByKind());
            }
        });
        return 0;
    }
}
