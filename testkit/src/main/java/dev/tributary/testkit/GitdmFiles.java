package dev.tributary.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gitdm's curated files written by a test, in gitdm's own line formats: {@code aliases} (alias, then the address it
 * stands for), {@code domain-map} and {@code email-map} (a domain or an address, the organization, optionally
 * {@code < date} for "until then"), and a {@code gitdm.config} that names them in the order they were given.
 *
 * <pre>{@code
 * Path config = GitdmFiles.in(dir.resolve("curated"))
 *         .aliases("bob@home.org bob@gmail.com")
 *         .domainMap("acme.com Acme < 2012-01-01", "acme.com Acme Labs")
 *         .write();
 * }</pre>
 * A builder for one test; not thread-safe.
 */
public final class GitdmFiles {
    private final Path dir;
    /** File name to its config line and its lines, in the order given. */
    private final Map<String, Entry> files = new LinkedHashMap<>();

    private record Entry(String configLine, List<String> lines) {
    }

    private GitdmFiles(Path dir) {
        this.dir = dir;
    }

    /** The files will be written in {@code dir} (created when missing). */
    public static GitdmFiles in(Path dir) {
        return new GitdmFiles(dir);
    }

    /** An {@code aliases} file ({@code EmailAliases}): each line an alias, then the address it stands for. */
    public GitdmFiles aliases(String... lines) {
        return file("aliases", "EmailAliases aliases", lines);
    }

    /** A {@code domain-map} file ({@code EmailMap}): each line a domain, its organization, optionally {@code < date}. */
    public GitdmFiles domainMap(String... lines) {
        return file("domain-map", "EmailMap domain-map", lines);
    }

    /** An {@code email-map} file ({@code EmailMap}): each line an address, its organization, optionally {@code < date}. */
    public GitdmFiles emailMap(String... lines) {
        return file("email-map", "EmailMap email-map", lines);
    }

    /**
     * The employers of the widget history, shared by the app's widgets project and the Spark release project:
     * acme.com is Acme before 2012 and Acme Labs from then on, initech.com is Initech; bob@gmail.com is Bob
     * Consulting until 2012-05-01, then Initech.
     */
    public GitdmFiles widgetEmployers() {
        return domainMap("acme.com Acme < 2012-01-01", "acme.com Acme Labs", "initech.com Initech")
                .emailMap("bob@gmail.com Bob Consulting < 2012-05-01", "bob@gmail.com Initech");
    }

    private GitdmFiles file(String name, String configLine, String... lines) {
        if (files.containsKey(name)) {
            throw new IllegalStateException(name + " is given twice");
        }
        files.put(name, new Entry(configLine, List.of(lines)));
        return this;
    }

    /** Writes each file (one line each, an empty file for no lines) and the config naming them; returns the config. */
    public Path write() throws IOException {
        Files.createDirectories(dir);
        List<String> config = new ArrayList<>();
        for (Map.Entry<String, Entry> f : files.entrySet()) {
            List<String> lines = f.getValue().lines();
            Files.writeString(dir.resolve(f.getKey()), lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
            config.add(f.getValue().configLine());
        }
        return Files.writeString(dir.resolve("gitdm.config"), String.join("\n", config) + "\n");
    }
}
