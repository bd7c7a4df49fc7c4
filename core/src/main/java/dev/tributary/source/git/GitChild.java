package dev.tributary.source.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a git child process reads a repository: with git's defaults and nothing of the caller's surroundings, so
 * that what it prints depends on the repository alone. The one home of that rule for every git the git source
 * starts.
 */
final class GitChild {
    /** Variables that point git at other objects, another work tree or index than those of {@code --git-dir}. */
    private static final List<String> ELSEWHERE = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE");

    /** The name of an index file no git writes: read as an empty index. */
    private static final String NO_INDEX = "tributary-no-index";

    private GitChild() {
    }

    /**
     * {@code git --git-dir=DIR ARGS...} run in {@code gitDir}. The user's and the system's config are left out
     * (diff.algorithm, log.showRoot, log.showSignature would change the output), and so are replace refs and lazy
     * fetches (a partial clone stays as it is: read-only). No {@code .gitattributes} applies ({@code -diff} or
     * {@code binary} would change the counts). git reads them from the work tree, which for an explicit
     * {@code --git-dir} is the folder it runs in, and then from the index. So git runs in the git directory as a
     * bare repository ({@code --bare}: no work tree, and no attributes looked up at all, unless the repository's
     * config says it has one: then the git directory, which holds none), with an index that does not exist (empty); the user's and the system's attributes
     * files are left out too. So a checkout, its bare clone and a clone by URL give the same figures, wherever
     * tributary runs. The repository's own {@code info/attributes} still applies.
     */
    static ProcessBuilder reading(Path gitDir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir, "--bare", "-c",
                "core.attributesFile=/dev/null", "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        ProcessBuilder pb = plain(new ProcessBuilder(command));
        pb.directory(gitDir.toFile());
        pb.environment().put("GIT_INDEX_FILE", gitDir.resolve(NO_INDEX).toString());
        pb.environment().put("GIT_NO_REPLACE_OBJECTS", "1");
        return pb;
    }

    /**
     * Removes the variables that would point {@code pb}'s git at another repository, object store, work tree or index
     * than it names (a hook or an IDE sets them): every git tributary starts, clones and fetches included.
     */
    static ProcessBuilder leaveOutElsewhere(ProcessBuilder pb) {
        ELSEWHERE.forEach(pb.environment()::remove);
        return pb;
    }

    /** A git command that reads no repository ({@code git patch-id}), with the same surroundings left out. */
    static ProcessBuilder plain(ProcessBuilder pb) {
        Map<String, String> env = leaveOutElsewhere(pb).environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_ATTR_NOSYSTEM", "1");
        env.put("GIT_NO_LAZY_FETCH", "1");
        env.put("LC_ALL", "C");
        return pb;
    }
}
