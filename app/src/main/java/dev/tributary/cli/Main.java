package dev.tributary.cli;

import dev.tributary.TributaryException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tributary} command. Exit codes: 0 success; 1 internal error; 2 usage error; 3 bad input (not a
 * repository, unknown revision, bad date); 4 store failure (locked, corrupt, newer schema).
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
        description = "Who builds this project, for which organizations, and how much.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:usage error", "3:bad input (not a repository, unknown revision, bad date)",
                "4:store failure (locked by another process, corrupt, newer schema)",
                "5:remote failure (a web service kept failing or rate-limits too long; rerun to resume)"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'analyze PATH'");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** The commands, by name; only the one a run needs is built (picocli's model of all of them costs ~0.1 s). */
    private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("analyze", AnalyzeCommand.class);
        COMMANDS.put("report", ReportCommand.class);
        COMMANDS.put("metrics", MetricsCommand.class);
        COMMANDS.put("serve", ServeCommand.class);
        COMMANDS.put("collect", CollectCommand.class);
        COMMANDS.put("mail", MailCommand.class);
        COMMANDS.put("issues", IssuesCommand.class);
        COMMANDS.put("reviews", ReviewsCommand.class);
        COMMANDS.put("identities", CurationCommands.Identities.class);
        COMMANDS.put("affiliations", CurationCommands.Affiliations.class);
        COMMANDS.put("organizations", CurationCommands.Organizations.class);
        COMMANDS.put("log", CurationCommands.Log.class);
        COMMANDS.put("undo", CurationCommands.Undo.class);
        COMMANDS.put("export", ExportCommand.class);
        COMMANDS.put("ecosystem", EcosystemCommand.class);
        COMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only);
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof TributaryException) {
                commandLine.getErr().println("tributary: " + Text.printable(String.valueOf(ex.getMessage())));
                return ((TributaryException) ex).exitCode();
            }
            commandLine.getErr().println("tributary: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cl.execute(args);
    }
}
