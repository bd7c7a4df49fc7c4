package dev.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.source.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void each_repository_gets_its_own_labelled_bar_left_on_its_line() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (String repo : new String[] {"nova", "keystone"}) {
            Progress labelled = p.labelled(repo);
            labelled.start("commits", 10);
            labelled.advance(10);
            labelled.finish();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("nova: commits") && out.contains("keystone: commits"), out);
        assertTrue(out.contains("10/10"), out);
        // the library draws on its own thread: whether its close ends the line before ours is a race, so a blank
        // line may follow, and how many frames it redraws (each after a carriage return) depends on the machine's
        // load; what must hold is one line of its own per repository as a terminal shows it (a line's last frame)
        List<String> shown = java.util.Arrays.stream(out.split("\n", -1)).map(l -> l.substring(l.lastIndexOf('\r') + 1))
                .filter(l -> !l.isBlank()).toList();
        assertEquals(2, shown.size(), "a finished bar stays, one line each: " + shown);
        assertTrue(shown.get(0).startsWith("nova: commits") && shown.get(1).startsWith("keystone: commits"), shown.toString());
    }

    @Test
    void the_eta_is_not_guessed_from_the_first_commits_and_is_smoothed_after() {
        long s = 1_000_000_000L;
        TerminalProgress.Eta eta = new TerminalProgress.Eta(0);
        // two commits of 10,000 after 0.2 s once said 5,356 s: nothing is said before 3 s and 1% of the work
        assertEquals(Optional.empty(), eta.estimate(s / 5, 2, 10_000));
        assertEquals(Optional.empty(), eta.estimate(2 * s, 90, 10_000));
        for (int t = 3; t <= 10; t++) {
            eta.estimate(t * s, 100L * t, 10_000); // 100 commits a second
        }
        Duration d = eta.estimate(11 * s, 1_100, 10_000).orElseThrow();
        assertTrue(d.toSeconds() >= 80 && d.toSeconds() <= 110, "8,900 left at about 100/s, the slow start smoothed out: " + d);
        // one slow second moves the estimate, but does not multiply it
        Duration after = eta.estimate(12 * s, 1_110, 10_000).orElseThrow();
        assertTrue(after.toSeconds() < 2 * d.toSeconds(), d + " then " + after);
    }
}
