package dev.tributary.source.git;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's process-wide settings, set once, explicitly: JGit keeps its pack-window cache and its system-config
 * reader in static state shared by every repository the process opens, so these are not per-repository
 * options. {@link GitSource#open} calls {@link #install()} first; an embedding application that tunes JGit
 * itself should call it (or not) before opening repositories. Thread-safe; idempotent.
 *
 * <ul>
 * <li>Pack windows of 192 MiB and a 64 MiB delta-base cache instead of JGit's 10 MiB each: delta chains in
 *     real packs are long, and re-inflating bases dominates otherwise (docs/architecture.md).</li>
 * <li>No system-wide gitconfig: JGit finds it by running {@code git --version} and
 *     {@code git config --system} (about 0.1 s a start), and nothing there changes how objects are read;
 *     the user's and the repository's config are still read.</li>
 * </ul>
 */
public final class JGitTuning {
    private static boolean installed;

    private JGitTuning() {
    }

    /** Installs the settings above, once per process. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        // Bigger pack windows and delta-base cache than JGit's defaults (10 MiB each): delta chains in
        // real packs are long, and re-inflating bases dominates otherwise (docs/architecture.md).
        WindowCacheConfig cfg = new WindowCacheConfig();
        cfg.setPackedGitLimit(192L * 1024 * 1024);
        cfg.setPackedGitWindowSize(64 * 1024);
        cfg.setDeltaBaseCacheLimit(64 * 1024 * 1024);
        cfg.setStreamFileThreshold(64 * 1024 * 1024);
        cfg.install();
        // JGit finds the system-wide gitconfig by running `git --version` and `git config --system` (about
        // 0.1 s a start). Nothing there changes how objects are read, so it is not read; the user's and the
        // repository's config still are.
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                return new FileBasedConfig(parent, null, fs) {
                    @Override
                    public void load() {
                        // empty: no system config
                    }

                    @Override
                    public boolean isOutdated() {
                        return false;
                    }
                };
            }
        });
    }
}
