package dev.tributary.metrics;

import dev.tributary.TributaryException;

/**
 * The shape every metric shares, whatever its source (commits: {@link Health.Metric}; mail:
 * {@link MailMetrics.Metric}; the next sources alike): a name users type with dashes, a one-line
 * definition (CHAOSS's name in parentheses where one exists), and whether its counts add up across groups
 * so that a series can split them by organization or person. Implemented by enums; their constants are
 * listed in definition order by {@code --list}/{@code --definitions} and the API's index.
 */
public interface MetricDefinition {
    /** The enum constant's name, underscores between words. */
    String name();

    /** One line: what is counted, and the CHAOSS metric it follows. */
    String definition();

    /** Counts that add up across groups, so {@code --by} splits them; other metrics are given for all only. */
    boolean splits();

    /** The name users type: dashes, not underscores. */
    default String label() {
        return name().replace('_', '-');
    }

    /**
     * The metric of {@code kind} named {@code label} (dashes or underscores).
     *
     * @throws TributaryException.InvalidInput naming the label and where {@code hint} says they are listed
     */
    static <E extends Enum<E> & MetricDefinition> E of(Class<E> kind, String label, String what, String hint) {
        try {
            return Enum.valueOf(kind, label.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new TributaryException.InvalidInput("unknown " + what + " '" + label + "'; " + hint);
        }
    }
}
