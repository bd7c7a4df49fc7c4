package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.web.Widgets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics --kind}: the CHAOSS contributor metrics over another kind of contribution (mail messages),
 * checked against the mail metrics' own count of posters and a hand count; commits stay the default.
 */
class KindOfContributionTest {
    @TempDir
    Path dir;

    @Test
    void contributor_metrics_count_the_lists_posters_with_kind_message_and_commits_by_default() throws Exception {
        Widgets w = Widgets.create(dir);
        Path archives = Files.createDirectories(dir.resolve("archives"));
        Files.writeString(archives.resolve("2012.mbox"), GoldenOutputsTest.MBOX);
        Path project = dir.resolve("with-mail.yaml");
        Files.writeString(project, Files.readString(w.project) + "mailingLists:\n  - name: dev\n    paths: [archives/*.mbox]\n");
        String db = w.db.toString();
        assertEquals(0, AnalyzeCommandTest.tributary("collect", "mail", "--quiet", "--db", db, "--project", project.toString()).code());

        AnalyzeCommandTest.Run messages = AnalyzeCommandTest.tributary("metrics", "--db", db, "--project", project.toString(),
                "--no-collect", "--kind", "message", "--format", "json", "contributors", "new-contributors", "elephant-factor");
        assertEquals(0, messages.code(), messages.err());
        // Ann, Bob (two addresses, one individual by the gitdm alias), Cy and Dee posted; Acme Labs and Initech
        // post two or more messages each, so one of them makes half of the known ones
        assertEquals(Map.of("all contributors", 4.0, "all new-contributors", 4.0, "all elephant-factor", 1.0),
                MailCommandTest.values(new ObjectMapper().readTree(messages.out())));
        AnalyzeCommandTest.Run posters = AnalyzeCommandTest.tributary("mail", "--db", db, "--list", "dev", "--format", "json", "posters");
        assertEquals(4.0, MailCommandTest.values(new ObjectMapper().readTree(posters.out())).get("all posters"),
                "the mail metrics' own count of posters");

        AnalyzeCommandTest.Run commits = AnalyzeCommandTest.tributary("metrics", "--db", db, "--project", project.toString(),
                "--no-collect", "--format", "json", "contributors");
        assertEquals(Map.of("all contributors", 3.0), MailCommandTest.values(new ObjectMapper().readTree(commits.out())),
                "commits by default: Ann, Bob and Cy; the bot left out");

        AnalyzeCommandTest.Run lines = AnalyzeCommandTest.tributary("metrics", "--db", db, "--project", project.toString(),
                "--no-collect", "--kind", "message", "lines-added");
        assertEquals(3, lines.code());
        assertTrue(lines.err().contains("metric 'lines-added' counts commits and their lines, not message contributions"), lines.err());
    }
}
