package dev.tributary.source.http;

import java.util.Optional;

/**
 * Where a network source keeps how far it got in each container (a GitHub repository, a Gerrit project):
 * an opaque text of its own (an {@code updated since} time, a next-page URI). A source writes a cursor
 * only after what it read up to it is stored, so a run killed at any point resumes from the last stored
 * page. A source that writes to the store keeps its cursors in the store, in the same transaction as the
 * data; {@link FileCursors} keeps them beside the raw archive.
 */
public interface Cursors {
    Optional<String> get(String container);

    void put(String container, String cursor);
}
