package dev.tributary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.TributaryException;
import dev.tributary.metrics.Scope;
import dev.tributary.metrics.Summary;
import dev.tributary.metrics.SummaryQuery;
import dev.tributary.pipeline.CollectGit;
import dev.tributary.source.Progress;
import dev.tributary.source.git.GitScope;
import dev.tributary.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary analyze PATH...}: collect incrementally, then print the summary. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Collect the history of one or more git repositories (incrementally) into the store and "
                + "print who built it: commits, contributors, organizations, lines, elephant and pony factors.")
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "A git repository: work tree, bare, or .git folder.")
    List<Path> paths;

    @CommandLine.ArgGroup(exclusive = true)
    Revisions revisions;

    static final class Revisions {
        @Option(names = "--all", description = "History reachable from every ref (branches, tags, ...).")
        boolean all;
        @Option(names = "--rev", paramLabel = "REV", description = "History reachable from REV.")
        String rev;
        @Option(names = "--range", paramLabel = "A..B", description = "Commits reachable from B and not from A.")
        String range;
    }

    @Option(names = "--since", paramLabel = "DATE", description = "Only commits authored on or after DATE (YYYY-MM-DD or ISO date-time).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only commits authored before DATE (YYYY-MM-DD or ISO date-time).")
    String until;

    @Option(names = "--format", defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--db", paramLabel = "FILE", description = "Store file (default: $TRIBUTARY_DB, else $XDG_DATA_HOME/tributary/tributary.duckdb, else ~/.local/share/tributary/tributary.duckdb).")
    Path db;

    @Option(names = "--top", defaultValue = "10", description = "Rows in the top lists (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--include-bots", description = "Count bots as contributors.")
    boolean includeBots;

    @Option(names = "--threads", description = "Diff worker threads (default: number of cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    enum Format { table, json, csv }

    @Override
    public Integer call() {
        GitScope scope = revisions == null ? GitScope.HEAD
                : revisions.all ? GitScope.ALL
                : revisions.rev != null ? GitScope.rev(revisions.rev) : GitScope.range(revisions.range);
        Long sinceEpoch = parseDate("--since", since);
        Long untilEpoch = parseDate("--until", until);
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, not " + top);
        }
        Path storePath = db != null ? db : defaultStore();
        int nThreads = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Progress progress = quiet || System.console() == null ? Progress.NONE : new TerminalProgress(System.err);
        try (Store store = Store.open(storePath)) {
            List<Integer> repos = new ArrayList<>();
            for (Path p : paths) {
                repos.add(CollectGit.run(store, p, scope, nThreads, progress).repositoryId());
            }
            Summary s = new SummaryQuery(store.connection())
                    .run(new Scope(repos, scope.key(), sinceEpoch, untilEpoch, includeBots), top);
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case json:
                    out.println(json(s));
                    break;
                case csv:
                    SummaryText.csv(s, out);
                    break;
                default:
                    SummaryText.table(s, out);
            }
            out.flush();
        }
        return 0;
    }

    static String json(Summary s) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TributaryException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Long parseDate(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            return OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new TributaryException.InvalidInput(option + ": bad date '" + text
                    + "' (expected YYYY-MM-DD or an ISO date-time with offset)");
        }
    }

    static Path defaultStore() {
        String env = System.getenv("TRIBUTARY_DB");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".local", "share");
        return base.resolve("tributary").resolve("tributary.duckdb");
    }
}
