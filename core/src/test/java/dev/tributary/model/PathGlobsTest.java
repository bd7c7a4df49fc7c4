package dev.tributary.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tributary.TributaryException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The glob rules of docs/metrics.md, one line each (the expression is RE2's subset, which java.util.regex shares). */
class PathGlobsTest {
    private static boolean matches(String glob, String path) {
        return Pattern.compile(PathGlobs.regex(List.of(glob))).matcher(path).matches();
    }

    @Test
    void each_rule_matches_what_the_docs_say_and_nothing_else() {
        Object[][] cases = {
                {"nova/compute/**", "nova/compute/api.py", true},
                {"nova/compute/**", "nova/compute/a/b/c.py", true},
                {"nova/compute/**", "nova/computer/api.py", false},
                {"nova/compute", "nova/compute/api.py", true},      // no wildcard: a folder and all below
                {"nova/compute", "nova/compute", true},             // or the file itself
                {"nova/compute", "nova/compute.py", false},
                {"*.rst", "README.rst", true},                      // anchored at the root
                {"*.rst", "doc/index.rst", false},
                {"**/*.rst", "doc/index.rst", true},
                {"**/*.rst", "index.rst", true},                    // '**/' may be no folder at all
                {"doc/*.rst", "doc/a/index.rst", false},            // '*' stays in its segment
                {"a/?.c", "a/x.c", true},
                {"a/?.c", "a/xy.c", false},
                {"plugins/*/", "plugins/x/main.c", true},           // a trailing '/' means folders
                {"plugins/*/", "plugins/readme", false},
                {"a+b/(c)[d].txt", "a+b/(c)[d].txt", true},         // everything else is literal
                {"a+b/(c)[d].txt", "aab/(c)[d].txt", false},
                {"**", "odd\nname", true},                          // a path may hold a newline
        };
        for (Object[] c : cases) {
            assertEquals(c[2], matches((String) c[0], (String) c[1]), c[0] + " on " + c[1]);
        }
    }

    @Test
    void absolute_dot_and_empty_globs_are_refused_with_the_glob_named() {
        for (String bad : new String[] {"/nova/**", "./nova", "", " "}) {
            TributaryException e = assertThrows(TributaryException.class, () -> PathGlobs.check(bad));
            assertEquals(3, e.exitCode(), bad);
        }
    }
}
