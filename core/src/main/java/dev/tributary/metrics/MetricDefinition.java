package dev.tributary.metrics;

/**
 * The shape every metric shares, whatever its source (commits: {@link Health.Metric}; mail:
 * {@link MailMetrics.Metric}; the next sources alike): a name users type with dashes and a one-line
 * definition ({@link MetricName}), and whether its counts add up across groups so that a series can split
 * them by organization or person. Implemented by enums; their constants are listed in definition order by
 * {@code --list}/{@code --definitions} and the API's index.
 */
public interface MetricDefinition extends MetricName {
    /** Counts that add up across groups, so {@code --by} splits them; other metrics are given for all only. */
    boolean splits();
}
