package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * What every dashboard page's browser test reads and does: the page loaded without an error, the figures' values,
 * the charts drawn, a filter applied.
 */
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

    /** Asserts the shown value of each figure {@code #fig-ID} in {@code expected} (id to value), all in one message. */
    static void assertFigures(Browser b, Map<String, String> expected) {
        Map<String, String> shown = new TreeMap<>();
        expected.keySet().forEach(id -> shown.put(id, figure(b, id)));
        assertEquals(new TreeMap<>(expected), shown);
    }

    /** Asserts each chart {@code #ID} has drawn its canvas. */
    static void assertDrawn(Browser b, String... charts) {
        for (String chart : charts) {
            assertFalse(b.driver.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty(), chart + " is drawn");
        }
    }

    /**
     * Chooses {@code value} in the filter {@code <select id=ID>}, applies it, and waits until the page it leads to,
     * whose URL contains {@code urlPart}, has loaded.
     */
    static void filter(Browser b, String id, String value, String urlPart) {
        new Select(b.driver.findElement(By.id(id))).selectByValue(value);
        b.driver.findElement(By.id("f-apply")).click();
        b.waitUpTo(20).until(d -> d.getCurrentUrl().contains(urlPart));
        loaded(b);
    }
}
