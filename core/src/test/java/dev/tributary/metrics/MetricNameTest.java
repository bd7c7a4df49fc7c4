package dev.tributary.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A metric's definition is the line written on its constant, for every source's metrics. */
class MetricNameTest {
    @Test
    void every_metric_of_every_source_is_defined_by_the_line_on_its_constant() {
        List<MetricName> all = Stream.<MetricName[]>of(Health.Metric.values(), MailMetrics.Metric.values(),
                PatchMetrics.Metric.values(), ReviewMetrics.Metric.values(), IssueMetrics.Metric.values())
                .flatMap(Arrays::stream).toList();
        for (MetricName m : all) {
            assertFalse(m.definition().isBlank(), m.label());
        }
        assertEquals("non-merge commits (CHAOSS: Code Changes Commits)", Health.Metric.commits.definition());
        assertEquals("messages posted in the period", MailMetrics.Metric.messages.definition());
        assertEquals("median hours from a thread's first message to the first reply by someone else, bots excluded, over the "
                + "period's answered threads (CHAOSS: Time to First Response)",
                MailMetrics.Metric.time_to_first_response_median.definition());
        assertEquals("patches landed in the period (by committer date), split by the committer with --by person",
                PatchMetrics.Metric.maintainer_load.definition());
        assertEquals("change requests opened in the period (CHAOSS: Change Requests)",
                ReviewMetrics.Metric.change_requests_new.definition());
        assertEquals("issues reported in the period (CHAOSS: Issues New)", IssueMetrics.Metric.issues_new.definition());
    }
}
