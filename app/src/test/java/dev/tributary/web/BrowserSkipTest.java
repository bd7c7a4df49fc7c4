package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A browser test that cannot run says why, and how to get what is missing (issue 17). */
class BrowserSkipTest {
    @TempDir
    Path dir;

    @Test
    void a_missing_chromium_or_driver_is_named_with_the_debian_package_that_installs_it() throws Exception {
        Path none = dir.resolve("no-chromium");
        Path exe = Files.createFile(dir.resolve("exe"));
        exe.toFile().setExecutable(true);
        assertEquals("browser test skipped: no " + none + " (package chromium); install with: apt-get install -y chromium chromium-driver"
                + " (or give -Dtributary.chromium=PATH -Dtributary.chromedriver=PATH)", Browser.whySkipped(none, exe));
        assertEquals("browser test skipped: no " + none + " (package chromium-driver); install with: apt-get install -y chromium"
                + " chromium-driver (or give -Dtributary.chromium=PATH -Dtributary.chromedriver=PATH)", Browser.whySkipped(exe, none));
        assertNull(Browser.whySkipped(exe, exe), "both there: the test runs");
    }
}
