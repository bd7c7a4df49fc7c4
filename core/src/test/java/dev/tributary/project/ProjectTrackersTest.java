package dev.tributary.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.tributary.project.ProjectTrackersTest.Where.END;
import static dev.tributary.project.ProjectTrackersTest.Where.WITHIN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tributary.TributaryException;
import dev.tributary.source.issues.TrackerKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class ProjectTrackersTest {
    @TempDir
    Path dir;

    Project load(String yaml) throws Exception {
        return Project.load(Files.writeString(dir.resolve("tributary.yaml"), "repositories: [repo]\n" + yaml));
    }

    String refused(String yaml) {
        return assertThrows(TributaryException.InvalidInput.class, () -> load(yaml)).getMessage();
    }

    @Test
    void every_kind_of_tracker_is_read_live_or_from_saved_responses() throws Exception {
        Path items = Files.createDirectories(dir.resolve("rust-issue-archive/items"));
        Project p = load("""
                trackers:
                  - name: rust-lang/rust
                    kind: github
                    project: rust-lang/rust
                  - name: rust-archive
                    kind: github
                    paths: [rust-issue-archive/items, backup/issues]
                  - name: ZOOKEEPER
                    kind: jira
                    project: ZOOKEEPER
                    apiUrl: https://issues.apache.org/jira
                    tokenEnv: ASF_JIRA_TOKEN
                  - name: zk-saved
                    kind: jira
                    path: bug_reports/Zookeeper/details
                  - name: nova
                    kind: launchpad
                    project: nova
                  - name: gluster
                    kind: Bugzilla
                    project: GlusterFS
                    tokenFile: secrets/bugzilla-key
                """);
        assertEquals(List.of("rust-lang/rust", "rust-archive", "ZOOKEEPER", "zk-saved", "nova", "gluster"),
                p.trackers().stream().map(Project.Tracker::name).toList());
        Project.Tracker gh = p.tracker("rust-lang/rust").orElseThrow();
        assertTrue(gh.live());
        assertEquals(URI.create("https://api.github.com"), gh.api(), "the kind's public server by default");
        Project.Tracker archive = p.tracker("rust-archive").orElseThrow();
        assertFalse(archive.live());
        assertEquals(List.of(items, dir.resolve("backup/issues")), archive.paths(), "relative to the project file");
        assertEquals(TrackerKind.BUGZILLA, p.tracker("gluster").orElseThrow().kind());
        assertEquals(dir.resolve("secrets/bugzilla-key"), p.tracker("gluster").orElseThrow().tokenFile());
        assertEquals(URI.create("https://api.launchpad.net/1.0"), p.tracker("nova").orElseThrow().api());
    }

    @Test
    void a_credential_comes_from_the_named_variable_or_file_and_never_shows() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/key"), "s3cr3t-key\n");
        Project p = load("""
                trackers:
                  - {name: a, kind: jira, project: ZK, tokenEnv: ASF_JIRA_TOKEN}
                  - {name: b, kind: bugzilla, project: GlusterFS, tokenFile: secrets/key}
                  - {name: c, kind: github, project: o/r}
                """);
        assertEquals("$ASF_JIRA_TOKEN", p.tracker("a").orElseThrow().token(Map.of("ASF_JIRA_TOKEN", "x1")).orElseThrow().origin());
        String unset = assertThrows(TributaryException.InvalidInput.class, () -> p.tracker("a").orElseThrow().token(Map.of())).getMessage();
        assertEquals("tracker 'a': tokenEnv names $ASF_JIRA_TOKEN, which is not set", unset);
        var fromFile = p.tracker("b").orElseThrow().token(Map.of()).orElseThrow();
        assertEquals("token file key", fromFile.origin());
        assertFalse(fromFile.toString().contains("s3cr3t"));
        assertEquals("$GITHUB_TOKEN", p.tracker("c").orElseThrow().token(Map.of("GITHUB_TOKEN", "g")).orElseThrow().origin(),
                "the kind's usual variable when none is named");
        assertTrue(p.tracker("c").orElseThrow().token(Map.of()).isEmpty(), "else anonymous");
    }

    @Test
    void a_credential_written_in_the_file_is_refused_by_its_key() {
        assertTrue(refused("trackers:\n  - {name: z, kind: jira, project: ZK, token: abc}\n").endsWith(
                "tributary.yaml:3:5: trackers[0] 'z'.token: a credential never goes in the project file; name the environment "
                        + "variable that holds it (tokenEnv) or a file (tokenFile)"));
        assertTrue(refused("trackers:\n  - {name: z, kind: bugzilla, project: P, apiKey: abc}\n").contains("trackers[0] 'z'.apiKey: a credential never"));
        assertTrue(refused("trackers:\n  - {name: z, kind: jira, project: ZK, apiUrl: 'https://me:pw@jira.example.org'}\n")
                .contains("trackers[0] 'z'.apiUrl: a credential never goes in the project file"));
    }

    /** Where the text a case expects stands in the refusal: at its end, or within it (a hint or the known keys may follow). */
    enum Where {
        END, WITHIN;

        boolean holds(String message, String text) {
            return this == END ? message.endsWith(text) : message.contains(text);
        }
    }

    /** Each mistake in a project's one tracker entry, with the text that names its place, the entry and the key at fault. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("{kind: jira, project: ZK}", WITHIN, "tributary.yaml:3:5: trackers[0] has no name"),
                arguments("{name: z, project: ZK}", END, "trackers[0] 'z'.kind is missing: github, jira, launchpad or bugzilla"),
                arguments("{name: z, kind: gitlab, project: ZK}", END,
                        "trackers[0] 'z'.kind: unknown tracker kind 'gitlab': github, jira, launchpad or bugzilla"),
                arguments("{name: z, kind: jira}", END, "trackers[0] 'z': give 'project' (collected live) or 'paths' (saved responses), one of them"),
                arguments("{name: z, kind: jira, project: ZK, paths: [x]}", END, "not both"),
                arguments("{name: z, kind: jira, paths: [x], tokenEnv: T}", END,
                        "trackers[0] 'z': tokenEnv is for a live tracker (with 'project'); saved responses need none"),
                arguments("{name: z, kind: jira, project: ZK, tokenEnv: 'my token'}", WITHIN,
                        "trackers[0] 'z'.tokenEnv: expected the name of an environment variable (letters, digits, _), such as JIRA_TOKEN"),
                arguments("{name: z, kind: jira, project: ZK, tokenEnv: T, tokenFile: f}", END, "give 'tokenEnv' or 'tokenFile', not both"),
                arguments("{name: z, kind: github, project: '../etc'}", END, "trackers[0] 'z'.project: bad github project '../etc'"),
                arguments("{name: z, kind: jira, project: ZK, apiUrl: 'ftp://x'}", END, "trackers[0] 'z'.apiUrl: 'ftp://x' is not an http(s) URL"),
                arguments("{name: z, kind: jira, project: ZK, tokenenv: T}", WITHIN, "unknown key 'tokenenv' in trackers[0]; did you mean 'tokenEnv'?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void each_mistake_names_the_entry_and_the_key(String entry, Where where, String text) {
        String m = refused("trackers:\n  - " + entry + "\n");
        assertTrue(where.holds(m, text), m);
    }

    @Test
    void a_name_given_twice_is_refused_at_its_second_entry() {
        String m = refused("trackers:\n  - {name: z, kind: jira, project: ZK}\n  - {name: z, kind: jira, project: ZK}\n");
        assertTrue(m.contains("tributary.yaml:4:5: trackers[1] 'z': the name 'z' is used twice"), m);
    }
}
