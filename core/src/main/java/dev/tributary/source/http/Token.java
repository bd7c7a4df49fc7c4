package dev.tributary.source.http;

import dev.tributary.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A credential sent with every request of one client: a bearer token (GitHub, GitLab) or a user and an
 * HTTP password (Gerrit's {@code /a/} endpoints). Its text never appears in {@link #toString()}, in a
 * message, in a log or in the raw archive: only {@link #header()} reveals it, to the HTTP client.
 * Immutable and thread-safe.
 */
public final class Token {
    /** Longest token file read: a token is a line, not a document. */
    static final int MAX_FILE_BYTES = 4096;

    private final String name;
    private final String header;
    private final String origin;

    private Token(String name, String header, String origin) {
        this.name = name;
        this.header = header;
        this.origin = origin;
    }

    /** A bearer token; {@code origin} says where it came from, for messages ("GITHUB_TOKEN", a file name). */
    public static Token bearer(String token, String origin) {
        return new Token("Authorization", "Bearer " + check(token, origin), origin);
    }

    /** HTTP basic credentials (Gerrit's HTTP password). */
    public static Token basic(String user, String password, String origin) {
        String pair = check(user, origin) + ":" + check(password, origin);
        return new Token("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)), origin);
    }

    /**
     * This credential sent in the header {@code headerName} instead of as a bearer token: Bugzilla's API key goes in
     * {@code X-BUGZILLA-API-KEY} (Bugzilla 5.0 and later; older servers and 5.0 ignore {@code Authorization: Bearer}).
     * Basic credentials (a {@code user:password} file) stay as they are.
     */
    public Token inHeader(String headerName) {
        if (!header.startsWith("Bearer ")) {
            return this;
        }
        if (!headerName.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a header name: " + headerName);
        }
        return new Token(headerName, header.substring("Bearer ".length()), origin);
    }

    /**
     * The token of {@code --token-file} if given, else of the environment variable {@code variable}
     * (e.g. {@code GITHUB_TOKEN}), else none (anonymous requests, with the lower rate limits they get).
     *
     * @throws TributaryException.InvalidInput if the file cannot be read, is too long, or holds no token
     */
    public static Optional<Token> find(Path tokenFile, Map<String, String> environment, String variable) {
        if (tokenFile != null) {
            return Optional.of(fromFile(tokenFile));
        }
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(bearer(value.strip(), "$" + variable));
    }

    /** The first line of {@code file}, stripped; a file holding {@code user:password} gives basic credentials. */
    public static Token fromFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new TributaryException.InvalidInput("token file " + file + " is over " + MAX_FILE_BYTES
                        + " bytes: not a token");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TributaryException.InvalidInput("cannot read token file " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        String line = (newline < 0 ? text : text.substring(0, newline)).strip();
        if (line.isEmpty()) {
            throw new TributaryException.InvalidInput("token file " + file + " is empty");
        }
        String origin = "token file " + file.getFileName();
        int colon = line.indexOf(':');
        if (colon > 0 && line.indexOf(' ') < 0) {
            return basic(line.substring(0, colon), line.substring(colon + 1), origin);
        }
        return bearer(line, origin);
    }

    private static String check(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw new TributaryException.InvalidInput("empty credential from " + origin);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                // a control character or a space would split or inject a header; say where, not what
                throw new TributaryException.InvalidInput("credential from " + origin
                        + " holds a space or control character at position " + i);
            }
        }
        return value;
    }

    /** The value of the header {@link #headerName()}. */
    String header() {
        return header;
    }

    /** The header it is sent in: {@code Authorization}, or another ({@link #inHeader}). */
    public String headerName() {
        return name;
    }

    /** Where the token came from, safe to print. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "Token[" + origin + ", ***]";
    }
}
