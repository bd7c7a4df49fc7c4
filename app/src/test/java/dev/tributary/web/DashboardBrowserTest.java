package dev.tributary.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The dashboard over the widgets project in headless Chromium, against a real server ({@link WidgetsDashboard}). */
class DashboardBrowserTest {
    @RegisterExtension
    final WidgetsDashboard dashboard = new WidgetsDashboard();

    @Test
    void the_dashboard_loads_a_filter_changes_the_figures_and_a_person_page_opens(Browser b) throws Exception {
        String base = dashboard.serve();
        b.driver.get(base + "/");
        DashboardPage.loaded(b);
        // all HEAD history: 6 non-merge commits (the bot's included), 3 contributors
        assertEquals("6", DashboardPage.figure(b, "commits"));
        assertEquals("3", DashboardPage.figure(b, "contributors"));
        assertTrue(b.driver.findElements(By.cssSelector("#chart-commits canvas")).size() > 0, "the chart is drawn");
        b.screenshot("dashboard-overview");

        // the release filter: release two has 4 commits; the filter is in the URL
        DashboardPage.filter(b, "f-release", "two", "release=two");
        assertEquals("4", DashboardPage.figure(b, "commits"));
        assertEquals(base + "/?release=two", b.driver.getCurrentUrl());
        assertEquals("two", new Select(b.driver.findElement(By.id("f-release"))).getFirstSelectedOption().getAttribute("value"));
        b.screenshot("dashboard-release-two");

        // a person page, from the people table, keeps the filter in its link
        b.driver.findElement(By.linkText("Bob")).click();
        b.waitUpTo(20).until(d -> d.getCurrentUrl().contains("/person?"));
        DashboardPage.loaded(b);
        assertEquals("Bob", b.driver.findElement(By.id("title")).getText());
        assertTrue(b.driver.getCurrentUrl().contains("release=two"), b.driver.getCurrentUrl());
        assertTrue(b.driver.findElement(By.id("identities")).getText().contains("bob@gmail.com"));
        assertTrue(b.driver.findElement(By.id("stints")).getText().contains("Bob Consulting"));
        assertFalse(b.driver.findElements(By.cssSelector("#chart-person canvas")).isEmpty(), "his activity chart is drawn");
        b.screenshot("dashboard-person-bob");

        // the organization filter opens its page, with the release kept
        b.driver.get(base + "/?release=two");
        DashboardPage.loaded(b);
        DashboardPage.filter(b, "f-name", "Initech", "/organization?");
        assertEquals(base + "/organization?release=two&name=Initech", b.driver.getCurrentUrl());
        assertEquals("Initech", b.driver.findElement(By.id("title")).getText());
        assertEquals("2", DashboardPage.figure(b, "changesets"));
        // its modules: 1 of module cd's 2 commits in release two is Initech's (Bob's d)
        assertTrue(b.driver.findElement(By.id("org-modules")).getText().contains("cd 1 2 50.0%"),
                b.driver.findElement(By.id("org-modules")).getText());
        b.screenshot("dashboard-organization-initech");

        // the module filter: release two within module cd has 2 commits, and stays in the URL
        b.driver.get(base + "/?release=two");
        DashboardPage.loaded(b);
        DashboardPage.filter(b, "f-module", "cd", "module=cd");
        assertEquals("2", DashboardPage.figure(b, "commits"));
        b.screenshot("dashboard-release-two-module-cd");
        assertFalse(b.alertOpen());
    }

    @Test
    void the_overview_shows_patch_review_when_a_list_has_patches(Browser b) throws Exception {
        Path lore = dashboard.dir().resolve("lore");
        try (dev.tributary.testkit.TestInbox inbox = dev.tributary.testkit.TestInbox.v2(lore)) {
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.mail("<p1@acme.com>", "Ann <ann@acme.com>",
                    "Mon, 6 Jan 2020 10:00:00 +0000", "[PATCH] x: fix", "fix"));
            inbox.epoch(0).deliver(dev.tributary.testkit.TestInbox.reply("<r1@initech.com>", "Cy <cy@initech.com>",
                    "Mon, 6 Jan 2020 12:30:00 +0000", "Re: [PATCH] x: fix", "<p1@acme.com>", "Reviewed-by: Cy <cy@initech.com>"));
        }
        dev.tributary.pipeline.CollectMail.run(dashboard.store(), "lore", List.of(lore), dev.tributary.source.Progress.NONE);
        b.driver.get(dashboard.serve() + "/");
        DashboardPage.loaded(b);
        String figures = b.driver.findElement(By.id("patch-figures")).getText();
        assertTrue(figures.contains("patches 1") && figures.contains("review trailers 1")
                && figures.contains("median time to first response 2.5 h"), figures);
        assertTrue(b.driver.findElement(By.id("patch-reviewers")).getText().contains("Initech 1 1"), // the widgets' curated domain rule
                b.driver.findElement(By.id("patch-reviewers")).getText());
        b.screenshot("dashboard-patch-review");
    }
}
