package dev.tributary.cli;

import static dev.tributary.cli.AnalyzeCommandTest.tributary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the HTML report publishable, over the widgets project (see {@code web/Widgets}: release
 * {@code two} holds 3 changesets of people and 1 of a bot) and a history with one commit dated 2001.
 */
class PublishableReportTest {
    @TempDir
    Path dir;

    static JsonNode data(String page) throws Exception {
        String open = "id=\"tributary-data\">";
        int at = page.indexOf(open) + open.length();
        return new ObjectMapper().readTree(page.substring(at, page.indexOf("</script>", at)));
    }

    int runs;

    String widgetsReport(String... extra) throws Exception {
        Path dir = Files.createDirectories(this.dir.resolve("w" + runs++));
        dev.tributary.web.Widgets w = dev.tributary.web.Widgets.create(dir);
        Files.writeString(w.project, Files.readString(w.project).replace("releases:\n", """
                releases:
                  - name: one
                    ranges: { widget: v0..v1 }
                """).replace("name: widgets\n", """
                name: widgets
                report:
                  title: Widgets contributors
                  subtitle: Who builds each release
                """));
        dev.tributary.testkit.GitCli.run(dir.resolve("widget"), "tag", "v0", "HEAD~5");
        Path out = dir.resolve("r.html");
        List<String> args = new ArrayList<>(List.of("report", "--quiet", "--db", w.db.toString(), "--project", w.project.toString(),
                "--release", "two", "--format", "html", "--output", out.toString()));
        args.addAll(List.of(extra));
        var run = tributary(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return Files.readString(out);
    }

    @Test
    void the_masthead_comes_from_the_project_file_and_options_override_it() throws Exception {
        String page = widgetsReport();
        assertTrue(page.contains("<h1>Widgets contributors</h1>"), "report.title");
        assertTrue(page.contains("<p class=\"subtitle\">Who builds each release</p>"));
        assertTrue(page.contains("<title>Widgets contributors — Tributary report</title>"));
        Path logo = Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        page = widgetsReport("--title", "Ours <b>", "--logo", logo.toString());
        assertTrue(page.contains("<h1>Ours &lt;b&gt;</h1>"), "an option wins, escaped");
        assertTrue(page.contains("<img class=\"logo\" src=\"data:image/png;base64,iVBORw==\""), "the logo inlined");
    }

    @Test
    void the_footer_states_when_it_was_generated_the_data_as_of_the_version_and_the_exact_scope() throws Exception {
        String page = widgetsReport();
        String footer = page.substring(page.indexOf("<footer>"), page.indexOf("</footer>"));
        assertTrue(Pattern.compile("Generated \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ by Tributary 0\\.1\\.0").matcher(footer).find(), footer);
        assertTrue(Pattern.compile("Data as of \\d{4}-\\d\\d-\\d\\dT").matcher(footer).find(), footer);
        assertTrue(footer.contains("Scope: widgets two = widget range:v1..v2"), footer);
        assertTrue(footer.contains("bots excluded; merges excluded; addresses masked"), footer);
    }

    @Test
    void the_headline_counts_what_the_tables_count() throws Exception {
        String page = widgetsReport();
        // release two: Ann, Bob and Cy one changeset each; the bot's changeset is left out of both
        assertEquals("3", HtmlReportTest.figure(page, "commits"));
        assertEquals("3", HtmlReportTest.figure(page, "contributors"));
        assertEquals("1", HtmlReportTest.figure(page, "bots"));
        long tableTotal = 0;
        Matcher m = Pattern.compile("<tr><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td class=\"n\" data-v=\"(\\d+)\">").matcher(
                page.substring(page.indexOf("id=\"top-people\""), page.indexOf("</table>", page.indexOf("id=\"top-people\""))));
        while (m.find()) {
            tableTotal += Long.parseLong(m.group(1));
        }
        assertEquals(3, tableTotal, "the people table adds up to the headline");
    }

    @Test
    void every_organization_has_one_colour_in_every_chart_and_shares_are_bars_with_other() throws Exception {
        JsonNode d = data(widgetsReport("--top", "1"));
        JsonNode colors = d.get("colors");
        Set<String> used = new HashSet<>();
        for (String org : List.of("Acme Labs", "Initech")) {
            assertNotNull(colors.get(org), org + " has a colour");
            assertTrue(used.add(colors.get(org).asText()), "distinct colours");
        }
        assertEquals("#9e9e9e", colors.get("Unknown").asText(), "a fixed grey, never a company's colour");
        JsonNode changesets = d.get("shares").get("changesets");
        assertEquals(2, changesets.size(), "the top 1, then Other");
        assertEquals("Other", changesets.get(1).get("name").asText());
        assertEquals(1.0, changesets.get(0).get("share").asDouble() + changesets.get(1).get("share").asDouble(), 1e-9);
        String js = new String(dev.tributary.report.HtmlReport.class.getResourceAsStream("report.js").readAllBytes());
        assertFalse(js.contains("'pie'"), "no donuts");
    }

    @Test
    void organizations_are_shown_release_over_release_in_the_file_s_order() throws Exception {
        JsonNode t = data(widgetsReport()).get("trends");
        assertEquals(List.of("one", "two"), List.of(t.get("releases").get(0).asText(), t.get("releases").get(1).asText()));
        // release one (v0..v1): Bob's first changeset only (Bob Consulting before 2012-05-01) -> 100%
        assertEquals(1.0, t.get("shares").get("Bob Consulting").get(0).asDouble(), 1e-9);
        assertEquals(2 / 3.0, t.get("shares").get("Initech").get(1).asDouble(), 1e-9, "release two: Bob (Initech since 2012-05-01) and Cy");
    }

    @Test
    void a_commit_dated_years_before_the_rest_is_cut_from_the_axes_and_named_in_the_notes() throws Exception {
        Path repo = dir.resolve("clocks");
        try (TestRepo r = TestRepo.init(repo)) {
            r.commit().by("Old", "old@acme.com", "2001-03-04T10:00:00Z").put("a", "1\n").create();
            for (int i = 1; i <= 24; i++) {
                r.commit().by("Ann", "ann@acme.com", String.format("2021-%02d-%02dT10:00:00Z", 1 + i / 3, 1 + i % 3 * 9))
                        .put("a", "1\n" + i + "\n").create();
            }
        }
        Path out = dir.resolve("c.html");
        var run = tributary("report", "--quiet", "--db", dir.resolve("c.duckdb").toString(), "--format", "html", "--output",
                out.toString(), repo.toString());
        assertEquals(0, run.code(), run.err());
        String page = Files.readString(out);
        JsonNode periods = data(page).get("periods");
        assertTrue(periods.get(0).asText().startsWith("2021"), "the axes start with the rest of the history: " + periods);
        assertTrue(page.contains("1 commit dated from 2001"), "named in the notes");
        assertEquals("25", HtmlReportTest.figure(page, "commits"), "and still counted");
        assertEquals("month", data(page).get("interval").asText(),
                "the period chosen for the 9 months shown (2021-01..2021-09), not for 2001..2021 (quarters)");
    }
}
