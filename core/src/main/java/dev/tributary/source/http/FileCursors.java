package dev.tributary.source.http;

import dev.tributary.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Cursors kept as plain text files {@code ROOT/CONTAINER/cursor} beside the raw
 * archive, replaced atomically (written under a temporary name and renamed), so a kill -9 leaves the old
 * cursor or the new one, never half of one. Thread-safe for distinct containers.
 */
public final class FileCursors implements Cursors {
    private final RawArchive archive;

    public FileCursors(RawArchive archive) {
        this.archive = archive;
    }

    private Path file(String container) {
        return archive.folder(container).resolve("cursor");
    }

    @Override
    public Optional<String> get(String container) {
        Path f = file(container);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new TributaryException("cannot read cursor " + f + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String container, String cursor) {
        Path f = file(container);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling("cursor.tmp");
            Files.writeString(tmp, cursor, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new TributaryException("cannot write cursor " + f + ": " + e.getMessage(), e);
        }
    }
}
