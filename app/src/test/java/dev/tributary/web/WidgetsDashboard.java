package dev.tributary.web;

import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The dashboard of the widgets project ({@link Widgets}) in headless Chromium, for one test. Before each test the
 * browser is started first, so that a machine without Chromium skips the test before anything is built, then the
 * widgets project is built and collected in a folder of its own; the test is given the browser as a {@link Browser}
 * parameter, may collect more into the project's store and then {@link #serve()} it; after the test the server, the
 * store and the browser are closed and the folder removed. Register it on an instance field:
 * {@code @RegisterExtension final WidgetsDashboard dashboard = new WidgetsDashboard();}. Not thread-safe.
 */
final class WidgetsDashboard implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private Path dir;
    private Browser browser;
    private Widgets widgets;
    private Store store;
    private WebServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("tributary-dashboard");
        browser = Browser.start(dir.resolve("profile"));
        widgets = Widgets.create(dir);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser;
    }

    Widgets widgets() {
        return widgets;
    }

    /** The folder the project was built in, for the test's own files. */
    Path dir() {
        return dir;
    }

    /** The project's store, opened on first use and kept open for {@link #serve()}. */
    Store store() {
        if (store == null) {
            store = Store.open(widgets.db);
        }
        return store;
    }

    /** Serves the store as it is now on a free loopback port; returns where: {@code http://127.0.0.1:PORT}, no slash. */
    String serve() {
        server = widgets.serve(store());
        return Widgets.base(server);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failed = null;
        for (AutoCloseable c : new AutoCloseable[] {server, store, browser}) { // the reverse of their opening
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
