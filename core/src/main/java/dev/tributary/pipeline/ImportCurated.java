package dev.tributary.pipeline;

import dev.tributary.TributaryException;
import dev.tributary.model.Curated;
import dev.tributary.identity.Gitdm;
import dev.tributary.identity.Mailmap;
import dev.tributary.identity.Stackalytics;
import dev.tributary.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a curated file (gitdm, Stackalytics, .mailmap) into the store, replacing what the same file said
 * before, then re-resolves. Manual operations are kept and re-applied on top, so they survive re-imports.
 */
public final class ImportCurated {
    private ImportCurated() {
    }

    /** The kinds of curated file understood. */
    public static final List<String> KINDS = List.of("gitdm", "stackalytics", "mailmap", "sortinghat");

    /**
     * @return what the file said, with the lines that could not be imported
     * @throws TributaryException.InvalidInput if the file cannot be read at all, or the kind is unknown
     */
    public static Curated run(Store store, String kind, Path file) {
        Path f = file.toAbsolutePath().normalize();
        dev.tributary.InputFiles.requireRegular(f, kind);
        Stored s = storeIfChanged(store, kind, f);
        if (s.changed()) {
            boolean policy = Resolve.ifPolicyChanged(store); // a peer's first file brings its rules
            if (!policy && kind.equals("mailmap")) {
                Resolve.people(store);
            }
            if (!policy) {
                Resolve.run(store);
            }
        }
        return s.curated();
    }

    /** Reads and stores a curated file without resolving (the caller resolves once after several). */
    /** What a project import did: the file's facts, and whether they differ from what the store had. */
    record Stored(Curated curated, boolean changed) {
    }

    /**
     * Stores a curated file unless the store already holds exactly what it says (a digest of its parsed facts,
     * so a gitdm config's referenced files count too): a project rerun then rewrites and re-resolves nothing.
     */
    static Stored storeIfChanged(Store store, String kind, Path f) {
        Curated c = read(kind, f);
        String mailmap = kind.equals("mailmap") ? text(f) : "";
        String digest = com.google.common.hash.Hashing.sha256().hashString(kind + "\n" + c.aliases() + c.enrollments()
                + c.domains() + c.orgAliases() + "\n" + mailmap, StandardCharsets.UTF_8).toString();
        if (store.curation().sourceDigest(c.source()).equals(java.util.Optional.of(digest))) {
            return new Stored(c, false);
        }
        store.curation().importSource(c, kind, digest, kind.equals("mailmap") ? mailmap : null);
        return new Stored(c, true);
    }

    private static String text(Path f) {
        return new String(dev.tributary.InputFiles.read(f, "mailmap", dev.tributary.InputFiles.CURATED_LIMIT), StandardCharsets.UTF_8);
    }

    static Curated read(String kind, Path f) {
        switch (kind) {
            case "gitdm":
                return Gitdm.read(f);
            case "stackalytics":
                return Stackalytics.read(f);
            case "sortinghat":
                return dev.tributary.identity.SortingHat.read(f);
            case "mailmap":
                // all four forms are applied to commit identities like the repository's own .mailmap (see
                // CollectGit.resolvePeople); the address links also join individuals across repositories
                return new Curated(f.toString(), Mailmap.parse(text(f)).aliases(), List.of(), List.of(), List.of(), List.of());
            default:
                throw new TributaryException.InvalidInput("unknown kind of curated file '" + kind + "' (expected one of " + KINDS + ")");
        }
    }
}
