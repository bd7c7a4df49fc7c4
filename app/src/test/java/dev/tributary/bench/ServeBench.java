package dev.tributary.bench;

import dev.tributary.pipeline.ImportCurated;
import dev.tributary.pipeline.Resolve;
import dev.tributary.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the store that {@code bench/serve.sh} loads the API with: the identity benchmark's synthetic
 * activity (100,000 identities, 1,000,000 commits over 2010..2025) with its gitdm files imported and
 * resolved, so that every answer goes through the query-time affiliation resolution.
 *
 * <p>Run: {@code bench/serve.sh} (it calls this with the store's path).
 */
public final class ServeBench {
    private ServeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        long t0 = System.nanoTime();
        try (Store store = Store.open(db)) {
            IdentityBench.generate(store, 100_000, 1_000_000);
            Path dir = Files.createTempDirectory("tributary-serve-bench");
            ImportCurated.run(store, "gitdm", IdentityBench.curated(dir, 100_000));
            Resolve.run(store);
        }
        System.out.printf(Locale.ROOT, "generated 1,000,000 commits by 100,000 identities in %.1f s%n", IdentityBench.secs(t0));
    }
}
