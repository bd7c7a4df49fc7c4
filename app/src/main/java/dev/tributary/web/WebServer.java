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
import java.util.List;
import java.util.Locale;
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
     * @param store        a store the caller holds open and closes after the server (null: serve {@code db})
     * @param project      optional project file, for its releases
     * @param bind         address to listen on
     * @param port         0 for any free port
     * @param adminToken   null: read-only
     * @param db           the store file to serve without holding it (published copies, see {@link Served}), when
     *                     {@code store} is null
     * @param poll         how often the store file is checked for changes to publish
     * @param allowedHosts host names the server answers to besides IP literals and {@code localhost} (the
     *                     {@code Host} check that defeats DNS rebinding)
     * @param hideEmails   whether API answers hide addresses ({@link dev.tributary.identity.EmailMask}); null:
     *                     hidden unless the server is bound to a loopback address
     */
    public record Options(Store store, Project project, String bind, int port, String adminToken, Path db, Duration poll,
            List<String> allowedHosts, Boolean hideEmails) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new TributaryException.InvalidInput("port must be 0..65535, not " + port);
            }
            if (adminToken != null && (adminToken.isBlank() || !adminToken.strip().equals(adminToken)
                    || adminToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
                throw new TributaryException.InvalidInput("the admin token must be printable ASCII without spaces"
                        + (adminToken.isBlank() ? " (it is blank)" : ""));
            }
            if (adminToken != null && adminToken.length() < 16) {
                throw new TributaryException.InvalidInput("the admin token must be at least 16 characters");
            }
            poll = poll == null ? Duration.ofSeconds(2) : poll;
            allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            for (String h : allowedHosts) {
                if (!com.google.common.net.InternetDomainName.isValid(h) && !com.google.common.net.InetAddresses.isUriInetAddress(h)) {
                    throw new TributaryException.InvalidInput("--allow-host '" + h + "' is not a host name");
                }
            }
        }

        /** Serving a store the caller holds open. */
        public Options(Store store, Project project, String bind, int port, String adminToken) {
            this(store, project, bind, port, adminToken, List.of(), null);
        }

        /** Serving a store the caller holds open, with the Host and privacy settings. */
        public Options(Store store, Project project, String bind, int port, String adminToken, List<String> allowedHosts,
                Boolean hideEmails) {
            this(store, project, bind, port, adminToken, null, null, allowedHosts, hideEmails);
        }

        /** Serving the store file {@code db} while others may write it (see {@link Served}). */
        public static Options file(Path db, Project project, String bind, int port, String adminToken, Duration poll) {
            return file(db, project, bind, port, adminToken, poll, List.of(), null);
        }

        /** As {@link #file(Path, Project, String, int, String, Duration)}, with the Host and privacy settings. */
        public static Options file(Path db, Project project, String bind, int port, String adminToken, Duration poll,
                List<String> allowedHosts, Boolean hideEmails) {
            return new Options(null, project, bind, port, adminToken, db, poll, allowedHosts, hideEmails);
        }

        /** Whether API answers hide addresses: as asked, else unless bound to loopback. */
        public boolean emailsHidden() {
            return hideEmails != null ? hideEmails : !loopback(bind);
        }
    }

    static boolean loopback(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The longest query string answered; longer ones are a 414 (the cache is keyed by it). */
    static final int MAX_QUERY = 2048;

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The static files, by URL name: class-path resource and content type. Nothing else is served. */
    private static final Map<String, String[]> STATIC = Map.of(
            "dashboard.js", new String[] {"/dev/tributary/web/dashboard.js", "text/javascript; charset=utf-8"},
            "dashboard.css", new String[] {"/dev/tributary/web/dashboard.css", "text/css; charset=utf-8"},
            "echarts.min.js", new String[] {"/dev/tributary/report/echarts/dist/echarts.min.js", "text/javascript; charset=utf-8"});
    private static final String[] PAGES = {"/", "/release", "/organization", "/person", "/admin", "/reviews"};

    private final Javalin app;
    private final Served db;
    private final Api api;

    private WebServer(Javalin app, Served db, Api api) {
        this.app = app;
        this.db = db;
        this.api = api;
    }

    /** The API, for tests of its cache. */
    Api api() {
        return api;
    }

    /** Starts serving. @throws TributaryException.InvalidInput if the address cannot be bound */
    public static WebServer start(Options o) {
        if ((o.store() == null) == (o.db() == null)) {
            throw new IllegalArgumentException("give a held store or a store file, not both");
        }
        int pool = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        Served db = o.store() != null ? Served.held(o.store(), o.project(), pool)
                : Served.snapshots(o.db(), o.project(), pool, o.poll(), Duration.ofSeconds(60));
        Api api = new Api(db, o.project(), o.adminToken(), o.emailsHidden());
        Map<String, byte[]> files = new java.util.HashMap<>();
        STATIC.forEach((name, res) -> files.put(name, resource(res[0])));
        byte[] page = resource("/dev/tributary/web/dashboard.html");
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            // Jetty's own rejections (a bad URI, NUL, invalid UTF-8, an 8 KB URI, Content-Length with
            // Transfer-Encoding) never reach Javalin: its error handler adds the same headers
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new SecureErrors()));
        });
        app.before(ctx -> {
            SECURITY_HEADERS.forEach(ctx::header);
            if (ctx.path().startsWith(Api.PREFIX)) {
                ctx.header("Cache-Control", "no-store");
            }
            String host = ctx.header("Host");
            if (host != null && !hostAllowed(host, o.allowedHosts())) {
                throw new ApiError(421, null, "this server does not answer to the host '" + host.replaceAll("[^\\x20-\\x7e]", "?")
                        + "' (start it with --allow-host NAME to serve that name)");
            }
            String query = ctx.queryString();
            if (query != null) {
                if (query.length() > MAX_QUERY) {
                    throw new ApiError(414, null, "the query string is longer than " + MAX_QUERY + " characters");
                }
                checkEncoding(query);
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
        app.exception(Exception.class, (e, ctx) -> {
            // the cause goes to the log, not to the client
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            System.err.println("tributary serve: 500 on " + ctx.method() + " " + ctx.path()
                    + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) + ": " + trace);
            System.err.flush();
            fail(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
        });
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
            // Javalin says "Port already in use" for every bind failure: name the real cause
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof java.net.BindException)) {
                cause = cause.getCause();
            }
            String why = cause instanceof java.net.BindException ? cause.getMessage() : e.getMessage();
            if (!loopback(o.bind()) && !localAddress(o.bind())) {
                why = o.bind() + " is not an address of this machine (" + why + ")";
            }
            throw new TributaryException.InvalidInput("cannot listen on " + o.bind() + ":" + o.port() + ": " + why, e);
        }
        return new WebServer(app, db, api);
    }

    private static final String FAILED = "tributary.failed";

    /** The headers every response carries, Jetty's own error pages included. */
    static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY", "Cross-Origin-Resource-Policy", "same-origin");

    /** Jetty's error handler with the security headers on every error it writes itself. */
    static final class SecureErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        SecureErrors() {
            setShowStacks(false);
            setShowServlet(false);
            setShowMessageInTitle(false);
        }

        @Override
        public void handle(String target, org.eclipse.jetty.server.Request baseRequest, jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) throws IOException, jakarta.servlet.ServletException {
            SECURITY_HEADERS.forEach(response::setHeader);
            response.setHeader("Cache-Control", "no-store");
            super.handle(target, baseRequest, request, response);
        }

        @Override
        public java.nio.ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
            SECURITY_HEADERS.forEach(fields::put);
            fields.put("Cache-Control", "no-store");
            return super.badMessageError(status, reason, fields);
        }
    }

    /**
     * Whether a {@code Host} header names this server: an IP literal (a page can only reach an address it names,
     * which DNS rebinding needs a name for), {@code localhost}, or a name given with {@code --allow-host}.
     */
    static boolean hostAllowed(String hostHeader, List<String> allowed) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && com.google.common.net.InetAddresses.isInetAddress(h.substring(1, end));
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return com.google.common.net.InetAddresses.isInetAddress(h) || h.equals("localhost") || allowed.contains(h);
    }

    /**
     * Checks a raw query string's percent-encoding: every {@code %} starts two hex digits, and the bytes are
     * UTF-8 ({@code ?match=%zz%} is a 400, not a literal).
     */
    static void checkEncoding(String query) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0 || Character.digit(query.charAt(i + 2), 16) < 0) {
                    throw new ApiError(400, null, "the query has a malformed percent-encoding at character " + (i + 1)
                            + " ('%' must start two hex digits)");
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c < 0x80 ? c : '?');
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ApiError(400, null, "the query does not decode as UTF-8");
        }
    }

    private static boolean localAddress(String bind) {
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(bind);
            return a.isAnyLocalAddress() || java.net.NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            return false;
        }
    }

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
