package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.openqa.selenium.By;

/** What every dashboard page's browser test reads: the page loaded without an error, and a figure's value. */
final class DashboardPage {
    private DashboardPage() {
    }

    /** Waits until the page says it loaded, then asserts it shows no error and logged none to the console. */
    static void loaded(Browser b) {
        b.waitUpTo(20).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertTrue(b.driver.findElement(By.id("error")).getAttribute("hidden") != null,
                "no error shown: " + b.driver.findElement(By.id("error")).getText());
        assertEquals(List.of(), b.consoleErrors());
    }

    /** The shown value of the figure {@code #fig-ID}. */
    static String figure(Browser b, String id) {
        return b.driver.findElement(By.cssSelector("#fig-" + id + " dd")).getText();
    }
}
