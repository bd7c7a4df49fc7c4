package dev.tributary.source.http;

import dev.tributary.TributaryException;
import java.net.URI;

/**
 * A remote service did not give a usable answer: an HTTP error after the retries, a timeout, a rate limit
 * that resets later than the caller is willing to wait, or a body that is not the JSON it should be. Exit
 * code 5. Nothing stored is lost: a source stores a page only after it was read whole, and keeps its cursor
 * where the last complete page left it, so the next run resumes there. The message names the URI (without
 * credentials) and the status; it never holds a token.
 */
public class HttpFailure extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int status;

    public HttpFailure(URI uri, int status, String message) {
        super(message);
        this.uri = uri;
        this.status = status;
    }

    public HttpFailure(URI uri, int status, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.status = status;
    }

    /** The request at fault. */
    public URI uri() {
        return uri;
    }

    /** The HTTP status, or 0 when no answer came (timeout, refused connection, not in the archive). */
    public int status() {
        return status;
    }

    @Override
    public int exitCode() {
        return 5;
    }

    /** The service refused the credentials (HTTP 401): bad input, exit 3. */
    public static class BadCredentials extends TributaryException.InvalidInput {
        private static final long serialVersionUID = 1L;

        public BadCredentials(String message) {
            super(message);
        }
    }
}
