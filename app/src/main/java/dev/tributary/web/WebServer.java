package dev.tributary.web;

import dev.tributary.TributaryException;
import dev.tributary.project.Project;
import dev.tributary.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code tributary serve}: the dashboard pages and the REST API ({@code /api/v1/}) over one store, on Javalin.
 * Binds 127.0.0.1 unless told otherwise. Read-only unless an admin token is given. Every response carries a
 * Content-Security-Policy that allows only the server's own scripts and styles, and {@code nosniff}; static
 * files come from a fixed list of class-path resources (no file system path is ever built from a URL).
 *
 * <p>Serving a store file ({@link Options#file}) does not hold the store: the server answers from published
 * copies and swaps in a new one when the file changes, so collects, read-only commands and DuckDB clients
 * work beside it ({@link Served}).
 *
 * <p>Lifecycle: {@link #start}, then {@link #close}; a held store stays the caller's to close. Thread-safe.
 */
public final class WebServer implements AutoCloseable {
    /**
     * @param store      a store the caller holds open and closes after the server (null: serve {@code db})
     * @param project    optional project file, for its releases
     * @param bind       address to listen on
     * @param port       0 for any free port
     * @param adminToken null: read-only
     * @param db         the store file to serve without holding it (published copies, see {@link Served}), when
     *                   {@code store} is null
     * @param poll       how often the store file is checked for changes to publish
     */
    public record Options(Store store, Project project, String bind, int port, String adminToken, Path db, Duration poll) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new TributaryException.InvalidInput("port must be 0..65535, not " + port);
            }
            if (adminToken != null && adminToken.length() < 16) {
                throw new TributaryException.InvalidInput("the admin token must be at least 16 characters");
            }
            if ((store == null) == (db == null)) {
                throw new IllegalArgumentException("give a held store or a store file, not both");
            }
            poll = poll == null ? Duration.ofSeconds(2) : poll;
        }

        /** Serving a store the caller holds open. */
        public Options(Store store, Project project, String bind, int port, String adminToken) {
            this(store, project, bind, port, adminToken, null, null);
        }

        /** Serving the store file {@code db} while others may write it (see {@link Served}). */
        public static Options file(Path db, Project project, String bind, int port, String adminToken, Duration poll) {
            return new Options(null, project, bind, port, adminToken, db, poll);
        }
    }

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The static files, by URL name: class-path resource and content type. Nothing else is served. */
    private static final Map<String, String[]> STATIC = Map.of(
            "dashboard.js", new String[] {"/dev/tributary/web/dashboard.js", "text/javascript; charset=utf-8"},
            "dashboard.css", new String[] {"/dev/tributary/web/dashboard.css", "text/css; charset=utf-8"},
            "echarts.min.js", new String[] {"/dev/tributary/report/echarts/dist/echarts.min.js", "text/javascript; charset=utf-8"});
    private static final String[] PAGES = {"/", "/release", "/organization", "/person", "/admin"};

    private final Javalin app;
    private final Served db;

    private WebServer(Javalin app, Served db) {
        this.app = app;
        this.db = db;
    }

    /** Starts serving. @throws TributaryException.InvalidInput if the address cannot be bound */
    public static WebServer start(Options o) {
        int pool = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        Served db = o.store() != null ? Served.held(o.store(), o.project(), pool)
                : Served.snapshots(o.db(), o.project(), pool, o.poll(), Duration.ofSeconds(60));
        Api api = new Api(db, o.project(), o.adminToken());
        Map<String, byte[]> files = new java.util.HashMap<>();
        STATIC.forEach((name, res) -> files.put(name, resource(res[0])));
        byte[] page = resource("/dev/tributary/web/dashboard.html");
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Cross-Origin-Resource-Policy", "same-origin");
            if (ctx.path().startsWith(Api.PREFIX)) {
                ctx.header("Cache-Control", "no-store");
            }
        });
        api.routes(app);
        for (String path : PAGES) {
            app.get(path, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
            app.head(path, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        }
        io.javalin.http.Handler staticFile = ctx -> {
            String[] res = STATIC.get(ctx.pathParam("name"));
            if (res == null) {
                throw ApiError.notFound("no such file");
            }
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType(res[1]).result(files.get(ctx.pathParam("name")));
        };
        app.get("/static/{name}", staticFile);
        app.head("/static/{name}", staticFile);
        // the API described for tools (OpenAPI 3.0), a fixed class-path file checked by a test against the routes
        byte[] openapi = resource("/dev/tributary/web/openapi.json");
        io.javalin.http.Handler describe = ctx -> ctx.contentType("application/json").result(openapi);
        app.get(Api.PREFIX + "/openapi.json", describe);
        app.head(Api.PREFIX + "/openapi.json", describe);
        app.exception(ApiError.class, (e, ctx) -> fail(ctx, e.status, e.getMessage(), e.parameter));
        app.exception(TributaryException.InvalidInput.class, (e, ctx) -> fail(ctx, 400, e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> fail(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null));
        // Javalin's own 404 and 405 (no route) as JSON too; ours (from an ApiError) are left as they are
        app.error(404, ctx -> {
            if (ctx.attribute(FAILED) == null) {
                fail(ctx, 404, "no such resource: " + ctx.path(), null);
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute(FAILED) == null) {
                fail(ctx, 405, "method not allowed", null);
            }
        });
        try {
            app.start(o.bind(), o.port());
        } catch (RuntimeException e) {
            db.close();
            throw new TributaryException.InvalidInput("cannot listen on " + o.bind() + ":" + o.port() + ": " + e.getMessage(), e);
        }
        return new WebServer(app, db);
    }

    private static final String FAILED = "tributary.failed";

    private static void fail(Context ctx, int status, String message, String parameter) {
        ctx.attribute(FAILED, Boolean.TRUE);
        ctx.status(status).contentType("application/json").result(Api.error(message, parameter));
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code task} on the store every {@code every} (a refresh such as collecting the project), publishing
     * what it wrote; reads go on from the previous copy meanwhile. Only when serving a store file.
     */
    public void refreshEvery(Duration every, java.util.function.Consumer<Store> task) {
        db.every(every, task);
    }

    /** Publishes the store file's current state now if it changed (what the poll does). */
    public void publishIfChanged() {
        db.publishIfChanged();
    }

    /** The port it listens on (the one chosen when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Stops serving and closes the read connections (the store is the caller's to close). */
    @Override
    public void close() {
        app.stop();
        db.close();
    }
}
