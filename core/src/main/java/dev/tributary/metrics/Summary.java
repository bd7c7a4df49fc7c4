package dev.tributary.metrics;

import java.util.List;

/**
 * The headline answer to "who built this?" for a scope. Counts are of non-merge commits; bots are left
 * out of people and organization figures unless the scope includes them, and are reported apart.
 *
 * @param elephantFactor fewest organizations making 50% of the commits whose organization is known
 * @param ponyFactor     fewest people making 50% of the commits
 * @param unknownShare   share of (non-bot) commits whose author has no known organization
 * @param topContributorsByLines the same people as {@code topContributors}, ranked by lines changed
 *                       (added plus removed)
 * @param botsIncluded   whether bots count as contributors and in organization figures
 * @param botAccounts    every bot in the scope, by commits, whether or not bots are counted as people
 */
public record Summary(
        List<String> repositories,
        long commits,
        long merges,
        long contributors,
        long organizations,
        long linesAdded,
        long linesRemoved,
        int elephantFactor,
        int ponyFactor,
        double unknownShare,
        long botCommits,
        double botShare,
        long bots,
        boolean botsIncluded,
        String firstActivity,
        String lastActivity,
        List<Contributor> topContributors,
        List<Contributor> topContributorsByLines,
        List<Organization> topOrganizations,
        List<Bot> botAccounts,
        long warningCount,
        List<String> warnings) {

    public record Contributor(String name, String email, String organization, long commits, long linesAdded,
            long linesRemoved) {
    }

    public record Bot(String name, String email, long commits, long linesAdded, long linesRemoved) {
    }

    public record Organization(String name, long commits, long contributors, long linesAdded, long linesRemoved) {
    }
}
