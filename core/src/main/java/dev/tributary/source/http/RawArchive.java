package dev.tributary.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.TributaryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The raw archive of a network source: every response it read, compressed, in a documented layout
 * (docs/network.md), so that a re-analysis or a change of definitions replays them with no network.
 *
 * <pre>
 * ROOT/CONTAINER/index.jsonl        one JSON line per response, in the order they were fetched:
 *                                   {"seq":1,"method":"GET","uri":"…","key":"…","status":200,
 *                                    "at":"2026-12-01T21:00:00Z","file":"00000001.json.gz"}
 * ROOT/CONTAINER/00000001.json.gz   {"method","uri","request_body","status","fetched_at","headers":{…},"body":"…"}
 * ROOT/CONTAINER/cursor             the container's cursor ({@link FileCursors}), if the source keeps it here
 * </pre>
 * CONTAINER is the source's own name for what it reads, e.g. {@code github/bitcoin/bips} or
 * {@code gerrit/review.gluster.org/glusterfs}; each segment keeps {@code [A-Za-z0-9._-]} and
 * percent-encodes the rest. {@code key} is the SHA-256 of the method, the URI and the request body:
 * replaying a request finds the latest response with its key.
 *
 * <p>Crash safety: a response file is written under a temporary name and renamed, then its index line is
 * appended, so a kill -9 leaves either a complete entry or an unindexed file (ignored); a torn last index
 * line is skipped on reading and closed before the next append. Credentials are never written: the
 * request's {@code Authorization} is not part of an entry, and only {@link #KEPT_HEADERS} of a response are.
 *
 * <p>One instance per root; it is thread-safe (writes to one container are serialized).
 */
public final class RawArchive {
    /** Response headers kept in an entry: what pagination, rate limits and incremental reads need. */
    public static final Set<String> KEPT_HEADERS = Set.of("link", "etag", "last-modified", "content-type",
            "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used",
            "x-ratelimit-resource", "retry-after", "x-total-count", "x-github-request-id");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]");
    private static final String INDEX = "index.jsonl";

    private final Path root;
    private final Map<String, Container> containers = new HashMap<>();

    public RawArchive(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** One entry of a container's index. */
    public record Entry(long seq, String method, URI uri, String key, int status, Instant at, String file) {
    }

    /** The folder of {@code container} under the root (not created). */
    public Path folder(String container) {
        return root.resolve(relative(container));
    }

    /** {@code container} as a relative path: segments split on '/', unsafe characters percent-encoded. */
    static String relative(String container) {
        if (container == null || container.isBlank()) {
            throw new TributaryException.InvalidInput("empty archive container name");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : container.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            if (segment.equals(".") || segment.equals("..")) {
                out.append(segment.replace(".", "%2E"));
                continue;
            }
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                String c = String.valueOf((char) (b & 0xff));
                if (b >= 0 && SAFE.matcher(c).matches()) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        if (out.length() == 0) {
            throw new TributaryException.InvalidInput("archive container name '" + container + "' has no segment");
        }
        return out.toString();
    }

    /** The replay key of a request. */
    static String key(String method, URI uri, String requestBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + uri + "\n").getBytes(StandardCharsets.UTF_8));
            if (requestBody != null) {
                sha.update(requestBody.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Archives one response read whole from the network. */
    public void write(String container, String method, String requestBody, Response response) {
        container(container).write(method, requestBody, response);
    }

    /** The latest archived response to this request, if any. */
    public Optional<Response> find(String container, String method, URI uri, String requestBody) {
        Container c = container(container);
        Entry e = c.latest(key(method, uri, requestBody));
        return e == null ? Optional.empty() : Optional.of(c.read(e));
    }

    /** Every indexed entry of {@code container}, in fetch order. */
    public List<Entry> entries(String container) {
        return container(container).entries();
    }

    /** Reads the response of one entry. */
    public Response read(String container, Entry entry) {
        return container(container).read(entry);
    }

    private synchronized Container container(String name) {
        return containers.computeIfAbsent(relative(name), rel -> new Container(root.resolve(rel)));
    }

    /** One container's folder and its index, loaded once. */
    private static final class Container {
        private final Path dir;
        private List<Entry> entries;
        private Map<String, Entry> latest;
        private long nextSeq;

        Container(Path dir) {
            this.dir = dir;
        }

        private synchronized void load() {
            if (entries != null) {
                return;
            }
            entries = new ArrayList<>();
            latest = new LinkedHashMap<>();
            Path index = dir.resolve(INDEX);
            if (Files.exists(index)) {
                try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        Entry e = parse(line);
                        if (e != null) {
                            entries.add(e);
                            latest.put(e.key(), e);
                            nextSeq = Math.max(nextSeq, e.seq());
                        }
                    }
                } catch (IOException e) {
                    throw new TributaryException("cannot read the raw archive index " + index + ": " + e.getMessage(), e);
                }
            }
            nextSeq++;
        }

        private static Entry parse(String line) {
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.hasNonNull("seq") || !n.hasNonNull("file") || !n.hasNonNull("key")) {
                    return null;
                }
                String file = n.get("file").asText();
                if (!file.matches("[0-9]{8,}\\.json\\.gz")) {
                    return null;
                }
                return new Entry(n.get("seq").asLong(), n.path("method").asText("GET"), URI.create(n.get("uri").asText()),
                        n.get("key").asText(), n.path("status").asInt(), Instant.parse(n.get("at").asText()), file);
            } catch (IOException | RuntimeException e) {
                return null; // a torn last line after a kill -9
            }
        }

        synchronized List<Entry> entries() {
            load();
            return List.copyOf(entries);
        }

        synchronized Entry latest(String key) {
            load();
            return latest.get(key);
        }

        synchronized void write(String method, String requestBody, Response r) {
            load();
            long seq = nextSeq++;
            String file = String.format("%08d.json.gz", seq);
            ObjectNode doc = JSON.createObjectNode();
            doc.put("method", method);
            doc.put("uri", r.uri().toString());
            if (requestBody != null) {
                doc.put("request_body", requestBody);
            }
            doc.put("status", r.status());
            doc.put("fetched_at", r.fetchedAt().toString());
            ObjectNode headers = doc.putObject("headers");
            r.headers().forEach((name, values) -> {
                if (KEPT_HEADERS.contains(name) && !values.isEmpty()) {
                    headers.put(name, String.join(", ", values));
                }
            });
            doc.put("body", r.body());
            String key = key(method, r.uri(), requestBody);
            Entry e = new Entry(seq, method, r.uri(), key, r.status(), r.fetchedAt(), file);
            try {
                Files.createDirectories(dir);
                Path tmp = dir.resolve(file + ".tmp");
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    JSON.writeValue(out, doc);
                }
                try {
                    Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                Path index = dir.resolve(INDEX);
                ObjectNode line = JSON.createObjectNode();
                line.put("seq", seq);
                line.put("method", method);
                line.put("uri", r.uri().toString());
                line.put("key", key);
                line.put("status", r.status());
                line.put("at", r.fetchedAt().toString());
                line.put("file", file);
                String prefix = needsNewline(index) ? "\n" : "";
                Files.writeString(index, prefix + JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException x) {
                throw new TributaryException("cannot write the raw archive in " + dir + ": " + x.getMessage(), x);
            }
            entries.add(e);
            latest.put(key, e);
        }

        private static boolean needsNewline(Path index) throws IOException {
            if (!Files.exists(index) || Files.size(index) == 0) {
                return false;
            }
            try (var ch = Files.newByteChannel(index)) {
                ch.position(ch.size() - 1);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                ch.read(b);
                return b.get(0) != '\n';
            }
        }

        synchronized Response read(Entry e) {
            Path file = dir.resolve(e.file());
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                JsonNode doc = JSON.readTree(in);
                Map<String, List<String>> headers = new LinkedHashMap<>();
                doc.path("headers").fields().forEachRemaining(f -> headers.put(f.getKey(), List.of(f.getValue().asText())));
                return new Response(URI.create(doc.get("uri").asText()), doc.get("status").asInt(), headers,
                        doc.get("body").asText(), Instant.parse(doc.get("fetched_at").asText()), true);
            } catch (IOException | UncheckedIOException | NullPointerException x) {
                throw new TributaryException("raw archive entry " + file + " is unreadable: " + x.getMessage(), x);
            }
        }
    }
}
