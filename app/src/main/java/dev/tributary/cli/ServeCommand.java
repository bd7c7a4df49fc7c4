package dev.tributary.cli;

import dev.tributary.project.Project;
import dev.tributary.web.WebServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary serve}: the dashboard and the REST API over the store, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard and the REST API (/api/v1/, see docs/api.md) over the store. Read-only "
                + "unless --admin-token is given; binds 127.0.0.1 by default.")
final class ServeCommand extends StoreCommand {
    @Option(names = "--project", paramLabel = "FILE", description = "Project file, for its releases (default: "
            + "./tributary.yaml when present); collected only with --refresh-every.")
    Path project;

    @Option(names = "--refresh-every", paramLabel = "DURATION", description = "Collect the project (repositories, "
            + "releases, lists, curated files) every DURATION (e.g. 15m, 1h, PT30M) while serving; answers go on from "
            + "the previous state meanwhile. Needs --project.")
    String refreshEvery;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "2s", description = "How often the store is checked "
            + "for changes written by other commands (collect, curation), to serve them (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Allow identity and affiliation edits through "
            + "the API to callers sending 'Authorization: Bearer TOKEN' (at least 16 characters; default: "
            + "$TRIBUTARY_ADMIN_TOKEN, else read-only). Edits are audit-logged like the CLI's.")
    String adminToken;

    @Option(names = "--allow-host", paramLabel = "NAME", description = "Also answer requests whose Host is NAME (repeatable). "
            + "IP addresses and localhost are always answered; any other name is refused (a defence against DNS rebinding).")
    List<String> allowHosts;

    @CommandLine.ArgGroup(exclusive = true)
    Privacy privacy;

    static final class Privacy {
        @Option(names = "--hide-emails", description = "Hide addresses in API answers (the default unless bound to loopback).")
        boolean hide;
        @Option(names = "--show-emails", description = "Show addresses in API answers (the default on loopback).")
        boolean show;
    }

    @Override
    public Integer call() throws InterruptedException {
        String token = adminToken != null ? adminToken : System.getenv("TRIBUTARY_ADMIN_TOKEN");
        if (adminToken == null && token != null && token.isEmpty()) {
            token = null; // TRIBUTARY_ADMIN_TOKEN= (set but empty) is unset
        }
        if (token != null && token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the admin token is blank"
                    + (adminToken == null ? " ($TRIBUTARY_ADMIN_TOKEN)" : "") + ": give a real one, or none for a read-only server");
        }
        project = WorkingFolder.project(project, null);
        Project p = project == null ? null : Project.load(project);
        java.time.Duration every = refreshEvery == null ? null : duration("--refresh-every", refreshEvery);
        if (every != null && p == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--refresh-every needs --project (what to collect)");
        }
        java.time.Duration pollEvery = duration("--poll", poll);
        Path db = storeOptions.path();
        if (!java.nio.file.Files.exists(db)) {
            storeOptions.open().close(); // an empty store, so there is something to serve
        }
        Boolean hide = privacy == null ? null : privacy.hide;
        WebServer.Options options = WebServer.Options.file(db, p, bind, port, token, pollEvery, allowHosts, hide);
        try (WebServer server = WebServer.start(options)) {
            if (every != null) {
                int threads = Runtime.getRuntime().availableProcessors();
                server.refreshEvery(every, store -> dev.tributary.pipeline.CollectProject.run(store, p, threads,
                        dev.tributary.source.Progress.NONE));
            }
            spec.commandLine().getOut().printf("tributary: serving http://%s:%d/ (%s; %s)%n", bind.contains(":") ? "[" + bind + "]" : bind,
                    server.port(), token == null ? "read-only" : "edits allowed with the admin token",
                    options.emailsHidden() ? "addresses hidden" : "addresses shown");
            spec.commandLine().getOut().flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    /** {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT15M}); at least one second. */
    static java.time.Duration duration(String option, String text) {
        java.time.Duration d;
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.trim());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> java.time.Duration.ofMillis(n);
                    case "s" -> java.time.Duration.ofSeconds(n);
                    case "m" -> java.time.Duration.ofMinutes(n);
                    case "h" -> java.time.Duration.ofHours(n);
                    default -> java.time.Duration.ofDays(n);
                };
            } else {
                d = java.time.Duration.parse(text.trim());
            }
        } catch (RuntimeException e) {
            throw new dev.tributary.TributaryException.InvalidInput(option + ": '" + text + "' is not a duration (e.g. 90s, 15m, 1h, PT30M)");
        }
        if (d.toMillis() < 100) {
            throw new dev.tributary.TributaryException.InvalidInput(option + ": '" + text + "' is too short (at least 100ms)");
        }
        return d;
    }
}
