package dev.tributary.cli;

import dev.tributary.TributaryException;
import dev.tributary.pipeline.CollectMail;
import dev.tributary.project.Project;
import dev.tributary.source.Progress;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary collect SOURCE}: collect one kind of record into the store without printing metrics. */
@Command(name = "collect", mixinStandardHelpOptions = true, subcommands = {CollectCommand.Mail.class, CollectGitHubCommand.class, CollectGerritCommand.class,
        CollectIssuesCommand.class},
        description = "Collect records into the store (incrementally) without printing metrics.")
final class CollectCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a source is required, e.g. 'collect mail --list NAME PATH...'");
    }

    /** {@code tributary collect mail --list NAME PATH...} or {@code --project FILE}. */
    @Command(name = "mail", mixinStandardHelpOptions = true,
            description = "Collect mailing-list archives: mbox files (plain or .gz), public-inbox (v1, v2 or one epoch) git archives, Pipermail monthly archives "
                    + "(2012-April.txt.gz), HyperKitty mbox exports, a folder of .eml files or a Maildir. Archives already "
                    + "read are skipped, a grown one is read from its last message; nothing is stored twice. "
                    + "See docs/mail.md.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success (skipped messages are warnings)", "2:usage error",
                    "3:an archive path could not be read (the others were collected)", "4:store failure"})
    static final class Mail implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--list", paramLabel = "NAME", description = "The list's name (with --project: only that list).")
        String list;

        @Parameters(arity = "0..*", paramLabel = "PATH", description = "Archive files or folders.")
        List<Path> paths;

        @Option(names = "--project", paramLabel = "FILE", description = "Collect the mailingLists of a project file.")
        Path project;

        @CommandLine.Mixin
        CollectOptions collect;

        @Override
        public Integer call() {
            Map<String, List<Path>> lists = new LinkedHashMap<>();
            if (project != null) {
                if (paths != null && !paths.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "give --project or PATHs, not both");
                }
                Project p = Project.load(project);
                for (Project.MailingList l : p.mailingLists()) {
                    if (list == null || list.equals(l.name())) {
                        lists.put(l.name(), l.paths());
                    }
                }
                if (lists.isEmpty()) {
                    throw new TributaryException.InvalidInput(project + ": " + (list == null ? "no mailingLists"
                            : "no list named '" + list + "' (known: " + p.mailingLists().stream().map(Project.MailingList::name).toList() + ")"));
                }
            } else {
                if (list == null || paths == null || paths.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "give --list NAME and at least one PATH, or --project FILE");
                }
                lists.put(list, paths);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = collect.progress();
            List<CollectMail.Result> results = new ArrayList<>();
            try (Store store = collect.store.open()) {
                for (var e : lists.entrySet()) {
                    results.add(CollectMail.run(store, e.getKey(), e.getValue(), progress));
                }
            }
            List<String> failures = new ArrayList<>();
            for (CollectMail.Result r : results) {
                CollectOptions.warnings(err, r.warnings());
                failures.addAll(r.failures());
            }
            collect.print(out, err, results, summary -> {
                for (CollectMail.Result r : results) {
                    summary.printf(Locale.ROOT, "List %s: %,d messages stored, %,d duplicates not stored, %,d warnings%n", Text.printable(r.list()),
                            r.stored(), r.duplicates(), r.warningsByKind().values().stream().mapToInt(Integer::intValue).sum());
                    summary.printf(Locale.ROOT, "  %-10s %10s %10s %9s  %s%n", "archive", "messages", "duplicates", "warnings", "path");
                    for (CollectMail.Archive a : r.archives()) {
                        summary.printf(Locale.ROOT, "  %-10s %,10d %,10d %,9d  %s%n", a.status(), a.messages(), a.duplicates(), a.warnings(),
                                Text.printable(a.path()));
                    }
                    CollectOptions.byKind(summary, r.warningsByKind());
                }
            });
            for (String f : failures) {
                err.println("tributary: " + Text.printable(f));
            }
            err.flush();
            return failures.isEmpty() ? 0 : 3; // bad input, as TributaryException.InvalidInput: named above
        }
    }
}
