package dev.tributary.cli;

import dev.tributary.project.Project;
import dev.tributary.store.Store;
import dev.tributary.web.WebServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary serve}: the dashboard and the REST API over the store, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard and the REST API (/api/v1/, see docs/api.md) over the store. Read-only "
                + "unless --admin-token is given; binds 127.0.0.1 by default.")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--project", paramLabel = "FILE", description = "Project file, for its releases (nothing is collected).")
    Path project;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Allow identity and affiliation edits through "
            + "the API to callers sending 'Authorization: Bearer TOKEN' (at least 16 characters; default: "
            + "$TRIBUTARY_ADMIN_TOKEN, else read-only). Edits are audit-logged like the CLI's.")
    String adminToken;

    @Override
    public Integer call() throws InterruptedException {
        String token = adminToken != null ? adminToken : System.getenv("TRIBUTARY_ADMIN_TOKEN");
        project = WorkingFolder.project(project, null);
        Project p = project == null ? null : Project.load(project);
        try (Store store = storeOptions.open();
             WebServer server = WebServer.start(new WebServer.Options(store, p, bind, port, token == null || token.isBlank() ? null : token))) {
            spec.commandLine().getOut().printf("tributary: serving http://%s:%d/ (%s)%n", bind.contains(":") ? "[" + bind + "]" : bind,
                    server.port(), token == null || token.isBlank() ? "read-only" : "edits allowed with the admin token");
            spec.commandLine().getOut().flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
