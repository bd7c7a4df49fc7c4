package dev.tributary.cli;

import dev.tributary.pipeline.CollectIssues;
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
        description = "Import saved issue-tracker responses into the store: per-issue GitHub archives (NNNNNN-main.json "
                + "with -comments.json and -xrefs.json), github-metadata-backup folders (issues/N.json, pulls/N.json), "
                + "GitHub issue objects or pages, Jira REST v2 issue objects and search pages, Launchpad task pages, "
                + "Bugzilla REST bug lists, and Perceval items (JSON array or JSON lines) of all four. Files already "
                + "imported and unchanged are skipped; an issue read again replaces its old copy. See docs/issues.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (unreadable files and items are warnings)", "2:usage error",
                "3:a path does not exist, or the tracker exists with another kind", "4:store failure"})
final class CollectIssuesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tracker", required = true, paramLabel = "NAME", description = "The tracker's name in the store, e.g. rust-lang/rust or ZOOKEEPER.")
    String tracker;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "github, jira, launchpad or bugzilla.")
    String kind;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders of saved responses.")
    List<Path> paths;

    @Option(names = "--full", description = "Read every file again, even those unchanged since the last import.")
    boolean full;

    @Option(names = "--threads", paramLabel = "N", description = "Files parsed at once (default: number of cores).")
    Integer threads;

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    enum Format { table, json }

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        TrackerKind k = TrackerKind.of(kind);
        CollectIssues.Options options = new CollectIssues.Options(full,
                threads != null ? threads : CollectIssues.Options.defaults().threads());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = quiet || System.console() == null ? Progress.NONE : new TerminalProgress(System.err);
        CollectIssues.Result r;
        try (Store store = storeOptions.open()) {
            r = CollectIssues.run(store, tracker, k, paths, options, progress);
        }
        r.warnings().forEach(w -> err.println("tributary: warning: " + Text.printable(w.location() + ": " + w.message())));
        if (format == Format.json) {
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "Tracker %s (%s): %,d issues and %,d comments stored from %,d files (%,d unchanged, not read)%n",
                    Text.printable(r.tracker()), r.kind().id(), r.issues(), r.comments(), r.files(), r.unchanged());
            r.warningsByKind().forEach((w, n) -> out.printf(Locale.ROOT, "  warnings %-20s %,d%n", w, n));
        }
        out.flush();
        err.flush();
        return 0;
    }
}
