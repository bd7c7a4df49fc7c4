package dev.tributary.source.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on a free loopback port that serves recorded answers for one test: started before each test (before
 * its {@code @BeforeEach} methods, which may stub it), stopped after it. Register it on an instance field:
 * {@code @RegisterExtension final LoopbackServer server = new LoopbackServer();}. A test may stop it early (a server
 * that goes away); stopping twice is harmless. Not thread-safe beyond what WireMock is.
 */
public final class LoopbackServer extends WireMockServer implements BeforeEachCallback, AfterEachCallback {
    public LoopbackServer() {
        super(options().dynamicPort().bindAddress("127.0.0.1"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
