package dev.tributary.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.testkit.GitCli;
import dev.tributary.testkit.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailmapMatchesGitCheckMailmapTest {
    @TempDir
    Path dir;

    static final String MAILMAP = String.join("\n",
            "# all four forms, comments, case",
            "Ann Lee <ann@old.example>",
            "<bob@redhat.com> <bob@gmail.com>",
            "Cy Young <cy@suse.de> <CY@Home.example>",
            "Di Proper <di@intel.com> di <di@laptop.local>",
            "Di Other <other@intel.com> Someone Else <di@laptop.local>  # trailing comment",
            "");

    @Test
    void every_line_form_maps_as_git_check_mailmap_does() throws Exception {
        try (TestRepo r = TestRepo.init(dir)) {
            r.commit().put("x", "1\n").create();
        }
        Files.writeString(dir.resolve(".mailmap"), MAILMAP, StandardCharsets.UTF_8);
        Mailmap m = Mailmap.parse(MAILMAP);
        List<String[]> cases = List.of(
                new String[] {"ann", "ann@old.example"}, new String[] {"Bobby", "bob@gmail.com"},
                new String[] {"Bobby", "BOB@GMAIL.COM"}, new String[] {"cy", "cy@home.example"},
                new String[] {"di", "di@laptop.local"}, new String[] {"DI", "di@laptop.local"},
                new String[] {"Someone Else", "di@laptop.local"}, new String[] {"Nobody", "di@laptop.local"},
                new String[] {"Zed", "zed@nowhere.example"});
        for (String[] c : cases) {
            String contact = c[0] + " <" + c[1] + ">";
            String expected = new String(GitCli.run(dir, "check-mailmap", contact), StandardCharsets.UTF_8).trim();
            Mailmap.Mapping got = m.map(c[0], c[1]);
            assertEquals(expected, got.name() + " <" + got.email() + ">", contact);
        }
    }
}
