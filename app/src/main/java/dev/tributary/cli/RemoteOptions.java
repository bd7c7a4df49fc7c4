package dev.tributary.cli;

import dev.tributary.source.Progress;
import dev.tributary.source.http.Http;
import dev.tributary.source.http.Pause;
import dev.tributary.source.http.RawArchive;
import dev.tributary.source.http.Token;
import dev.tributary.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The raw archive options of the commands that collect from a web service ({@code collect github},
 * {@code gerrit}, {@code issues}): where every answer is kept, and whether to replay it instead of asking.
 */
final class RemoteOptions {
    @Option(names = "--archive", paramLabel = "DIR", description = "Raw archive folder (default: the store's path + '.raw').")
    Path archive;

    @Option(names = "--offline", description = "Replay the raw archive; no network.")
    boolean offline;

    /**
     * The client: replaying the archive with --offline, else live with the token (looked up only then) and the
     * longest rate-limit wait accepted, archiving every answer.
     */
    Http http(Store store, Supplier<Optional<Token>> token, Duration maxWait, Progress progress) {
        Optional<Token> t = offline ? Optional.empty() : token.get();
        RawArchive raw = new RawArchive(archive != null ? archive : Path.of(store.path() + ".raw"));
        Http.Options o = offline ? Http.Options.replay(raw) : Http.Options.live(t, raw).withMaxWait(maxWait);
        return new Http(o, Pause.sleeping(progress));
    }
}
