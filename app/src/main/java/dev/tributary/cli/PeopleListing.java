package dev.tributary.cli;

import dev.tributary.metrics.PeopleQuery;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands that list people ({@code identities list}, {@code affiliations unknown}) share: {@code --limit},
 * {@code --format table|json} and the listing itself ({@link CurationCommand#people}).
 */
final class PeopleListing {
    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;
    @Mixin
    ListFormat format;

    /** Lists at most {@code --limit} people of the store (only those with Unknown commits when {@code unknown}). */
    void print(PeopleQuery people, boolean unknown, String match, PrintWriter out) {
        CurationCommand.people(people.list(unknown, limit, match), format, out);
    }
}
